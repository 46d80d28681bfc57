package org.atom.task.task;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.ETags;
import org.atom.platform.web.JsonFields;
import org.atom.platform.web.StorableText;
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
 * {@code /api/tasks}: the original API's routes, with filters, sorting, paging, stats and conditional requests; and
 * a project's tasks, {@code /api/projects/{id}/tasks}, with the same filters. Bodies are read field by field
 * ({@link TaskInput}: absent and {@code null} differ) and documented as the task they write; read-only fields sent
 * back are ignored.
 */
@RestController
@Validated
@RequestMapping("/api")
class TaskController {

    private final TaskService service;
    private final TaskQuery query;
    private final TaskStats stats;
    private final UserProfiles profiles;
    private final java.time.Clock clock;

    TaskController(
            TaskService service, TaskQuery query, TaskStats stats, UserProfiles profiles, java.time.Clock clock) {
        this.service = service;
        this.query = query;
        this.stats = stats;
        this.profiles = profiles;
        this.clock = clock;
    }

    @PostMapping(value = "/tasks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskView> create(
            @RequestBody(content = @Content(schema = @Schema(implementation = TaskView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        TaskView task = service.create(CurrentUser.id(), TaskInput.parse(body));
        return ETags.created(URI.create("/api/tasks/" + task.id()), task.version(), task);
    }

    /**
     * Top-level tasks unless {@code parentId} names a task (its subtasks) or is {@code any} (every task). Repeated
     * {@code status}/{@code priority} match any of the values, repeated {@code tag} all of them. {@code dueBefore}
     * and {@code dueAfter} take a date (the start of that day in {@code timeZone}, default the user's) or a
     * date-time; {@code projectId} narrows to one project's tasks. Default order: {@code createdAt}, then id.
     */
    @GetMapping("/tasks")
    ResponseEntity<List<TaskView>> list(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> tag,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(required = false) String dueAfter,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean ready,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) String projectId,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String owner = CurrentUser.id();
        TaskQuery.Filter filter = filter(
                owner,
                status,
                priority,
                tag,
                dueBefore,
                dueAfter,
                overdue,
                ready,
                parentId,
                project(projectId),
                q,
                timeZone);
        return query.list(
                        owner, filter, TaskQuery.Sort.parse(sort), CursorPageRequest.of(limit, cursor), clock.instant())
                .toResponse();
    }

    /** A project's tasks, with the filters, sorts and paging of {@code GET /api/tasks}; another user's project → 404. */
    @GetMapping("/projects/{id}/tasks")
    ResponseEntity<List<TaskView>> listInProject(
            @PathVariable UUID id,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> tag,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(required = false) String dueAfter,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean ready,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String owner = CurrentUser.id();
        TaskQuery.Filter filter =
                filter(owner, status, priority, tag, dueBefore, dueAfter, overdue, ready, parentId, null, q, timeZone);
        return query.listInProject(
                        owner,
                        id,
                        filter,
                        TaskQuery.Sort.parse(sort),
                        CursorPageRequest.of(limit, cursor),
                        clock.instant())
                .toResponse();
    }

    @GetMapping("/tasks/stats")
    TaskStats.Stats stats(@RequestParam(required = false) String timeZone) {
        String owner = CurrentUser.id();
        return stats.of(
                owner,
                profiles.of(owner),
                timeZone == null ? null : zone(timeZone, owner).get());
    }

    @GetMapping("/tasks/{id}")
    ResponseEntity<TaskView> get(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        TaskView task = service.get(CurrentUser.id(), id);
        return ETags.ok(ifNoneMatch, task.version(), task);
    }

    /** Partial, as the original: absent fields stay, an explicit {@code null} clears. */
    @PutMapping(value = "/tasks/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskView> replace(
            @PathVariable UUID id,
            @RequestBody(content = @Content(schema = @Schema(implementation = TaskView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, TaskInput.parse(body), ifMatch));
    }

    /** JSON merge patch (RFC 7396); for a task's flat fields the same as {@code PUT}. */
    @PatchMapping(
            value = "/tasks/{id}",
            consumes = {JsonFields.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<TaskView> patch(
            @PathVariable UUID id,
            @RequestBody(content = @Content(schema = @Schema(implementation = TaskView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, TaskInput.parse(body), ifMatch));
    }

    @DeleteMapping("/tasks/{id}")
    ResponseEntity<Void> delete(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        service.delete(CurrentUser.id(), id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<TaskView> updated(TaskView task) {
        return ResponseEntity.ok().eTag(ETags.of(task.version())).body(task);
    }

    private TaskQuery.Filter filter(
            String owner,
            List<String> status,
            List<String> priority,
            List<String> tag,
            String dueBefore,
            String dueAfter,
            Boolean overdue,
            Boolean ready,
            String parentId,
            UUID projectId,
            String q,
            String timeZone) {
        Supplier<ZoneId> zone = zone(timeZone, owner);
        return new TaskQuery.Filter(
                choices("status", status, TaskStatus::of, TaskStatus.allowed()),
                choices("priority", priority, TaskPriority::of, TaskPriority.allowed()),
                tags(tag),
                instant("dueBefore", dueBefore, zone),
                instant("dueAfter", dueAfter, zone),
                overdue,
                ready,
                parent(parentId),
                projectId,
                text(q));
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        List<String> stripped = tags.stream().map(String::strip).toList();
        for (String tag : stripped) {
            if (tag.isEmpty() || tag.length() > TaskInput.MAX_TAG || StorableText.problem(tag) != null) {
                throw BadRequestException.of("tag", "must be 1 to " + TaskInput.MAX_TAG + " characters of text");
            }
        }
        return stripped;
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String problem = StorableText.problem(q);
        if (problem != null) {
            throw BadRequestException.of("q", problem);
        }
        return q.strip();
    }

    /** The stated zone, checked now; else the user's, looked up only if a date needs it (most lists do not). */
    private Supplier<ZoneId> zone(String timeZone, String owner) {
        if (timeZone == null || timeZone.isBlank()) {
            return () -> profiles.of(owner).timeZone();
        }
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw BadRequestException.of("timeZone", "must be an IANA time zone such as Europe/Berlin");
        }
        ZoneId stated = ZoneId.of(timeZone);
        return () -> stated;
    }

    private static <E> List<E> choices(
            String name, List<String> values, Function<String, java.util.Optional<E>> of, String allowed) {
        List<E> parsed = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                parsed.add(of.apply(value.strip())
                        .orElseThrow(() -> BadRequestException.of(name, "must be one of " + allowed)));
            }
        }
        return parsed;
    }

    private static Instant instant(String name, String value, Supplier<ZoneId> zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(zone.get()).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw BadRequestException.of(name, "must be a date (YYYY-MM-DD) or a date-time with an offset");
        }
    }

    private static UUID project(String projectId) {
        if (projectId == null || projectId.isBlank()) {
            return null;
        }
        try {
            if (projectId.length() == 36) {
                return UUID.fromString(projectId);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw BadRequestException.of("projectId", "must be a project id (UUID)");
    }

    private static String parent(String parentId) {
        if (parentId == null || parentId.isBlank()) {
            return null;
        }
        if (TaskQuery.ANY_PARENT.equals(parentId)) {
            return parentId;
        }
        try {
            return UUID.fromString(parentId).toString();
        } catch (IllegalArgumentException e) {
            throw BadRequestException.of("parentId", "must be a task id or 'any'");
        }
    }
}
