package org.atom.calendar.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * An event as the API returns it (and as {@code atom.calendar.event.*} carries it): a single event, a series (with
 * {@code recurrence}), or one occurrence of a series (with {@code recurringEventId} and {@code originalStartTime},
 * whose id is an {@link InstanceId}). Timed events have {@code startTime}/{@code endTime} (UTC) and the
 * {@code timeZone} they are meant in; all-day events have {@code startDate} and an exclusive {@code endDate}.
 * {@code transparency} is {@code opaque} (blocks time) or {@code transparent}; an occurrence has its series' unless
 * edited.
 */
public record EventView(
        String id,
        String iCalUID,
        String title,
        String description,
        String location,
        String color,
        String status,
        String eventType,
        String transparency,
        boolean allDay,
        Instant startTime,
        Instant endTime,
        LocalDate startDate,
        LocalDate endDate,
        String timeZone,
        List<String> recurrence,
        String recurringEventId,
        String originalStartTime,
        List<Attendee> attendees,
        Reminders reminders,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * A single event or a series. {@code shownIn}: the zone of an event given as instants only (the user's).
     */
    static EventView of(CalendarEvent event, ZoneId shownIn) {
        return view(
                event.isException() ? instanceIdOf(event) : event.id.toString(),
                event,
                shownIn,
                event.startAt,
                event.endAt,
                event.startDate,
                event.endDate,
                event.isException() ? event.recurringEventId.toString() : null,
                event.isException() ? original(event.originalStartAt, event.originalStartDate) : null,
                event.isException() ? null : event.recurrence);
    }

    /** An occurrence of {@code series} that has not been edited, starting at {@code start} (timed series). */
    static EventView occurrence(CalendarEvent series, Instant start, ZoneId shownIn) {
        return view(
                InstanceId.of(series.id, start),
                series,
                shownIn,
                start,
                start.plus(series.duration()),
                null,
                null,
                series.id.toString(),
                original(start, null),
                null);
    }

    /** An occurrence of an all-day {@code series} on {@code date}. */
    static EventView occurrence(CalendarEvent series, LocalDate date, ZoneId shownIn) {
        return view(
                InstanceId.of(series.id, date),
                series,
                shownIn,
                null,
                null,
                date,
                date.plusDays(series.days()),
                series.id.toString(),
                original(null, date),
                null);
    }

    static String instanceIdOf(CalendarEvent exception) {
        return exception.originalStartDate != null
                ? InstanceId.of(exception.recurringEventId, exception.originalStartDate)
                : InstanceId.of(exception.recurringEventId, exception.originalStartAt);
    }

    private static String original(Instant at, LocalDate date) {
        return date != null ? date.toString() : at.toString();
    }

    private static EventView view(
            String id,
            CalendarEvent event,
            ZoneId shownIn,
            Instant start,
            Instant end,
            LocalDate startDate,
            LocalDate endDate,
            String recurringEventId,
            String originalStartTime,
            List<String> recurrence) {
        String zone = event.allDay ? null : (event.timeZone != null ? event.timeZone : shownIn).getId();
        return new EventView(
                id,
                event.icalUid,
                event.title,
                event.description,
                event.location,
                event.color,
                event.status.value(),
                event.eventType.value(),
                event.transparency.value(),
                event.allDay,
                event.allDay ? null : start,
                event.allDay ? null : end,
                event.allDay ? startDate : null,
                event.allDay ? endDate : null,
                zone,
                recurrence,
                recurringEventId,
                originalStartTime,
                event.attendees,
                event.reminders,
                event.version,
                event.createdAt,
                event.updatedAt);
    }

    /** The instant this occurrence starts at (all-day: the start of its date in {@code zone}), for ordering. */
    public Instant startsAt(ZoneId zone) {
        return allDay ? startDate.atStartOfDay(zone).toInstant() : startTime;
    }

    public Instant endsAt(ZoneId zone) {
        return allDay ? endDate.atStartOfDay(zone).toInstant() : endTime;
    }
}
