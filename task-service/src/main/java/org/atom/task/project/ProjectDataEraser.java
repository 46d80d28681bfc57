package org.atom.task.project;

import org.atom.platform.users.UserDataEraser;
import org.springframework.stereotype.Component;

/**
 * A deleted account's projects go with it (no events: the user and their clients are gone); the foreign key
 * detaches any of their tasks still there, whichever eraser runs first.
 */
@Component
class ProjectDataEraser implements UserDataEraser {

    private final ProjectRepository projects;

    ProjectDataEraser(ProjectRepository projects) {
        this.projects = projects;
    }

    @Override
    public void eraseUser(String userId) {
        projects.deleteAllOf(userId);
    }
}
