package org.atom.task.project;

import java.util.Arrays;
import java.util.Optional;

/** What a project is: a plain container of tasks, or a software project with build status, URLs and metrics. */
enum ProjectKind {
    STANDARD("standard"),
    DEVELOPMENT("development");

    private final String value;

    ProjectKind(String value) {
        this.value = value;
    }

    /** The name in JSON and in the database. */
    String value() {
        return value;
    }

    static Optional<ProjectKind> of(String value) {
        return Arrays.stream(values()).filter(k -> k.value.equals(value)).findFirst();
    }

    static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(ProjectKind::value).toList());
    }
}
