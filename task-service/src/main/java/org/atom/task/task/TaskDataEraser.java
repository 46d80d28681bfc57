package org.atom.task.task;

import org.atom.platform.users.UserDataEraser;
import org.springframework.stereotype.Component;

/** A deleted account's tasks go with it (no events: the user and their clients are gone). */
@Component
class TaskDataEraser implements UserDataEraser {

    private final TaskRepository tasks;

    TaskDataEraser(TaskRepository tasks) {
        this.tasks = tasks;
    }

    @Override
    public void eraseUser(String userId) {
        tasks.deleteAllOf(userId);
    }
}
