package org.atom.calendar.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atom.calendar.event.ics.IcsValues;
import org.atom.calendar.event.ics.IcsWriter;
import org.atom.calendar.event.ics.VTimeZones;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's events as one iCalendar file: every single event and series ({@code RRULE}/{@code RDATE}/{@code EXDATE}
 * as stored, {@code DTSTART;TZID=} in the series' zone), each edited occurrence as a VEVENT with the series' UID and
 * {@code RECURRENCE-ID}, all-day events as dates, and a {@code VTIMEZONE} for every TZID used. What iCalendar has no
 * property for travels as {@code X-ATOM-*} properties, so that importing the file again changes nothing.
 */
@Component
class IcsExport {

    static final String PRODID = "-//ATOM//calendar-service//EN";

    private static final Pattern TZID = Pattern.compile(";TZID=([^;:]+)");
    /** A VTIMEZONE starts this long before the earliest time it serves (RDATEs may precede a series' start). */
    private static final long ZONE_MARGIN_DAYS = 366;

    private static final Comparator<CalendarEvent> ORIGINAL_START = Comparator.comparing(
                    (CalendarEvent e) -> e.originalStartAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.originalStartDate, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final EventRepository events;
    private final Clock clock;

    IcsExport(EventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    String calendar(String ownerId) {
        List<CalendarEvent> rows = events.all(ownerId);
        Map<UUID, List<CalendarEvent>> edited = new LinkedHashMap<>();
        for (CalendarEvent row : rows) {
            if (row.isException()) {
                edited.computeIfAbsent(row.recurringEventId, id -> new ArrayList<>())
                        .add(row);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<ZoneId, Instant> zones = new TreeMap<>(Comparator.comparing(ZoneId::getId));
        IcsWriter body = new IcsWriter();
        for (CalendarEvent event : rows) {
            if (event.isException()) {
                continue;
            }
            vevent(body, event, null, now, zones);
            List<CalendarEvent> exceptions = new ArrayList<>(edited.getOrDefault(event.id, List.of()));
            exceptions.sort(ORIGINAL_START);
            for (CalendarEvent exception : exceptions) {
                vevent(body, exception, event, now, zones);
            }
        }
        IcsWriter head = new IcsWriter()
                .begin("VCALENDAR")
                .raw("VERSION", "2.0")
                .raw("PRODID", PRODID)
                .raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH");
        zones.forEach((zone, from) -> VTimeZones.write(head, zone, from.minus(ZONE_MARGIN_DAYS, ChronoUnit.DAYS)));
        return head + body.toString() + new IcsWriter().end("VCALENDAR");
    }

    private static void vevent(
            IcsWriter out, CalendarEvent event, CalendarEvent series, Instant now, Map<ZoneId, Instant> zones) {
        out.begin("VEVENT")
                .text("UID", event.icalUid)
                .raw("DTSTAMP", IcsValues.utc(now))
                .raw("CREATED", IcsValues.utc(event.createdAt))
                .raw("LAST-MODIFIED", IcsValues.utc(event.updatedAt))
                .raw("SEQUENCE", String.valueOf(event.version - 1));
        if (series != null) {
            if (series.allDay) {
                out.raw(
                        "RECURRENCE-ID",
                        IcsWriter.params("VALUE", "DATE"),
                        IcsValues.DATE.format(event.originalStartDate));
            } else {
                time(out, "RECURRENCE-ID", event.originalStartAt, series.timeZone, true, zones);
            }
        }
        if (event.allDay) {
            out.raw("DTSTART", IcsWriter.params("VALUE", "DATE"), IcsValues.DATE.format(event.startDate));
            out.raw("DTEND", IcsWriter.params("VALUE", "DATE"), IcsValues.DATE.format(event.endDate));
        } else {
            // a series keeps its zone even in the one ambiguous hour a year; a single event says its exact instant
            time(out, "DTSTART", event.startAt, event.timeZone, !event.isSeries(), zones);
            time(out, "DTEND", event.endAt, event.timeZone, true, zones);
        }
        if (series == null) {
            for (String line : event.recurrence) {
                out.line(line);
                Matcher tzid = TZID.matcher(line);
                if (tzid.find()) {
                    used(zones, ZoneId.of(tzid.group(1)), event.spanStart());
                }
            }
        }
        out.text("SUMMARY", event.title)
                .text("DESCRIPTION", event.description)
                .text("LOCATION", event.location)
                .raw("STATUS", event.status.name())
                .raw("TRANSP", event.transparency.name());
        if (event.color != null) {
            out.raw(event.color.startsWith("#") ? IcsEventInput.X_COLOR : "COLOR", event.color);
        }
        if (event.eventType != EventType.DEFAULT) {
            out.raw(IcsEventInput.X_EVENT_TYPE, event.eventType.value());
        }
        for (Attendee attendee : event.attendees) {
            out.raw(
                    "ATTENDEE",
                    IcsWriter.params(
                            "CN", attendee.name(),
                            "ROLE", attendee.optional() ? "OPT-PARTICIPANT" : "REQ-PARTICIPANT",
                            "PARTSTAT", partstat(attendee.responseStatus())),
                    "mailto:" + attendee.email());
        }
        Reminders reminders = event.reminders;
        if (reminders.useDefault() != reminders.overrides().isEmpty()) {
            // what the VALARMs alone would not say: no reminders at all, or defaults besides these
            out.raw(IcsEventInput.X_DEFAULT_REMINDERS, reminders.useDefault() ? "TRUE" : "FALSE");
        }
        for (Reminders.Override reminder : reminders.overrides()) {
            // EMAIL alarms need the address to send to, which the calendar does not know: DISPLAY, the method kept
            out.begin("VALARM")
                    .raw("ACTION", "DISPLAY")
                    .text("DESCRIPTION", event.title)
                    .raw("TRIGGER", IcsValues.before(reminder.minutes()));
            if (!reminder.method().equals("popup")) {
                out.raw(IcsEventInput.X_REMINDER_METHOD, reminder.method());
            }
            out.end("VALARM");
        }
        out.end("VEVENT");
    }

    /**
     * A DATE-TIME: wall-clock time with TZID in a region zone, else UTC. {@code exact}: UTC also where the wall-clock
     * time would be read as the other instant of a fall-back hour.
     */
    private static void time(
            IcsWriter out, String name, Instant at, ZoneId zone, boolean exact, Map<ZoneId, Instant> zones) {
        if (zone == null || zone.normalized() instanceof ZoneOffset) {
            out.raw(name, IcsValues.utc(at));
            return;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (exact && !ZonedDateTime.ofLocal(local, zone, null).toInstant().equals(at)) {
            out.raw(name, IcsValues.utc(at));
            return;
        }
        out.raw(name, IcsWriter.params("TZID", zone.getId()), IcsValues.LOCAL.format(local));
        used(zones, zone, at);
    }

    private static void used(Map<ZoneId, Instant> zones, ZoneId zone, Instant at) {
        if (!(zone.normalized() instanceof ZoneOffset)) {
            zones.merge(zone, at, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    private static String partstat(String responseStatus) {
        return switch (responseStatus) {
            case "accepted" -> "ACCEPTED";
            case "declined" -> "DECLINED";
            case "tentative" -> "TENTATIVE";
            default -> "NEEDS-ACTION";
        };
    }
}
