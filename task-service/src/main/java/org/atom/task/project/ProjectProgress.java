package org.atom.task.project;

/**
 * {@code GET /api/projects/{id}/progress}: the counted tasks (cancelled ones left out), how many are completed, the
 * effective progress in whole percent, and whether it is derived from them ({@code false}: the project's
 * {@code progressOverride}).
 */
record ProjectProgress(long total, long completed, int progress, boolean derived) {

    static ProjectProgress of(ProjectView project) {
        return new ProjectProgress(
                project.taskCount(),
                project.completedTaskCount(),
                project.progress(),
                project.progressOverride() == null);
    }
}
