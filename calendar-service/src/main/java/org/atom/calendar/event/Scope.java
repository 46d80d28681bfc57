package org.atom.calendar.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a change addressed to one occurrence of a series applies to. */
enum Scope {
    /** that occurrence only (the default for an occurrence's id) */
    THIS,
    /** that occurrence and every later one: the series is split there */
    FOLLOWING,
    /** the whole series (the default for a series' own id) */
    ALL;

    static Optional<Scope> of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.name().equalsIgnoreCase(value.strip()))
                .findFirst();
    }

    static List<String> allowed() {
        return Arrays.stream(values())
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
