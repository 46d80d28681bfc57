package org.atom.task.note;

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
 * {@code /api/notes}: CRUD, filters, full-text search, keyset paging and conditional requests. Bodies are read field
 * by field ({@link NoteInput}: absent and {@code null} differ) and documented as the note they write; read-only
 * fields sent back are ignored.
 */
@RestController
@Validated
@RequestMapping("/api/notes")
class NoteController {

    private final NoteService service;
    private final NoteQuery query;

    NoteController(NoteService service, NoteQuery query) {
        this.service = service;
        this.query = query;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NoteView> create(
            @RequestBody(content = @Content(schema = @Schema(implementation = NoteView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        NoteView note = service.create(CurrentUser.id(), NoteInput.parse(body));
        return ETags.created(URI.create("/api/notes/" + note.id()), note.version(), note);
    }

    /**
     * Repeated {@code type} matches any of the values, repeated {@code tag} all of them; {@code q} searches title
     * and content (full text). Default order: {@code -updatedAt} (last edited first), then id.
     */
    @GetMapping
    ResponseEntity<List<NoteView>> list(
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String taskId,
            @RequestParam(required = false) String calendarEventId,
            @RequestParam(required = false) Boolean pinned,
            @RequestParam(required = false) List<String> tag,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        NoteQuery.Filter filter = new NoteQuery.Filter(
                types(type), taskId(taskId), calendarEventId(calendarEventId), pinned, tags(tag), text("q", q));
        return query.list(CurrentUser.id(), filter, NoteQuery.Sort.parse(sort), CursorPageRequest.of(limit, cursor))
                .toResponse();
    }

    @GetMapping("/{id}")
    ResponseEntity<NoteView> get(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        NoteView note = service.get(CurrentUser.id(), id);
        return ETags.ok(ifNoneMatch, note.version(), note);
    }

    /** Partial, as the original API's updates: absent fields stay, an explicit {@code null} clears. */
    @PutMapping(value = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NoteView> replace(
            @PathVariable UUID id,
            @RequestBody(content = @Content(schema = @Schema(implementation = NoteView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, NoteInput.parse(body), ifMatch));
    }

    /** JSON merge patch (RFC 7396); for a note's flat fields the same as {@code PUT}. */
    @PatchMapping(
            value = "/{id}",
            consumes = {JsonFields.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<NoteView> patch(
            @PathVariable UUID id,
            @RequestBody(content = @Content(schema = @Schema(implementation = NoteView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, NoteInput.parse(body), ifMatch));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        service.delete(CurrentUser.id(), id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<NoteView> updated(NoteView note) {
        return ResponseEntity.ok().eTag(ETags.of(note.version())).body(note);
    }

    private static List<NoteType> types(List<String> values) {
        List<NoteType> types = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                types.add(NoteType.of(value.strip())
                        .orElseThrow(() -> BadRequestException.of("type", "must be one of " + NoteType.allowed())));
            }
        }
        return types;
    }

    private static UUID taskId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.strip().length() != 36) {
                throw new IllegalArgumentException("not a UUID");
            }
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw BadRequestException.of("taskId", "must be a task id (UUID)");
        }
    }

    private static String calendarEventId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!NoteInput.CALENDAR_EVENT_ID.matcher(value.strip()).matches()) {
            throw BadRequestException.of(
                    "calendarEventId",
                    "must be a calendar event id: 1 to " + NoteInput.MAX_CALENDAR_EVENT
                            + " visible ASCII characters without spaces");
        }
        return value.strip();
    }

    private static List<String> tags(List<String> values) {
        List<String> tags = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                String tag = text("tag", value);
                if (tag == null || tag.length() > NoteInput.MAX_TAG) {
                    throw BadRequestException.of("tag", "must be a tag of 1 to " + NoteInput.MAX_TAG + " characters");
                }
                tags.add(tag);
            }
        }
        return tags;
    }

    /** A text parameter, stripped (blank = absent); one the database could not compare is a 400. */
    private static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = StorableText.problem(value);
        if (problem != null) {
            throw BadRequestException.of(name, problem);
        }
        return value.strip();
    }
}
