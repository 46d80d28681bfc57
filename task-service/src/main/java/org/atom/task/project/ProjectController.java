package org.atom.task.project;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.JsonFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/projects}: projects with filters, sorting, paging, progress and conditional requests (a project's
 * tasks are listed by the task feature, at {@code /api/projects/{id}/tasks}). Bodies are read field by field
 * ({@link ProjectInput}: absent and {@code null} differ) and documented as the project they write; read-only
 * fields sent back are ignored.
 */
@RestController
@Validated
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectService service;
    private final ProjectQuery query;

    ProjectController(ProjectService service, ProjectQuery query) {
        this.service = service;
        this.query = query;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProjectView> create(
            @RequestBody(content = @Content(schema = @Schema(implementation = ProjectView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        ProjectView project = service.create(CurrentUser.id(), ProjectInput.parse(body));
        return ResponseEntity.created(URI.create("/api/projects/" + project.id()))
                .eTag(ProjectETags.of(project))
                .body(project);
    }

    /**
     * Every project unless {@code archived} or {@code kind} (repeatable: any of the values) narrow it; {@code q}
     * searches the name and description. Default order: {@code position}, then id.
     */
    @GetMapping
    ResponseEntity<List<ProjectView>> list(
            @RequestParam(required = false) Boolean archived,
            @RequestParam(required = false) List<String> kind,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        ProjectQuery.Filter filter =
                new ProjectQuery.Filter(archived, kinds(kind), q == null || q.isBlank() ? null : q.strip());
        return query.list(CurrentUser.id(), filter, ProjectQuery.Sort.parse(sort), CursorPageRequest.of(limit, cursor))
                .toResponse();
    }

    @GetMapping("/{id}")
    ResponseEntity<ProjectView> get(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) @Size(max = 200) String ifNoneMatch) {
        return ProjectETags.ok(ifNoneMatch, service.get(CurrentUser.id(), id));
    }

    /** How far the project is: derived from its tasks (cancelled ones left out) unless overridden. */
    @GetMapping("/{id}/progress")
    ProjectProgress progress(@PathVariable UUID id) {
        return service.progress(CurrentUser.id(), id);
    }

    /** Partial, as the original API's updates: absent fields stay, an explicit {@code null} clears. */
    @PutMapping(value = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProjectView> replace(
            @PathVariable UUID id,
            @RequestBody(content = @Content(schema = @Schema(implementation = ProjectView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, ProjectInput.parse(body), ifMatch, false));
    }

    /** JSON merge patch (RFC 7396): as {@code PUT}, except that {@code development.metrics} is merged. */
    @PatchMapping(
            value = "/{id}",
            consumes = {JsonFields.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ProjectView> patch(
            @PathVariable UUID id,
            @RequestBody(content = @Content(schema = @Schema(implementation = ProjectView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, ProjectInput.parse(body), ifMatch, true));
    }

    /** 204; the project's tasks stay, without a project. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        service.delete(CurrentUser.id(), id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ProjectView> updated(ProjectView project) {
        return ResponseEntity.ok().eTag(ProjectETags.of(project)).body(project);
    }

    private static List<ProjectKind> kinds(List<String> values) {
        List<ProjectKind> kinds = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                kinds.add(ProjectKind.of(value.strip())
                        .orElseThrow(() -> BadRequestException.of("kind", "must be one of " + ProjectKind.allowed())));
            }
        }
        return kinds;
    }
}
