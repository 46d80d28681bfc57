package org.atom.calendar.event;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.atom.platform.web.BadRequestException;

/**
 * The time window a query asks about, {@code [from, to)}: given as {@code start}/{@code end} (instants, or dates in
 * the viewer's zone — an end date is included), as {@code year} and {@code month} (the whole month, its last day
 * included), or as {@code year} alone. {@code endField} is the parameter that sets how far it reaches ({@code end},
 * {@code month} or {@code year}), for a problem saying it is too long.
 */
record Window(Instant from, Instant to, String endField) {

    /** Longest window one query may expand: a year and a bit. */
    static final Duration MAX = Duration.ofDays(400);

    static Window of(String start, String end, Integer year, Integer month, ZoneId zone) {
        if (start != null || end != null) {
            if (year != null || month != null) {
                throw BadRequestException.of("year", "cannot be combined with start and end");
            }
            if (start == null) {
                throw BadRequestException.of("start", "is required with end");
            }
            if (end == null) {
                throw BadRequestException.of("end", "is required with start");
            }
            return checked(instant("start", start, zone, false), instant("end", end, zone, true));
        }
        if (month != null && year == null) {
            throw BadRequestException.of("year", "is required with month");
        }
        if (year == null) {
            return null;
        }
        if (year < EventInput.MIN_YEAR || year > EventInput.MAX_YEAR) {
            throw BadRequestException.of("year", "must be from " + EventInput.MIN_YEAR + " to " + EventInput.MAX_YEAR);
        }
        if (month != null && (month < 1 || month > 12)) {
            throw BadRequestException.of("month", "must be from 1 to 12");
        }
        LocalDate first = month == null
                ? LocalDate.of(year, 1, 1)
                : YearMonth.of(year, month).atDay(1);
        LocalDate after = month == null ? first.plusYears(1) : first.plusMonths(1);
        return new Window(
                first.atStartOfDay(zone).toInstant(),
                after.atStartOfDay(zone).toInstant(),
                month == null ? "year" : "month");
    }

    static Window checked(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw BadRequestException.of("end", "must be after start");
        }
        if (Duration.between(from, to).compareTo(MAX) > 0) {
            throw BadRequestException.of("end", "must be at most " + MAX.toDays() + " days after start");
        }
        return new Window(from, to, "end");
    }

    /** An RFC 3339 instant, or a date: its start in the zone (an end date: the start of the next day). */
    private static Instant instant(String name, String value, ZoneId zone, boolean end) {
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(text);
                if (date.getYear() >= EventInput.MIN_YEAR && date.getYear() <= EventInput.MAX_YEAR) {
                    return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
                }
            } catch (DateTimeException notADate) {
                // reported below
            }
        }
        throw BadRequestException.of(name, "must be an RFC 3339 date-time (with offset) or a date YYYY-MM-DD");
    }
}
