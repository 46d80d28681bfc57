package org.atom.task.task;

import java.util.List;
import java.util.UUID;

/**
 * In-process notices of task changes for the service's other features (notes, reminders …), published inside the
 * transaction of the change: a synchronous {@code @EventListener} takes part in it, so its own writes and events
 * commit or roll back with the task.
 */
public sealed interface TaskLifecycle {

    String ownerId();

    /** A task was created or changed; {@code before} is null on creation. */
    record Saved(String ownerId, TaskView before, TaskView after) implements TaskLifecycle {}

    /** Tasks were deleted: the one asked for and every subtask below it. */
    record Deleted(String ownerId, List<UUID> ids) implements TaskLifecycle {}
}
