package org.atom.task.project;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One project row: the state {@link ProjectService} changes and {@link ProjectRepository} stores. The development
 * fields are set exactly when the kind is {@link ProjectKind#DEVELOPMENT} ({@link #kind(ProjectKind)} keeps them so).
 */
final class Project {

    final UUID id;
    final String ownerId;
    String name;
    String description;
    String color;
    boolean archived;
    ProjectKind kind = ProjectKind.STANDARD;
    Integer progressOverride;
    DevelopmentStatus devStatus;
    String liveUrl;
    String previewUrl;
    ObjectNode metrics;
    double position;
    long version;
    final Instant createdAt;
    Instant updatedAt;

    Project(UUID id, String ownerId, Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Changes the kind: a new development project starts {@code building} without URLs or metrics; leaving the kind drops them. */
    void kind(ProjectKind next) {
        if (next == ProjectKind.DEVELOPMENT && kind != ProjectKind.DEVELOPMENT) {
            resetDevelopment();
        } else if (next != ProjectKind.DEVELOPMENT) {
            devStatus = null;
            liveUrl = null;
            previewUrl = null;
            metrics = null;
        }
        kind = next;
    }

    void resetDevelopment() {
        devStatus = DevelopmentStatus.BUILDING;
        liveUrl = null;
        previewUrl = null;
        metrics = Metrics.empty();
    }
}
