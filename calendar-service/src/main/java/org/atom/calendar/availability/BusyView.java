package org.atom.calendar.availability;

import java.time.Instant;

/** A busy interval {@code [start, end)}: no title, place or people, only that the time is taken. */
record BusyView(Instant start, Instant end) {

    static BusyView of(Interval interval) {
        return new BusyView(interval.start(), interval.end());
    }
}
