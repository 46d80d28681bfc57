package org.atom.task.reminder;

/** At a stated instant, or some minutes before the task's due instant. */
enum ReminderKind {
    ABSOLUTE("absolute"),
    RELATIVE("relative");

    private final String value;

    ReminderKind(String value) {
        this.value = value;
    }

    /** The name in JSON and in the database. */
    String value() {
        return value;
    }

    static ReminderKind of(String value) {
        return value.equals(ABSOLUTE.value) ? ABSOLUTE : RELATIVE;
    }
}
