package org.atom.task.project;

import java.util.UUID;

/**
 * In-process notices of project changes for the service's other features (tasks …), published inside the
 * transaction of the change: a synchronous {@code @EventListener} takes part in it, so its own writes and events
 * commit or roll back with the project.
 */
public sealed interface ProjectLifecycle {

    String ownerId();

    /**
     * A project is being deleted: its row is still there (locked) and goes right after the listeners ran, so they
     * can still find what refers to it (the tasks detach themselves, each with its event).
     */
    record Deleting(String ownerId, UUID projectId) implements ProjectLifecycle {}
}
