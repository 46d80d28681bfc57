package org.atom.calendar.availability;

import java.time.Duration;
import java.time.Instant;

/** A half-open span of time {@code [start, end)}. */
record Interval(Instant start, Instant end) {

    Interval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval ends after it starts: " + start + " – " + end);
        }
    }

    /** Whether the two share any instant: {@code start < other.end && end > other.start}. */
    boolean overlaps(Interval other) {
        return start.isBefore(other.end) && end.isAfter(other.start);
    }

    boolean contains(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    Duration duration() {
        return Duration.between(start, end);
    }
}
