package org.atom.calendar.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.atom.platform.web.TimeZones;

/** Times, dates and zones as clients send them to the availability endpoints. */
final class TimeInputs {

    /** Dates outside these years are refused (as for events): any calendar's range, every zone rule known. */
    static final int MIN_YEAR = 1900, MAX_YEAR = 2300;

    static final String ZONE_RULE = TimeZones.RULE;
    static final String DATE_RULE = "must be a date YYYY-MM-DD from " + MIN_YEAR + " to " + MAX_YEAR;
    static final String INSTANT_RULE = "must be an RFC 3339 date-time (2026-03-23T09:00:00Z, or without offset: read in"
            + " timeZone) or a date YYYY-MM-DD, from " + MIN_YEAR + " to " + MAX_YEAR;

    private TimeInputs() {}

    /** A region id ({@code Europe/Berlin}) or {@code UTC}: see {@link TimeZones}. */
    static Optional<ZoneId> zone(String text) {
        return TimeZones.region(text);
    }

    /**
     * A date {@code YYYY-MM-DD}; for the original API's clients, who sent ISO date-times, also the date part of a
     * date-time as written.
     */
    static Optional<LocalDate> date(String text) {
        String value = text.strip();
        LocalDate date = null;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            try {
                date = LocalDateTime.parse(value).toLocalDate();
            } catch (DateTimeParseException notLocal) {
                try {
                    date = OffsetDateTime.parse(value).toLocalDate();
                } catch (DateTimeParseException notWithOffset) {
                    // none of them
                }
            }
        }
        return Optional.ofNullable(date).filter(d -> inRange(d.getYear()));
    }

    /**
     * An RFC 3339 date-time (with offset: that instant; without: wall-clock time in {@code zone}), or a date: the
     * start of that day in {@code zone} — for an {@code end}, of the next day (an end date is included).
     */
    static Optional<Instant> instant(String text, ZoneId zone, boolean end) {
        String value = text.strip();
        try {
            OffsetDateTime at = OffsetDateTime.parse(value);
            return inRange(at.getYear()) ? Optional.of(at.toInstant()) : Optional.empty();
        } catch (DateTimeParseException notWithOffset) {
            try {
                LocalDateTime local = LocalDateTime.parse(value);
                return inRange(local.getYear()) ? Optional.of(local.atZone(zone).toInstant()) : Optional.empty();
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate date = LocalDate.parse(value);
                    return inRange(date.getYear())
                            ? Optional.of((end ? date.plusDays(1) : date)
                                    .atStartOfDay(zone)
                                    .toInstant())
                            : Optional.empty();
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
    }

    private static boolean inRange(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }
}
