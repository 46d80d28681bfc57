package org.atom.calendar.share;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.CursorPageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/calendar/shares}: the caller's grants of their calendar to other people by email ({@code free_busy}:
 * they may ask the caller's busy times and include the caller in meeting suggestions), and the grants made to the
 * caller. Shares are never changed, only granted and revoked; another user's share is a 404.
 */
@RestController
@Validated
@RequestMapping("/api/calendar/shares")
class ShareController {

    private final ShareService service;

    ShareController(ShareService service) {
        this.service = service;
    }

    /** 201 with {@code Location} for a new grant; 200 with the existing one when the address already has it. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ShareView> grant(
            @RequestBody(content = @Content(schema = @Schema(implementation = ShareView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        ShareService.Granted granted = service.grant(CurrentUser.id(), ShareInput.parse(body));
        URI location = URI.create("/api/calendar/shares/" + granted.share().id());
        return granted.created()
                ? ResponseEntity.created(location).body(granted.share())
                : ResponseEntity.ok().location(location).body(granted.share());
    }

    /** The caller's grants, oldest first (then by id); paged. */
    @GetMapping
    ResponseEntity<List<ShareView>> given(
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return service.given(CurrentUser.id(), CursorPageRequest.of(limit, cursor))
                .toResponse();
    }

    /** The grants made to the caller's email, oldest first (then by id); paged. */
    @GetMapping("/received")
    ResponseEntity<List<ReceivedShareView>> received(
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return service.received(CurrentUser.id(), CursorPageRequest.of(limit, cursor))
                .toResponse();
    }

    @GetMapping("/{id}")
    ShareView get(@PathVariable UUID id) {
        return service.get(CurrentUser.id(), id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        service.revoke(CurrentUser.id(), id);
        return ResponseEntity.noContent().build();
    }
}
