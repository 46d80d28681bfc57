package org.atom.task.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a task is due: on a date (all day) or at an instant, with the zone it was given in. {@link #key()} orders
 * and bounds both kinds: the instant, or the start of the date in that zone.
 */
record Due(LocalDate date, Instant at, ZoneId zone) {

    Due {
        if ((date == null) == (at == null)) {
            throw new IllegalArgumentException("a due date is either a date or an instant");
        }
    }

    Instant key() {
        return at != null ? at : date.atStartOfDay(zone).toInstant();
    }

    /** {@code YYYY-MM-DD}, or the instant in UTC ({@code …Z}). */
    String json() {
        return at != null ? at.toString() : date.toString();
    }

    Due inZone(ZoneId other) {
        return new Due(date, at, other);
    }
}
