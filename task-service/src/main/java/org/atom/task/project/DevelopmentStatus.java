package org.atom.task.project;

import java.util.Arrays;
import java.util.Optional;

/** The state of a development project's deployment (the original API's DevProject status). */
enum DevelopmentStatus {
    BUILDING("building"),
    LIVE("live"),
    ERROR("error");

    private final String value;

    DevelopmentStatus(String value) {
        this.value = value;
    }

    /** The name in JSON and in the database. */
    String value() {
        return value;
    }

    static Optional<DevelopmentStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    static String allowed() {
        return String.join(
                ", ", Arrays.stream(values()).map(DevelopmentStatus::value).toList());
    }
}
