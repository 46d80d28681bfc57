package org.atom.task.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A task as the API returns it and as its events carry it ({@code contracts/…/defs/task.schema.json}).
 * {@code dueDate} is {@code YYYY-MM-DD} for a task due on a day, else an instant in UTC; {@code timeZone} is the
 * zone it was given in. {@code subtasks} lists the direct subtasks as the original API did; {@code blockedBy} the
 * tasks this one waits for; {@code recurrence} (RFC 5545 lines) or {@code repeatAfterCompletion} (an ISO 8601
 * period) make it recurring, its occurrences sharing {@code seriesId}.
 */
public record TaskView(
        UUID id,
        String title,
        String description,
        String status,
        String priority,
        String dueDate,
        String timeZone,
        LocalDate deadline,
        boolean isImportant,
        String assignee,
        List<String> tags,
        Integer estimateMinutes,
        UUID parentId,
        UUID projectId,
        double position,
        List<Subtask> subtasks,
        Instant completedAt,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<UUID> blockedBy,
        List<String> recurrence,
        String repeatAfterCompletion,
        UUID seriesId) {

    /** A direct subtask in its parent's {@code subtasks}. */
    public record Subtask(UUID id, String title, boolean completed) {}

    static TaskView of(Task task, List<Subtask> subtasks, List<UUID> blockedBy) {
        return new TaskView(
                task.id,
                task.title,
                task.description,
                task.status.value(),
                task.priority.value(),
                task.due == null ? null : task.due.json(),
                task.due == null ? null : task.due.zone().getId(),
                task.deadline,
                task.important,
                task.assignee,
                task.tags,
                task.estimateMinutes,
                task.parentId,
                task.projectId,
                task.position,
                subtasks,
                task.completedAt,
                task.version,
                task.createdAt,
                task.updatedAt,
                blockedBy,
                task.recurrence,
                task.repeatAfter == null ? null : task.repeatAfter.toString(),
                task.seriesId);
    }
}
