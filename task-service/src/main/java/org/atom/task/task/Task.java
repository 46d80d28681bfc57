package org.atom.task.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** One task row: the state {@link TaskService} changes and {@link TaskRepository} stores. */
final class Task {

    final UUID id;
    final String ownerId;
    String title;
    String description;
    TaskStatus status = TaskStatus.PENDING;
    TaskPriority priority = TaskPriority.MEDIUM;
    Due due;
    LocalDate deadline;
    boolean important;
    String assignee;
    List<String> tags = List.of();
    Integer estimateMinutes;
    UUID parentId;
    UUID projectId;
    /** RFC 5545 lines of a fixed schedule, or null. */
    List<String> recurrence;
    /** The period after each completion, or null. */
    Period repeatAfter;
    /** The first occurrence's due date or time, local to the due zone: the anchor of a fixed schedule. */
    LocalDateTime recurrenceStart;

    UUID seriesId;
    UUID nextOccurrenceId;
    double position;
    Instant completedAt;
    long version;
    final Instant createdAt;
    Instant updatedAt;

    Task(UUID id, String ownerId, Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Moves to a status, keeping {@code completedAt} in step (set when it becomes completed, cleared after). */
    void status(TaskStatus next, Instant now) {
        if (next == TaskStatus.COMPLETED && status != TaskStatus.COMPLETED) {
            completedAt = now;
        } else if (next != TaskStatus.COMPLETED) {
            completedAt = null;
        }
        status = next;
    }

    boolean finished() {
        return status == TaskStatus.COMPLETED || status == TaskStatus.CANCELLED;
    }

    boolean recurring() {
        return recurrence != null || repeatAfter != null;
    }

    ZoneId zone() {
        return due == null ? null : due.zone();
    }
}
