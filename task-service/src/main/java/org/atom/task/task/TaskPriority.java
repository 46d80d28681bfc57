package org.atom.task.task;

import java.util.Arrays;
import java.util.Optional;

/** How urgent a task is, lowest first ({@link #rank()} orders them). */
public enum TaskPriority {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    CRITICAL("critical");

    private final String value;

    TaskPriority(String value) {
        this.value = value;
    }

    /** The name in JSON and in the database. */
    public String value() {
        return value;
    }

    int rank() {
        return ordinal() + 1;
    }

    static Optional<TaskPriority> of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }

    static String allowed() {
        return String.join(
                ", ", Arrays.stream(values()).map(TaskPriority::value).toList());
    }
}
