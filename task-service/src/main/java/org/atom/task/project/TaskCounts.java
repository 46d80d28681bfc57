package org.atom.task.project;

/** How many of a project's tasks count towards its progress (all but cancelled ones, subtasks included) and are done. */
record TaskCounts(long total, long completed) {

    static final TaskCounts NONE = new TaskCounts(0, 0);

    /** Whole percent done, rounded down (100 only when every counted task is completed); 0 without tasks. */
    int derivedProgress() {
        return total == 0 ? 0 : (int) (completed * 100 / total);
    }
}
