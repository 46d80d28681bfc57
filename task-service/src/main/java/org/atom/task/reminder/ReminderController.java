package org.atom.task.reminder;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/tasks/{taskId}/reminders}: a task's reminders (at most 20), absolute or relative to its due date.
 * Bodies are read field by field ({@link ReminderInput}); another user's task is a 404 for every verb.
 */
@RestController
@RequestMapping("/api/tasks/{taskId}/reminders")
class ReminderController {

    /** What a new reminder states (documentation of the body; exactly one of the two). */
    record NewReminder(
            @Schema(
                    description = "RFC 3339 date-time; without an offset it is read in the task's timeZone",
                    example = "2026-12-01T08:30:00Z")
            String at,

            @Schema(
                    description = "minutes before the task's due instant (an all-day due date: before the start"
                            + " of that day in the task's timeZone), 0 to 525600",
                    example = "30")
            Integer minutesBefore) {}

    private final ReminderService service;

    ReminderController(ReminderService service) {
        this.service = service;
    }

    /** In creation order; never more than 20, so never paged. */
    @GetMapping
    List<ReminderView> list(@PathVariable UUID taskId) {
        return service.list(CurrentUser.id(), taskId);
    }

    @GetMapping("/{id}")
    ReminderView get(@PathVariable UUID taskId, @PathVariable UUID id) {
        return service.get(CurrentUser.id(), taskId, id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReminderView> create(
            @PathVariable UUID taskId,
            @RequestBody(content = @Content(schema = @Schema(implementation = NewReminder.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        ReminderView reminder = service.create(CurrentUser.id(), taskId, ReminderInput.parse(body));
        return ResponseEntity.created(URI.create("/api/tasks/" + taskId + "/reminders/" + reminder.id()))
                .body(reminder);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID taskId, @PathVariable UUID id) {
        service.delete(CurrentUser.id(), taskId, id);
        return ResponseEntity.noContent().build();
    }
}
