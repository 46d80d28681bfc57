package org.atom.calendar.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Google Calendar's transparency ("show as busy / free", RFC 5545 TRANSP): an opaque event blocks its time in
 * availability, free/busy and meeting suggestions, a transparent one does not. Out-of-office events are always opaque.
 */
enum Transparency {
    OPAQUE,
    TRANSPARENT;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Transparency> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
    }

    static List<String> allowed() {
        return Arrays.stream(values()).map(Transparency::value).toList();
    }
}
