package org.atom.task.project;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.ConflictException;
import org.atom.platform.web.ETags;
import org.atom.platform.web.NotFoundException;
import org.atom.task.publishing.ProjectEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Project use cases. Each runs in one transaction with the events it causes (outbox): every project created,
 * changed or deleted publishes exactly one event; deleting one first detaches its tasks (a {@link ProjectLifecycle}
 * notice the task feature acts on, publishing a task event for each).
 */
@Service
class ProjectService {

    private final ProjectRepository projects;
    private final ProjectEvents events;
    private final Clock clock;
    private final ApplicationEventPublisher lifecycle;

    ProjectService(ProjectRepository projects, ProjectEvents events, Clock clock, ApplicationEventPublisher lifecycle) {
        this.projects = projects;
        this.events = events;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    @Transactional
    ProjectView create(String ownerId, ProjectInput input) {
        input.requireName();
        Project project = new Project(UUID.randomUUID(), ownerId, now());
        apply(project, input, false);
        if (!input.has(ProjectInput.POSITION)) {
            project.position = projects.nextPosition(ownerId);
        }
        projects.insert(project);
        // a new project has no tasks yet
        ProjectView view = ProjectView.of(project, TaskCounts.NONE);
        events.created(ownerId, view);
        return view;
    }

    @Transactional(readOnly = true)
    ProjectView get(String ownerId, UUID id) {
        return view(find(ownerId, id, false));
    }

    @Transactional(readOnly = true)
    ProjectProgress progress(String ownerId, UUID id) {
        return ProjectProgress.of(get(ownerId, id));
    }

    /**
     * {@code PUT} and {@code PATCH}: stated fields change, absent ones stay, {@code null} clears. They differ in one
     * place: {@code development.metrics}, a JSON value, is replaced as a whole by {@code PUT} and merged member by
     * member by {@code PATCH} (RFC 7396).
     */
    @Transactional
    ProjectView update(String ownerId, UUID id, ProjectInput input, String ifMatch, boolean mergePatch) {
        Project project = find(ownerId, id, true);
        ProjectETags.checkIfMatch(ifMatch, project.version);
        ETags.checkVersion(input.version(), project.version);
        apply(project, input, mergePatch);
        project.updatedAt = now();
        if (!projects.update(project)) {
            throw new ConflictException("The project changed meanwhile; reload it and try again");
        }
        ProjectView view = view(project);
        events.updated(ownerId, view);
        return view;
    }

    @Transactional
    void delete(String ownerId, UUID id, String ifMatch) {
        Project project = find(ownerId, id, true);
        ProjectETags.checkIfMatch(ifMatch, project.version);
        lifecycle.publishEvent(new ProjectLifecycle.Deleting(ownerId, id));
        projects.delete(ownerId, id);
        events.deleted(ownerId, id);
    }

    /** Applies the stated fields; development fields only on (or while becoming) a development project. */
    private static void apply(Project project, ProjectInput input, boolean mergePatch) {
        if (input.has(ProjectInput.NAME)) {
            project.name = (String) input.get(ProjectInput.NAME);
        }
        if (input.has(ProjectInput.DESCRIPTION)) {
            project.description = (String) input.get(ProjectInput.DESCRIPTION);
        }
        if (input.has(ProjectInput.COLOR)) {
            project.color = (String) input.get(ProjectInput.COLOR);
        }
        if (input.has(ProjectInput.ARCHIVED)) {
            project.archived = (Boolean) input.get(ProjectInput.ARCHIVED);
        }
        if (input.has(ProjectInput.PROGRESS_OVERRIDE)) {
            project.progressOverride = (Integer) input.get(ProjectInput.PROGRESS_OVERRIDE);
        }
        if (input.has(ProjectInput.POSITION)) {
            project.position = (Double) input.get(ProjectInput.POSITION);
        }
        if (input.has(ProjectInput.KIND)) {
            project.kind((ProjectKind) input.get(ProjectInput.KIND));
        }
        if (input.has(ProjectInput.DEVELOPMENT)) {
            applyDevelopment(project, (ProjectInput.DevelopmentInput) input.get(ProjectInput.DEVELOPMENT), mergePatch);
        }
    }

    private static void applyDevelopment(
            Project project, ProjectInput.DevelopmentInput development, boolean mergePatch) {
        if (project.kind != ProjectKind.DEVELOPMENT) {
            if (development != null) {
                throw BadRequestException.of(
                        ProjectInput.DEVELOPMENT, "is only for projects of kind development (set kind too)");
            }
            return;
        }
        if (development == null) {
            project.resetDevelopment();
            return;
        }
        if (development.has(ProjectInput.STATUS)) {
            project.devStatus = (DevelopmentStatus) development.get(ProjectInput.STATUS);
        }
        if (development.has(ProjectInput.LIVE_URL)) {
            project.liveUrl = (String) development.get(ProjectInput.LIVE_URL);
        }
        if (development.has(ProjectInput.PREVIEW_URL)) {
            project.previewUrl = (String) development.get(ProjectInput.PREVIEW_URL);
        }
        if (development.has(ProjectInput.METRICS)) {
            JsonNode metrics = (JsonNode) development.get(ProjectInput.METRICS);
            if (metrics == null) {
                project.metrics = Metrics.empty();
            } else {
                project.metrics = mergePatch ? Metrics.merge(project.metrics, metrics) : Metrics.replace(metrics);
                if (project.metrics.size() > Metrics.MAX_MEMBERS) {
                    throw BadRequestException.of(ProjectInput.DEVELOPMENT + "." + ProjectInput.METRICS, Metrics.RULE);
                }
            }
        }
    }

    private Project find(String ownerId, UUID id, boolean forUpdate) {
        return projects.find(ownerId, id, forUpdate).orElseThrow(() -> new NotFoundException("Project", id));
    }

    private ProjectView view(Project project) {
        return ProjectView.of(project, projects.taskCounts(project.ownerId, project.id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
