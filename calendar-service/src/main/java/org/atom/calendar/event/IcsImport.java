package org.atom.calendar.event;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.atom.calendar.event.IcsEventInput.Mapped;
import org.atom.calendar.event.IcsEventInput.RecurrenceId;
import org.atom.calendar.event.IcsEventInput.Skip;
import org.atom.calendar.event.ics.IcsComponent;
import org.atom.calendar.event.ics.IcsParser;
import org.atom.calendar.event.ics.IcsProperty;
import org.atom.calendar.event.ics.TimeZoneIds;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Imports an iCalendar file into a user's events, matched by UID: an event whose UID the user has is updated (or left
 * as it is when nothing differs: no new version, no event published), any other is created under the file's UID.
 * Edited occurrences ({@code RECURRENCE-ID}) attach to the series of their UID, after every series of the file.
 *
 * <p>Each VEVENT is imported in its own transaction through the same use cases as the API ({@link EventService}:
 * same checks, same outbox events), so one bad event never costs the others: it is reported as skipped, with the
 * reason. The file as a whole fails (400) only when it is not iCalendar at all.
 */
@Service
class IcsImport {

    private static final Logger log = LoggerFactory.getLogger(IcsImport.class);

    private final EventService service;
    private final EventRepository events;
    private final UserProfiles profiles;
    private final TransactionTemplate transactions;

