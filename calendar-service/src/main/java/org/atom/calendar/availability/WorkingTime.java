package org.atom.calendar.availability;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atom.platform.users.WorkingHours;

/**
 * A user's working hours as instants. Hours are wall-clock times in the zone, so a 09:00–17:00 day starts at 09:00
 * local on a DST change too (and is an hour shorter or longer only if the change falls inside it). A start that does
 * not exist (in a spring gap) moves forward by the gap; an end at or before the start runs past midnight (a night
 * shift; equal start and end: 24 hours).
 */
final class WorkingTime {

    private WorkingTime() {}

    /** The working time of the date, which may run into the next day; empty on a day off. */
    static Optional<Interval> on(LocalDate date, WorkingHours hours, ZoneId zone) {
        return hours.on(date.getDayOfWeek()).flatMap(h -> {
            LocalDateTime start = date.atTime(h.start());
            LocalDateTime end = h.end().isAfter(h.start())
                    ? date.atTime(h.end())
                    : date.plusDays(1).atTime(h.end());
            var from = start.atZone(zone).toInstant();
            var to = end.atZone(zone).toInstant();
            // only a day of a few minutes, wholly inside a DST gap, can come out empty
            return to.isAfter(from) ? Optional.of(new Interval(from, to)) : Optional.empty();
        });
    }

    /** Each day's working time that overlaps the window (not cut to it), in order of the days. */
    static List<Interval> days(WorkingHours hours, ZoneId zone, Interval window) {
        List<Interval> days = new ArrayList<>();
        // the day before the window's first may run into it (night shift)
        LocalDate last = window.end().atZone(zone).toLocalDate();
        for (LocalDate date = window.start().atZone(zone).toLocalDate().minusDays(1);
                !date.isAfter(last);
                date = date.plusDays(1)) {
            on(date, hours, zone).filter(day -> day.overlaps(window)).ifPresent(days::add);
        }
        return days;
    }
}
