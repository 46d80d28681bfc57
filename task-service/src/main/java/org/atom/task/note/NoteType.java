package org.atom.task.note;

import java.util.Arrays;
import java.util.Optional;

/** What a note is for; the original frontend's three kinds. */
public enum NoteType {
    PERSONAL_MEMO("personal_memo"),
    MEETING_NOTES("meeting_notes"),
    PROJECT_BRIEF("project_brief");

    private final String value;

    NoteType(String value) {
        this.value = value;
    }

    /** The name in JSON and in the database. */
    public String value() {
        return value;
    }

    static Optional<NoteType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(NoteType::value).toList());
    }
}