    IcsImport(
            EventService service,
            EventRepository events,
            UserProfiles profiles,
            PlatformTransactionManager transactions) {
        this.service = service;
        this.events = events;
        this.profiles = profiles;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** What an import did: counts per VEVENT, and every VEVENT it skipped with the reason. */
    record Report(int created, int updated, int unchanged, List<Skipped> skipped) {}

    /** A VEVENT left out: its UID, the line it starts on, and why. */
    record Skipped(String uid, int line, String reason) {}

    private enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * @throws org.atom.calendar.event.ics.IcsSyntaxException when the file is not iCalendar
     */
    Report importFile(String ownerId, byte[] file, Charset charset) {
        List<IcsComponent> calendars = IcsParser.parse(file, charset);
        Map<String, IcsComponent> vtimezones = new HashMap<>();
        List<IcsComponent> series = new ArrayList<>();
        List<IcsComponent> occurrences = new ArrayList<>();
        for (IcsComponent calendar : calendars) {
            for (IcsComponent component : calendar.components()) {
                switch (component.name()) {
                    case "VTIMEZONE" -> {
                        IcsProperty tzid = component.property("TZID");
                        if (tzid != null) {
                            vtimezones.putIfAbsent(tzid.text().strip(), component);
                        }
                    }
                    case "VEVENT" ->
                        (component.property("RECURRENCE-ID") == null ? series : occurrences).add(component);
                    default -> {
                        // VTODO, VJOURNAL, VFREEBUSY: not events
                    }
                }
            }
        }
        Map<String, Optional<ZoneId>> resolved = new HashMap<>();
        IcsEventInput.Zones zones = (tzid, year) -> resolved.computeIfAbsent(
                tzid + "\n" + year, key -> TimeZoneIds.resolve(tzid, vtimezones.get(tzid.strip()), year));
        ZoneId userZone = profiles.of(ownerId).timeZone();

        int[] counts = new int[Outcome.values().length];
        List<Skipped> skipped = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        Set<String> skippedUids = new HashSet<>();
        Set<String> edited = new HashSet<>();
        for (IcsComponent vevent : series) {
            String uid = uidOf(vevent);
            boolean duplicate = false;
            try {
                Mapped mapped = IcsEventInput.read(vevent, zones, userZone);
                uid = mapped.uid();
                if (!uids.add(uid)) {
                    duplicate = true;
                    throw new Skip("an earlier VEVENT of the file has this UID");
                }
                EventInput input = input(mapped);
                counts[run(() -> importEvent(ownerId, mapped.uid(), input)).ordinal()]++;
            } catch (RuntimeException e) {
                if (!duplicate) {
                    skippedUids.add(uid);
                }
                skipped.add(new Skipped(uid, vevent.line(), reason(e)));
            }
        }
        for (IcsComponent vevent : occurrences) {
            String uid = uidOf(vevent);
            try {
                Mapped mapped = IcsEventInput.read(vevent, zones, userZone);
                if (skippedUids.contains(mapped.uid())) {
                    throw new Skip("its recurring event (the VEVENT of this UID without RECURRENCE-ID) was skipped");
                }
                if (!edited.add(
                        mapped.uid() + "\n" + vevent.property("RECURRENCE-ID").value())) {
                    throw new Skip("an earlier VEVENT of the file edits this occurrence");
                }
                EventInput input = input(mapped);
                counts[run(() -> importOccurrence(ownerId, mapped, input)).ordinal()]++;
            } catch (RuntimeException e) {
                skipped.add(new Skipped(
                        uid,
                        vevent.line(),
                        "RECURRENCE-ID " + vevent.property("RECURRENCE-ID").value() + ": " + reason(e)));
            }
        }
        return new Report(
                counts[Outcome.CREATED.ordinal()],
                counts[Outcome.UPDATED.ordinal()],
                counts[Outcome.UNCHANGED.ordinal()],
                List.copyOf(skipped));
    }

    private Outcome importEvent(String ownerId, String uid, EventInput input) {
        Optional<CalendarEvent> existing = events.findByUid(ownerId, uid, true);
        if (existing.isEmpty()) {
            service.createWithUid(ownerId, uid, input);
            return Outcome.CREATED;
        }
        CalendarEvent stored = existing.get();
        if (sameContent(stored, service.preview(stored, input))) {
            return Outcome.UNCHANGED;
        }
        service.update(ownerId, stored.id.toString(), input, null, Scope.ALL);
        return Outcome.UPDATED;
    }

    private Outcome importOccurrence(String ownerId, Mapped mapped, EventInput input) {
        CalendarEvent series = events.findByUid(ownerId, mapped.uid(), true)
                .filter(CalendarEvent::isSeries)
                .orElseThrow(() -> new Skip("there is no recurring event with this UID, in the file or the calendar"));
        InstanceId instance = instance(series, mapped.recurrenceId());
        Optional<CalendarEvent> existing = events.findException(ownerId, instance, true);
        CalendarEvent before;
        try {
            before = existing.orElseGet(() -> service.unedited(series, instance));
        } catch (NotFoundException e) {
            throw new Skip("the recurring event has no occurrence starting then");
        }
        if (sameContent(before, service.preview(before, input))) {
            return Outcome.UNCHANGED;
        }
        service.update(ownerId, instance.toString(), input, null, Scope.THIS);
        return existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
    }

    /** The occurrence a RECURRENCE-ID names, read in the series' terms (a date for all-day series). */
    private static InstanceId instance(CalendarEvent series, RecurrenceId id) {
        ZoneId zone = series.recurrenceZone();
        if (series.allDay) {
            LocalDate date = id.date() != null
                    ? id.date()
                    : id.instant() != null
                            ? LocalDate.ofInstant(id.instant(), zone)
                            : id.local().toLocalDate();
            return new InstanceId(series.id, null, date);
        }
        Instant at;
        if (id.instant() != null) {
            at = id.instant();
        } else if (id.date() != null) {
            at = ZonedDateTime.ofLocal(id.date().atTime(series.localStart().toLocalTime()), zone, null)
                    .toInstant();
        } else {
            at = ZonedDateTime.ofLocal(id.local(), id.zone() != null ? id.zone() : zone, null)
                    .toInstant();
        }
        return new InstanceId(series.id, at, null);
    }

    /** Whether an update would leave the event as it is: every field a client can change is equal. */
    private static boolean sameContent(CalendarEvent a, CalendarEvent b) {
        return Objects.equals(a.title, b.title)
                && Objects.equals(a.description, b.description)
                && Objects.equals(a.location, b.location)
                && Objects.equals(a.color, b.color)
                && a.allDay == b.allDay
                && Objects.equals(a.startAt, b.startAt)
                && Objects.equals(a.endAt, b.endAt)
                && Objects.equals(a.startDate, b.startDate)
                && Objects.equals(a.endDate, b.endDate)
                && Objects.equals(a.timeZone, b.timeZone)
                && a.status == b.status
                && a.eventType == b.eventType
                && a.transparency == b.transparency
                && Objects.equals(a.recurrence, b.recurrence)
                && Objects.equals(a.attendees, b.attendees)
                && Objects.equals(a.reminders, b.reminders);
    }

    /** The body through the API's own checks. */
    private static EventInput input(Mapped mapped) {
        return EventInput.parse(mapped.body());
    }

    /** One VEVENT, one transaction: a failure rolls back that event only and is rethrown for the report. */
    private Outcome run(Supplier<Outcome> work) {
        return transactions.execute(status -> work.get());
    }

    private static String reason(RuntimeException e) {
        return switch (e) {
            case Skip skip -> skip.getMessage();
            case BadRequestException invalid ->
                invalid.errors().isEmpty()
                        ? invalid.getBody().getDetail()
                        : String.join(
                                "; ",
                                invalid.errors().stream()
                                        .map(IcsEventInput::reason)
                                        .toList());
            case ErrorResponseException refused -> refused.getBody().getDetail();
            case DataAccessException conflict -> {
                log.info(
                        "ICS import: event not stored ({})", conflict.getClass().getSimpleName());
                yield "the event changed meanwhile (another import or edit); import the file again";
            }
            default -> {
                log.warn("ICS import: unexpected failure of one event", e);
                yield "it could not be imported (an unexpected error, logged)";
            }
        };
    }

    private static String uidOf(IcsComponent vevent) {
        IcsProperty uid = vevent.property("UID");
        return uid == null ? null : uid.text().strip();
    }
}
