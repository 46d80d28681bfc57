package org.atom.calendar.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.atom.calendar.publishing.CalendarEventEvents;
import org.atom.platform.recurrence.InvalidRecurrenceException;
import org.atom.platform.recurrence.Recurrence;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.ConflictException;
import org.atom.platform.web.ETags;
import org.atom.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Event use cases, each in one transaction with the events it publishes (outbox). An id is a single event's or a
 * series' UUID, or an occurrence's {@link InstanceId}; a change to an occurrence applies to it alone, to it and the
 * rest of the series (the series splits), or to the whole series ({@link Scope}).
 */
@Service
class EventService {

    private final EventRepository events;
    private final Occurrences occurrences;
    private final CalendarEventEvents published;
    private final UserProfiles profiles;
    private final Clock clock;

    EventService(
            EventRepository events,
            Occurrences occurrences,
            CalendarEventEvents published,
            UserProfiles profiles,
            Clock clock) {
        this.events = events;
        this.occurrences = occurrences;
        this.published = published;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Transactional
    EventView create(String ownerId, EventInput input) {
        if (!(input.get(EventInput.TITLE) instanceof String)) {
            throw BadRequestException.of(EventInput.TITLE, "is required");
        }
        CalendarEvent event = new CalendarEvent(UUID.randomUUID(), ownerId, now());
        event.icalUid = event.id + "@atom";
        apply(event, input, true);
        events.insert(event);
        EventView view = view(event);
        published.created(ownerId, view);
        return view;
    }

    @Transactional(readOnly = true)
    EventView get(String ownerId, String id) {
        Optional<InstanceId> instance = InstanceId.parse(id);
        if (instance.isEmpty()) {
            return view(find(ownerId, uuid(id), false));
        }
        CalendarEvent series = series(ownerId, instance.get(), false);
        return events.findException(ownerId, instance.get(), false)
                .map(this::view)
                .orElseGet(() -> occurrence(series, instance.get()));
    }

    /** The occurrences of a series overlapping the window, edited ones included. */
    @Transactional(readOnly = true)
    List<EventView> instances(String ownerId, UUID seriesId, Window window, ZoneId zone) {
        CalendarEvent series = find(ownerId, seriesId, false);
        if (!series.isSeries()) {
            throw new NotFoundException("Recurring event", seriesId);
        }
        return occurrences.of(series, window.from(), window.to(), zone, window.endField());
    }

    @Transactional
    EventView update(String ownerId, String id, EventInput input, String ifMatch, Scope scope) {
        Optional<InstanceId> instance = InstanceId.parse(id);
        if (instance.isEmpty()) {
            CalendarEvent event = find(ownerId, uuid(id), true);
            checkVersion(event, input, ifMatch);
            apply(event, input, false);
            dropLostEdits(event);
            return saved(event);
        }
        CalendarEvent series = series(ownerId, instance.get(), true);
        Optional<CalendarEvent> edited = events.findException(ownerId, instance.get(), true);
        if (input.has(EventInput.RECURRENCE) && scope == Scope.THIS) {
            throw BadRequestException.of(EventInput.RECURRENCE, "cannot be set on one occurrence of a series");
        }
        return switch (scope) {
            case THIS -> {
                if (edited.isPresent()) {
                    CalendarEvent exception = edited.get();
                    checkVersion(exception, input, ifMatch);
                    apply(exception, input, false);
                    yield saved(exception);
                }
                EventView occurrence = occurrence(series, instance.get());
                checkVersion(series, input, ifMatch);
                CalendarEvent exception = exceptionOf(series, instance.get(), occurrence);
                apply(exception, input, false);
                events.insert(exception);
                EventView view = view(exception);
                published.updated(ownerId, view);
                yield view;
            }
            case FOLLOWING -> {
                occurrence(series, instance.get());
                checkVersion(series, input, ifMatch);
                yield split(series, instance.get(), input);
            }
            case ALL -> {
                EventView occurrence = occurrence(series, instance.get());
                checkVersion(series, input, ifMatch);
                applyToSeries(series, occurrence, input);
                dropLostEdits(series);
                yield saved(series);
            }
        };
    }

    @Transactional
    void delete(String ownerId, String id, String ifMatch, Scope scope) {
        Optional<InstanceId> instance = InstanceId.parse(id);
        if (instance.isEmpty()) {
            CalendarEvent event = find(ownerId, uuid(id), true);
            ETags.checkIfMatch(ifMatch, event.version);
            if (event.isException()) {
                deleteOccurrence(
                        find(ownerId, event.recurringEventId, true),
                        InstanceId.parse(EventView.instanceIdOf(event)).orElseThrow());
                return;
            }
            deleteWhole(event);
            return;
        }
        CalendarEvent series = series(ownerId, instance.get(), true);
        occurrence(series, instance.get());
        ETags.checkIfMatch(ifMatch, series.version);
        if (scope == Scope.ALL || (scope == Scope.FOLLOWING && isFirst(series, instance.get()))) {
            deleteWhole(series);
        } else if (scope == Scope.FOLLOWING) {
            InstanceId from = instance.get();
            for (CalendarEvent edit :
                    events.deleteExceptionsFrom(ownerId, series.id, from.originalStartAt(), from.originalStartDate())) {
                published.deleted(ownerId, EventView.instanceIdOf(edit), series.id.toString());
            }
            series.recurrence = Series.endBefore(series, from.originalStartAt(), from.originalStartDate());
            saved(series);
        } else {
            deleteOccurrence(series, instance.get());
        }
    }

    /**
     * A single event or a whole series goes. A series' edited occurrences are rows of their own, which consumers know
     * by their instance ids: each gets its deleted event (in the order of their original starts) before the series'.
     */
    private void deleteWhole(CalendarEvent event) {
        for (CalendarEvent edit : events.deleteExceptionsOf(event.ownerId, event.id)) {
            published.deleted(event.ownerId, EventView.instanceIdOf(edit), event.id.toString());
        }
        events.delete(event.ownerId, event.id);
        published.deleted(event.ownerId, event.id.toString(), null);
    }

    /** One occurrence goes: an EXDATE on the series, and its edited version if there was one. */
    private void deleteOccurrence(CalendarEvent series, InstanceId instance) {
        events.findException(series.ownerId, instance, true).ifPresent(e -> events.delete(series.ownerId, e.id));
        series.recurrence = Series.exclude(series, instance.originalStartAt(), instance.originalStartDate());
        published.deleted(series.ownerId, instance.toString(), series.id.toString());
        saved(series);
    }

    /**
     * "This and following": the series ends before the occurrence, and a new series (with the change) starts there,
     * taking over the edited occurrences after it unless its times changed.
     */
    private EventView split(CalendarEvent series, InstanceId at, EventInput input) {
        if (isFirst(series, at)) {
            applyToSeries(series, occurrence(series, at), input);
            dropLostEdits(series);
            return saved(series);
        }
        // COUNT counts the rules' instances (excluded ones too, RDATEs not): count those before the split
        Recurrence recurrence = Recurrence.parse(
                series.recurrence.stream()
                        .filter(line -> line.regionMatches(true, 0, "RRULE:", 0, 6))
                        .toList(),
                series.recurrenceZone());
        int before = series.allDay
                ? recurrence
                        .occurrences(series.startDate, series.startDate, at.originalStartDate(), Recurrence.MAX_LIMIT)
                        .size()
                : recurrence
                        .occurrences(series.localStart(), series.startAt, at.originalStartAt(), Recurrence.MAX_LIMIT)
                        .size();
        CalendarEvent rest = copy(series, UUID.randomUUID());
        rest.icalUid = rest.id + "@atom";
        if (series.allDay) {
            rest.startDate = at.originalStartDate();
            rest.endDate = rest.startDate.plusDays(series.days());
        } else {
            rest.startAt = at.originalStartAt();
            rest.endAt = rest.startAt.plus(series.duration());
        }
        rest.recurrence = Series.from(series, before, at.originalStartAt(), at.originalStartDate());
        EventView occurrence = occurrence(series, at);
        applyToSeries(rest, occurrence, input);
        boolean retimed = input.has(EventInput.START_TIME)
                || input.has(EventInput.END_TIME)
                || input.has(EventInput.START_DATE)
                || input.has(EventInput.END_DATE)
                || input.has(EventInput.ALL_DAY)
                || input.has(EventInput.TIME_ZONE)
                || input.has(EventInput.RECURRENCE);
        List<CalendarEvent> later =
                events.deleteExceptionsFrom(series.ownerId, series.id, at.originalStartAt(), at.originalStartDate());
        series.recurrence = Series.endBefore(series, at.originalStartAt(), at.originalStartDate());
        saved(series);
        events.insert(rest);
        EventView view = view(rest);
        published.created(series.ownerId, view);
        for (CalendarEvent exception : later) {
            // its occurrence belongs to the new series now (another instance id), or is gone if the times changed
            published.deleted(series.ownerId, EventView.instanceIdOf(exception), series.id.toString());
            if (!retimed) {
                CalendarEvent moved = copy(exception, exception.id);
                moved.recurringEventId = rest.id;
                moved.icalUid = rest.icalUid;
                events.insert(moved);
                published.updated(series.ownerId, view(moved));
            }
        }
        return view;
    }

    private static boolean isFirst(CalendarEvent series, InstanceId at) {
        return series.allDay
                ? at.originalStartDate().equals(series.startDate)
                : at.originalStartAt().equals(series.startAt);
    }

    /**
     * A change stated for one occurrence applied to a whole series: times move the series by as much as they move
     * that occurrence; everything else applies as it is.
     */
    private void applyToSeries(CalendarEvent series, EventView occurrence, EventInput input) {
        boolean allDayBefore = series.allDay;
        Instant startBefore = series.startAt;
        LocalDate dateBefore = series.startDate;
        CalendarEvent probe = copy(series, series.id);
        // the occurrence's own times, changed by the input, tell how far the series moves
        if (series.allDay) {
            probe.startDate = occurrence.startDate();
            probe.endDate = occurrence.endDate();
        } else {
            probe.startAt = occurrence.startTime();
            probe.endAt = occurrence.endTime();
        }
        apply(probe, input, false);
        if (probe.allDay != allDayBefore) {
            throw BadRequestException.of(
                    EventInput.ALL_DAY, "cannot change for a whole series from one occurrence; change the series");
        }
        if (series.allDay) {
            long shift = probe.startDate.toEpochDay() - occurrence.startDate().toEpochDay();
            probe.startDate = dateBefore.plusDays(shift);
            probe.endDate = probe.startDate.plusDays(probe.days());
        } else {
            // the move in wall-clock time, so that a move across a DST change keeps every occurrence's time of day
            ZoneId zone = probe.recurrenceZone();
            Duration shift = Duration.between(
                    java.time.LocalDateTime.ofInstant(occurrence.startTime(), zone),
                    java.time.LocalDateTime.ofInstant(probe.startAt, zone));
            Duration length = probe.duration();
            probe.startAt = java.time.LocalDateTime.ofInstant(startBefore, zone)
                    .plus(shift)
                    .atZone(zone)
                    .toInstant();
            probe.endAt = probe.startAt.plus(length);
        }
        copyInto(probe, series);
    }

    private CalendarEvent exceptionOf(CalendarEvent series, InstanceId instance, EventView occurrence) {
        CalendarEvent exception = copy(series, UUID.randomUUID());
        exception.recurrence = List.of();
        exception.recurringEventId = series.id;
        exception.originalStartAt = instance.originalStartAt();
        exception.originalStartDate = instance.originalStartDate();
        exception.startAt = occurrence.startTime();
        exception.endAt = occurrence.endTime();
        exception.startDate = occurrence.startDate();
        exception.endDate = occurrence.endDate();
        exception.version = 1;
        return exception;
    }

    /** Fails with a 409/412 when the client edited an older version. */
    private static void checkVersion(CalendarEvent event, EventInput input, String ifMatch) {
        ETags.checkIfMatch(ifMatch, event.version);
        ETags.checkVersion(input.version(), event.version);
    }

    private EventView saved(CalendarEvent event) {
        event.updatedAt = now();
        if (!events.update(event)) {
            throw new ConflictException("The event changed meanwhile; reload it and try again");
        }
        EventView view = view(event);
        published.updated(event.ownerId, view);
        return view;
    }

    /** Applies the input; the event's timing and recurrence must make sense afterwards. */
    private void apply(CalendarEvent event, EventInput input, boolean creating) {
        if (input.has(EventInput.TITLE)) {
            event.title = (String) input.get(EventInput.TITLE);
        }
        if (input.has(EventInput.DESCRIPTION)) {
            event.description = (String) input.get(EventInput.DESCRIPTION);
        }
        if (input.has(EventInput.LOCATION)) {
            event.location = (String) input.get(EventInput.LOCATION);
        }
        if (input.has(EventInput.COLOR)) {
            event.color = (String) input.get(EventInput.COLOR);
        }
        if (input.has(EventInput.STATUS)) {
            event.status = (EventStatus) input.get(EventInput.STATUS);
        }
        if (input.has(EventInput.EVENT_TYPE)) {
            event.eventType = (EventType) input.get(EventInput.EVENT_TYPE);
        }
        applyTransparency(event, input);
        if (input.has(EventInput.ATTENDEES)) {
            @SuppressWarnings("unchecked")
            List<Attendee> attendees = (List<Attendee>) input.get(EventInput.ATTENDEES);
            event.attendees = attendees;
        }
        if (input.has(EventInput.REMINDERS)) {
            event.reminders = (Reminders) input.get(EventInput.REMINDERS);
        }
        // the zone the request's (or the stored) date-times are meant in, even where the event will keep none
        ZoneId readIn = input.get(EventInput.TIME_ZONE) instanceof ZoneId zone ? zone : event.timeZone;
        applyTiming(event, input, creating);
        applyRecurrence(event, input, readIn);
    }

    /**
     * Out-of-office is always opaque, as in Google Calendar: stating {@code transparent} for one is refused, and an
     * event that becomes out-of-office becomes opaque.
     */
    private static void applyTransparency(CalendarEvent event, EventInput input) {
        if (input.has(EventInput.TRANSPARENCY)) {
            event.transparency = (Transparency) input.get(EventInput.TRANSPARENCY);
        }
        if (event.eventType == EventType.OUT_OF_OFFICE && event.transparency != Transparency.OPAQUE) {
            if (input.has(EventInput.TRANSPARENCY)) {
                throw BadRequestException.of(
                        EventInput.TRANSPARENCY,
                        "must be opaque for an outOfOffice event (out of office always blocks its time)");
            }
            event.transparency = Transparency.OPAQUE;
        }
    }

    private static void applyTiming(CalendarEvent event, EventInput input, boolean creating) {
        boolean allDay = input.get(EventInput.ALL_DAY) instanceof Boolean b
                ? b
                : creating ? input.has(EventInput.START_DATE) && !input.has(EventInput.START_TIME) : event.allDay;
        ZoneId zone = input.has(EventInput.TIME_ZONE) ? (ZoneId) input.get(EventInput.TIME_ZONE) : event.timeZone;
        if (allDay) {
            LocalDate start = input.get(EventInput.START_DATE) instanceof LocalDate d
                    ? d
                    : event.allDay
                            ? event.startDate
                            : event.startAt == null
                                    ? null
                                    : event.startAt.atZone(zoneOr(zone)).toLocalDate();
            if (start == null) {
                throw BadRequestException.of(EventInput.START_DATE, "is required for an all-day event");
            }
            LocalDate end = input.get(EventInput.END_DATE) instanceof LocalDate d
                    ? d
                    : event.allDay && event.startDate != null ? start.plusDays(event.days()) : start.plusDays(1);
            if (!end.isAfter(start)) {
                throw BadRequestException.of(EventInput.END_DATE, "must be after startDate (it is exclusive)");
            }
            event.allDay = true;
            event.startDate = start;
            event.endDate = end;
            event.startAt = null;
            event.endAt = null;
            // all-day dates are floating (as in Google Calendar): a zone sent with them only reads the request
            event.timeZone = null;
            return;
        }
        EventInput.When start = (EventInput.When) input.get(EventInput.START_TIME);
        EventInput.When end = (EventInput.When) input.get(EventInput.END_TIME);
        if (zone == null && ((start != null && start.local() != null) || (end != null && end.local() != null))) {
            throw BadRequestException.of(
                    EventInput.TIME_ZONE, "is required for times without an offset (or give the offset)");
        }
        Instant startAt = start != null ? start.in(zoneOr(zone)) : event.allDay ? null : event.startAt;
        Instant endAt = end != null
                ? end.in(zoneOr(zone))
                : event.allDay || event.startAt == null || startAt == null ? null : startAt.plus(event.duration());
        if (startAt == null) {
            throw BadRequestException.of(EventInput.START_TIME, "is required");
        }
        if (endAt == null) {
            throw BadRequestException.of(EventInput.END_TIME, "is required");
        }
        if (!endAt.isAfter(startAt)) {
            throw BadRequestException.of(EventInput.END_TIME, "must be after startTime");
        }
        event.allDay = false;
        event.startAt = startAt.truncatedTo(ChronoUnit.SECONDS);
        event.endAt = endAt.truncatedTo(ChronoUnit.SECONDS);
        event.startDate = null;
        event.endDate = null;
        event.timeZone = zone;
    }

    /**
     * The recurrence lines, checked and normalised. An all-day series keeps no zone: date-times in its lines (RDATE,
     * EXDATE, UNTIL) become the dates they stand for in {@code readIn} (the request's zone, else the zone the event
     * had; UTC without either), so that they mean the same days wherever they are read.
     */
    private static void applyRecurrence(CalendarEvent event, EventInput input, ZoneId readIn) {
        @SuppressWarnings("unchecked")
        List<String> lines =
                input.has(EventInput.RECURRENCE) ? (List<String>) input.get(EventInput.RECURRENCE) : event.recurrence;
        if (lines.isEmpty()) {
            event.recurrence = List.of();
            return;
        }
        if (event.isException()) {
            throw BadRequestException.of(EventInput.RECURRENCE, "cannot be set on one occurrence of a series");
        }
        if (!event.allDay && event.timeZone == null) {
            throw BadRequestException.of(
                    EventInput.TIME_ZONE, "is required for a recurring event, so its times keep their wall-clock time");
        }
        try {
            event.recurrence = event.allDay
                    ? Recurrence.parse(lines, zoneOr(readIn)).withDatesOnly().toLines()
                    : Recurrence.parse(lines, event.recurrenceZone()).toLines();
        } catch (InvalidRecurrenceException e) {
            // the element at fault, as the client sent it (recurrence[1]); the list as a whole when no one line is
            throw e.index() >= 0
                    ? BadRequestException.of(EventInput.RECURRENCE + "[" + e.index() + "]", e.reason())
                    : BadRequestException.of(EventInput.RECURRENCE, e.getMessage());
        }
    }

    private static ZoneId zoneOr(ZoneId zone) {
        return zone != null ? zone : ZoneOffset.UTC;
    }

    /** The occurrence of the series the instance id names, if the series has one there. */
    private EventView occurrence(CalendarEvent series, InstanceId instance) {
        if (!occurs(series, instance)) {
            throw new NotFoundException("Event", instance.toString());
        }
        ZoneId zone = profiles.of(series.ownerId).timeZone();
        return series.allDay
                ? EventView.occurrence(series, instance.originalStartDate(), zone)
                : EventView.occurrence(series, instance.originalStartAt(), zone);
    }

    private static boolean occurs(CalendarEvent series, InstanceId instance) {
        Recurrence recurrence = series.parsedRecurrence();
        if (series.allDay) {
            LocalDate date = instance.originalStartDate();
            return date != null
                    && recurrence
                            .occurrences(series.startDate, date, date.plusDays(1), 1)
                            .contains(date);
        }
        Instant at = instance.originalStartAt();
        return at != null
                && !recurrence
                        .occurrences(series.localStart(), at, at.plusSeconds(1), 1)
                        .isEmpty();
    }

    /**
     * After a change to a whole series: its edited occurrences whose original start it no longer has (its times or
     * rule changed, or it is no series any more) go, each with its deleted event, as Outlook drops exceptions.
     */
    private void dropLostEdits(CalendarEvent series) {
        for (CalendarEvent edit : events.exceptionsOf(series.ownerId, List.of(series.id))) {
            InstanceId instance = InstanceId.parse(EventView.instanceIdOf(edit)).orElseThrow();
            if (!series.isSeries() || !occurs(series, instance)) {
                events.delete(series.ownerId, edit.id);
                published.deleted(series.ownerId, instance.toString(), series.id.toString());
            }
        }
    }

    private CalendarEvent series(String ownerId, InstanceId instance, boolean forUpdate) {
        CalendarEvent series = events.find(ownerId, instance.seriesId(), forUpdate)
                .filter(CalendarEvent::isSeries)
                .orElseThrow(() -> new NotFoundException("Event", instance.toString()));
        return series;
    }

    private CalendarEvent find(String ownerId, UUID id, boolean forUpdate) {
        return events.find(ownerId, id, forUpdate).orElseThrow(() -> new NotFoundException("Event", id));
    }

    private static UUID uuid(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // not found below
        }
        throw new NotFoundException("Event", id);
    }

