package org.atom.task.reminder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One reminder row. {@code nextFireAt} is the occurrence still to fire, or null when there is none (relative
 * without a due date, task finished, occurrence fired or passed).
 */
record Reminder(
        UUID id,
        UUID taskId,
        String ownerId,
        ReminderKind kind,
        Instant at,
        Integer offsetMinutes,
        Instant nextFireAt,
        Instant firedAt,
        Instant createdAt) {

    /**
     * When the reminder fires for a task due at {@code dueKey} (the due instant, or the start of an all-day due
     * date in the task's zone): its {@code at}, or {@code offsetMinutes} before the due key; null for a relative
     * reminder of a task without a due date. {@code ReminderRepository#reschedule} states the same rule in SQL.
     */
    Instant occurrence(Instant dueKey) {
        if (kind == ReminderKind.ABSOLUTE) {
            return at;
        }
        return dueKey == null ? null : dueKey.minus(offsetMinutes, ChronoUnit.MINUTES);
    }
}
