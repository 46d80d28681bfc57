package org.atom.platform.sample.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.ETags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** CRUD on {@link WebSample}, written the way a domain service's controller is meant to be. */
@RestController
@RequestMapping("/api/web-samples")
class WebSampleController {

    private final WebSampleService service;

    WebSampleController(WebSampleService service) {
        this.service = service;
    }

    record CreateSample(@NotBlank String title, @NotNull Priority priority, Instant dueDate) {}

    /** Partial: absent fields stay; {@code version} (optional) must be the current one. */
    record UpdateSample(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String title,

            Priority priority,
            Instant dueDate,
            Long version) {}

    @PostMapping
    ResponseEntity<WebSampleService.View> create(@Valid @RequestBody CreateSample body) {
        WebSampleService.View view = service.create(CurrentUser.id(), body.title(), body.priority(), body.dueDate());
        return ETags.created(URI.create("/api/web-samples/" + view.id()), view.version(), view);
    }

    /** Oldest first (created, then id); {@code titleContains} (alias {@code title_contains}) filters. */
    @GetMapping
    ResponseEntity<List<WebSampleService.View>> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Size(max = 50) String titleContains) {
        return service.list(CurrentUser.id(), titleContains, CursorPageRequest.of(limit, cursor))
                .toResponse();
    }

    @GetMapping("/{id}")
    ResponseEntity<WebSampleService.View> get(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        WebSampleService.View view = service.get(CurrentUser.id(), id);
        return ETags.ok(ifNoneMatch, view.version(), view);
    }

    @PutMapping("/{id}")
    ResponseEntity<WebSampleService.View> update(
            @PathVariable UUID id,
            @Valid @RequestBody UpdateSample body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch,
            @RequestParam(defaultValue = "false") boolean simulateConcurrentWrite) {
        WebSampleService.View view = service.update(
                CurrentUser.id(),
                id,
                ifMatch,
                body.version(),
                body.title(),
                body.priority(),
                body.dueDate(),
                simulateConcurrentWrite);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.delete(CurrentUser.id(), id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    /** A bug: the exception's message must never reach the client. */
    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("secret-internal-detail: connection to 10.0.0.7 refused");
    }

    /** A failure the code reports on purpose: its status and detail are meant for the client. */
    @GetMapping("/unavailable")
    String unavailable() {
        throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The calendar provider is down");
    }

    /** An error raised outside Spring MVC's exception handling: answered by the error controller. */
    @GetMapping("/send-error")
    void sendError(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "secret-internal-detail");
    }
}