    private EventView view(CalendarEvent event) {
        return EventView.of(event, profiles.of(event.ownerId).timeZone());
    }

    private static CalendarEvent copy(CalendarEvent from, UUID id) {
        CalendarEvent to = new CalendarEvent(id, from.ownerId, from.createdAt);
        to.icalUid = from.icalUid;
        copyInto(from, to);
        to.recurringEventId = from.recurringEventId;
        to.originalStartAt = from.originalStartAt;
        to.originalStartDate = from.originalStartDate;
        to.version = from.version;
        return to;
    }

    /** The editable fields (not identity, not the series link). */
    private static void copyInto(CalendarEvent from, CalendarEvent to) {
        to.title = from.title;
        to.description = from.description;
        to.location = from.location;
        to.color = from.color;
        to.allDay = from.allDay;
        to.startAt = from.startAt;
        to.endAt = from.endAt;
        to.startDate = from.startDate;
        to.endDate = from.endDate;
        to.timeZone = from.timeZone;
        to.status = from.status;
        to.eventType = from.eventType;
        to.transparency = from.transparency;
        to.recurrence = from.recurrence;
        to.attendees = from.attendees;
        to.reminders = from.reminders;
        to.updatedAt = from.updatedAt;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- iCalendar import (IcsImport): the rules of create and update, under the file's UID

    /** Creates an event as {@link #create} does, under the iCalendar UID an imported file gave it. */
    @Transactional
    EventView createWithUid(String ownerId, String icalUid, EventInput input) {
        CalendarEvent event = new CalendarEvent(UUID.randomUUID(), ownerId, now());
        event.icalUid = icalUid;
        apply(event, input, true);
        events.insert(event);
        EventView view = view(event);
        published.created(ownerId, view);
        return view;
    }

    /** A copy of the event with the input applied as an update applies it (and checked the same way); not saved. */
    CalendarEvent preview(CalendarEvent event, EventInput input) {
        CalendarEvent probe = copy(event, event.id);
        apply(probe, input, false);
        return probe;
    }

    /** The occurrence of a series as a not yet saved edited occurrence; 404 if the series has no such occurrence. */
    CalendarEvent unedited(CalendarEvent series, InstanceId instance) {
        return exceptionOf(series, instance, occurrence(series, instance));
    }
}
