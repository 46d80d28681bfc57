package org.atom.calendar.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** RFC 5545 STATUS of an event; cancelled events are kept (and shown) but never busy. */
enum EventStatus {
    CONFIRMED,
    TENTATIVE,
    CANCELLED;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<EventStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    static List<String> allowed() {
        return Arrays.stream(values()).map(EventStatus::value).toList();
    }
}
