package org.atom.calendar.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.atom.platform.recurrence.Recurrence;

/**
 * A stored event: a single event, the master of a recurring series ({@code recurrence} not empty) or an edited
 * occurrence of a series ({@code recurringEventId} set, replacing the occurrence that started at
 * {@code originalStartAt}/{@code originalStartDate}). Timed events keep instants and, when given, the IANA zone
 * their wall-clock times belong to; all-day events keep floating dates, the end exclusive, and no zone (their
 * recurrence lines hold dates only, so they are read in UTC and mean the same days anywhere).
 */
final class CalendarEvent {

    /** The extreme UTC offsets: an all-day date starts no earlier and ends no later than these allow. */
    private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14), LATEST = ZoneOffset.ofHours(-12);

    final UUID id;
    final String ownerId;
    String icalUid;
    String title;
    String description;
    String location;
    String color;
    boolean allDay;
    Instant startAt;
    Instant endAt;
    LocalDate startDate;
    LocalDate endDate;
    ZoneId timeZone;
    EventStatus status = EventStatus.CONFIRMED;
    EventType eventType = EventType.DEFAULT;
    Transparency transparency = Transparency.OPAQUE;
    List<String> recurrence = List.of();
    UUID recurringEventId;
    Instant originalStartAt;
    LocalDate originalStartDate;
    List<Attendee> attendees = List.of();
    Reminders reminders = Reminders.DEFAULT;
    long version = 1;
    final Instant createdAt;
    Instant updatedAt;

    CalendarEvent(UUID id, String ownerId, Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    boolean isSeries() {
        return !recurrence.isEmpty();
    }

    boolean isException() {
        return recurringEventId != null;
    }

    /** The series' recurrence set, in the event's zone (UTC for all-day series). */
    Recurrence parsedRecurrence() {
        return Recurrence.parse(recurrence, recurrenceZone());
    }

    ZoneId recurrenceZone() {
        return timeZone != null ? timeZone : ZoneOffset.UTC;
    }

    /** The first start as wall-clock time in the series zone (timed events). */
    LocalDateTime localStart() {
        return LocalDateTime.ofInstant(startAt, recurrenceZone());
    }

    Duration duration() {
        return Duration.between(startAt, endAt);
    }

    long days() {
        return endDate.toEpochDay() - startDate.toEpochDay();
    }

    /** The earliest instant any occurrence can start at. */
    Instant spanStart() {
        return allDay ? startDate.atStartOfDay().toInstant(EARLIEST) : startAt;
    }

    /**
     * The latest instant any occurrence can end at: null for a series without end. A finite series is walked to its
     * last occurrence (bounded by the recurrence library's limits; a longer one counts as endless).
     */
    Instant spanEnd() {
        if (!isSeries()) {
            return allDay ? endDate.atStartOfDay().toInstant(LATEST) : endAt;
        }
        Recurrence series = parsedRecurrence();
        if (series.isInfinite()) {
            return null;
        }
        if (allDay) {
            List<LocalDate> dates = series.preview(startDate, Recurrence.MAX_LIMIT);
            return dates.size() == Recurrence.MAX_LIMIT
                    ? null
                    : dates.getLast().plusDays(days()).atStartOfDay().toInstant(LATEST);
        }
        List<java.time.ZonedDateTime> starts = series.preview(localStart(), Recurrence.MAX_LIMIT);
        return starts.size() == Recurrence.MAX_LIMIT
                ? null
                : starts.getLast().toInstant().plus(duration());
    }
}
