package org.atom.calendar.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Google Calendar's event types: focus time and out-of-office feed availability and scheduling. */
enum EventType {
    DEFAULT("default"),
    FOCUS_TIME("focusTime"),
    OUT_OF_OFFICE("outOfOffice");

    private final String value;

    EventType(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Optional<EventType> of(String value) {
        return Arrays.stream(values())
                .filter(t -> t.value.equals(value) || t.name().equalsIgnoreCase(value))
                .findFirst();
    }

    static List<String> allowed() {
        return Arrays.stream(values()).map(EventType::value).toList();
    }
}
