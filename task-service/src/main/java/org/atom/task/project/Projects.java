package org.atom.task.project;

import java.util.UUID;
import org.atom.platform.web.NotFoundException;
import org.springframework.stereotype.Component;

/** What the service's other features may ask about projects: whether one is the user's. */
@Component
public class Projects {

    private final ProjectRepository projects;

    Projects(ProjectRepository projects) {
        this.projects = projects;
    }

    /**
     * Whether the project is the user's, for a write that refers to it: if it is, it cannot be deleted before the
     * caller's transaction ends (a deletion then waits, and detaches what the caller put in it).
     */
    public boolean hold(String ownerId, UUID projectId) {
        return projects.hold(ownerId, projectId);
    }

    /** For reads under a project's URL: another user's project or an unknown id → 404. */
    public void requireExists(String ownerId, UUID projectId) {
        if (!projects.exists(ownerId, projectId)) {
            throw new NotFoundException("Project", projectId);
        }
    }
}
