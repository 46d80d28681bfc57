package org.atom.calendar.share;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a share lets the grantee see; only busy times for now. */
enum ShareScope {
    /** When the owner is busy (free/busy, meeting suggestions): never an event's title, place or people. */
    FREE_BUSY("free_busy");

    private final String value;

    ShareScope(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Optional<ShareScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    static List<String> allowed() {
        return Arrays.stream(values()).map(ShareScope::value).toList();
    }
}
