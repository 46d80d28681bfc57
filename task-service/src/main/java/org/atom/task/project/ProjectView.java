package org.atom.task.project;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A project as the API returns it and as its events carry it ({@code contracts/…/defs/project.schema.json}).
 * {@code progress} is the effective one: {@code progressOverride} when set, else derived from the tasks
 * ({@code completedTaskCount} of {@code taskCount}, cancelled tasks not counted). {@code development} is null
 * unless {@code kind} is {@code development}.
 */
public record ProjectView(
        UUID id,
        String name,
        String description,
        String color,
        boolean archived,
        String kind,
        int progress,
        Integer progressOverride,
        long taskCount,
        long completedTaskCount,
        Development development,
        double position,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** A development project's deployment: the original API's DevProject fields. */
    public record Development(String status, String liveUrl, String previewUrl, JsonNode metrics) {}

    static ProjectView of(Project project, TaskCounts counts) {
        return new ProjectView(
                project.id,
                project.name,
                project.description,
                project.color,
                project.archived,
                project.kind.value(),
                project.progressOverride != null ? project.progressOverride : counts.derivedProgress(),
                project.progressOverride,
                counts.total(),
                counts.completed(),
                project.kind == ProjectKind.DEVELOPMENT
                        ? new Development(
                                project.devStatus.value(), project.liveUrl, project.previewUrl, project.metrics)
                        : null,
                project.position,
                project.version,
                project.createdAt,
                project.updatedAt);
    }
}
