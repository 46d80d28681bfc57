package org.atom.task.reminder;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A reminder as the API returns it: {@code at} for an absolute one, {@code minutesBefore} for one relative to the
 * task's due date; {@code nextFireAt} is when it fires next (null: it will not fire unless the task changes),
 * {@code firedAt} when it last fired.
 */
public record ReminderView(
        UUID id,
        UUID taskId,
        @Schema(allowableValues = {"absolute", "relative"}) String kind,
        Instant at,
        Integer minutesBefore,
        Instant nextFireAt,
        Instant firedAt,
        Instant createdAt) {

    static ReminderView of(Reminder reminder) {
        return new ReminderView(
                reminder.id(),
                reminder.taskId(),
                reminder.kind().value(),
                reminder.at(),
                reminder.offsetMinutes(),
                reminder.nextFireAt(),
                reminder.firedAt(),
                reminder.createdAt());
    }
}
