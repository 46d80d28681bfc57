package org.atom.calendar.event;

import java.util.List;

/** Someone invited: RSVP as Google Calendar spells it ({@code needsAction}, {@code accepted}, …). */
record Attendee(String email, String name, boolean optional, String responseStatus) {

    static final List<String> RESPONSES = List.of("needsAction", "accepted", "declined", "tentative");
}
