package org.atom.task.reminder;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code atom.task.reminder.fired.v1} ({@code contracts/…/atom.task.reminder.fired.v1.schema.json}):
 * which reminder of which task fired, the task's title and due date as the task API returns them, when the
 * occurrence was due ({@code scheduledFor}) and when it fired ({@code firedAt}, later after downtime).
 */
public record ReminderFired(
        UUID reminderId,
        UUID taskId,
        String title,
        String dueDate,
        String timeZone,
        Instant firedAt,
        Instant scheduledFor) {}
