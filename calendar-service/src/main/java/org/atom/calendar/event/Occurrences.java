package org.atom.calendar.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.atom.platform.recurrence.Recurrence;
import org.atom.platform.recurrence.TooManyOccurrencesException;
import org.atom.platform.web.BadRequestException;
import org.springframework.stereotype.Component;

/**
 * Expands the owner's events into the occurrences that overlap a window: single events as they are, series walked
 * from the window (not from their start) in their own zone, edited occurrences in place of the ones they replace.
 * All-day dates are days in the zone the caller sees them in. Two statements per window, whatever it holds.
 *
 * <p>A window is complete or refused: one holding more than {@link #MAX_PER_SERIES} occurrences of one series (a
 * series every minute holds 1,440 a day) is a 400 naming the parameter that set its end, never a list cut short.
 */
@Component
public class Occurrences {

    /** Most occurrences of one series a window may hold. */
    public static final int MAX_PER_SERIES = Recurrence.MAX_LIMIT;

    private final EventRepository events;

    Occurrences(EventRepository events) {
        this.events = events;
    }

    /**
     * Every occurrence overlapping {@code [from, to)}, ordered by start, then id. {@code endField}: the request's
     * parameter that set the window's end, which a window holding too many occurrences is a 400 about.
     */
    public List<EventView> between(String ownerId, Instant from, Instant to, String q, ZoneId zone, String endField) {
        List<CalendarEvent> rows = events.meeting(ownerId, from, to, q);
        List<UUID> seriesIds = rows.stream()
                .filter(e -> e.isSeries() && !e.isException())
                .map(e -> e.id)
                .toList();
        Map<UUID, CalendarEvent> exceptions = new LinkedHashMap<>();
        rows.stream().filter(CalendarEvent::isException).forEach(e -> exceptions.put(e.id, e));
        events.exceptionsNear(ownerId, seriesIds, from, to, firstDate(from, zone), lastDate(to, zone))
                .forEach(e -> exceptions.putIfAbsent(e.id, e));

        List<EventView> found = new ArrayList<>();
        for (CalendarEvent event : rows) {
            if (event.isException()) {
                continue;
            }
            if (event.isSeries()) {
                found.addAll(expand(event, exceptions.values(), from, to, zone, endField));
            } else {
                addIfOverlapping(EventView.of(event, zone), from, to, zone, found);
            }
        }
        // the edited occurrences the query found (q matched them); the others only hide the slots they replaced
        for (CalendarEvent exception : rows) {
            if (exception.isException()) {
                addIfOverlapping(EventView.of(exception, zone), from, to, zone, found);
            }
        }
        found.sort(order(zone));
        return found;
    }

    /** The occurrences of one series overlapping {@code [from, to)}, edited ones included, in order. */
    List<EventView> of(CalendarEvent series, Instant from, Instant to, ZoneId zone, String endField) {
        List<CalendarEvent> exceptions = events.exceptionsNear(
                series.ownerId, List.of(series.id), from, to, firstDate(from, zone), lastDate(to, zone));
        List<EventView> found = new ArrayList<>(expand(series, exceptions, from, to, zone, endField));
        for (CalendarEvent exception : exceptions) {
            addIfOverlapping(EventView.of(exception, zone), from, to, zone, found);
        }
        found.sort(order(zone));
        return found;
    }

    /** The unedited occurrences of a series overlapping the window (edited ones are rows of their own). */
    private static List<EventView> expand(
            CalendarEvent series,
            Iterable<CalendarEvent> exceptions,
            Instant from,
            Instant to,
            ZoneId zone,
            String endField) {
        Set<Object> edited = new HashSet<>();
        for (CalendarEvent exception : exceptions) {
            if (series.id.equals(exception.recurringEventId)) {
                edited.add(series.allDay ? exception.originalStartDate : exception.originalStartAt);
            }
        }
        Recurrence recurrence = series.parsedRecurrence();
        List<EventView> found = new ArrayList<>();
        try {
            if (series.allDay) {
                // dates whose day (in the viewer's zone) overlaps the window
                LocalDate first = firstDate(from, zone).minusDays(series.days());
                for (LocalDate date :
                        recurrence.allOccurrences(series.startDate, first, lastDate(to, zone), MAX_PER_SERIES)) {
                    if (!edited.contains(date)) {
                        addIfOverlapping(EventView.occurrence(series, date, zone), from, to, zone, found);
                    }
                }
            } else {
                Instant earliest = from.minus(series.duration());
                for (ZonedDateTime start :
                        recurrence.allOccurrences(series.localStart(), earliest, to, MAX_PER_SERIES)) {
                    if (!edited.contains(start.toInstant())) {
                        addIfOverlapping(EventView.occurrence(series, start.toInstant(), zone), from, to, zone, found);
                    }
                }
            }
        } catch (TooManyOccurrencesException e) {
            throw BadRequestException.of(
                    endField,
                    String.format(
                            Locale.ROOT,
                            "asks too long a window: it holds more than %,d occurrences of the recurring event %s;"
                                    + " ask a shorter one",
                            MAX_PER_SERIES,
                            series.id));
        }
        return found;
    }

    /** The first date an all-day occurrence overlapping a window from {@code from} can have (before its length). */
    private static LocalDate firstDate(Instant from, ZoneId zone) {
        return from.atZone(zone).toLocalDate();
    }

    /** The date after the last one an all-day occurrence overlapping a window to {@code to} can start on. */
    private static LocalDate lastDate(Instant to, ZoneId zone) {
        return to.atZone(zone).toLocalDate().plusDays(1);
    }

    private static void addIfOverlapping(EventView event, Instant from, Instant to, ZoneId zone, List<EventView> into) {
        if (event.startsAt(zone).isBefore(to) && event.endsAt(zone).isAfter(from)) {
            into.add(event);
        }
    }

    static Comparator<EventView> order(ZoneId zone) {
        return Comparator.comparing((EventView e) -> e.startsAt(zone)).thenComparing(EventView::id);
    }
}
