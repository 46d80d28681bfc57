package org.atom.calendar.event;

import java.util.List;

/** Google Calendar's reminders: the user's defaults, or these overrides ({@code popup}/{@code email}, minutes before). */
record Reminders(boolean useDefault, List<Override> overrides) {

    static final Reminders DEFAULT = new Reminders(true, List.of());
    static final List<String> METHODS = List.of("popup", "email");

    record Override(String method, int minutes) {}
}
