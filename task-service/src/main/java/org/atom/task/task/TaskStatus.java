package org.atom.task.task;

import java.util.Arrays;
import java.util.Optional;

/** A task's workflow state; {@code completed} and {@code cancelled} are finished. */
public enum TaskStatus {
    PENDING("pending"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String value;

    TaskStatus(String value) {
        this.value = value;
    }

    /** The name in JSON and in the database. */
    public String value() {
        return value;
    }

    static Optional<TaskStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(TaskStatus::value).toList());
    }
}
