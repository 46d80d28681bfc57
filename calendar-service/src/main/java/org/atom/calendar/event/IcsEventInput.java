package org.atom.calendar.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atom.calendar.event.ics.IcsComponent;
import org.atom.calendar.event.ics.IcsProperty;
import org.atom.calendar.event.ics.IcsValues;
import org.atom.calendar.event.ics.IcsValues.IcsDuration;
import org.atom.calendar.event.ics.TimeZoneIds;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.StorableText;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code VEVENT} as the body an API client would send for it, so that an imported event passes exactly the checks
 * of {@code POST}/{@code PUT /api/calendar/events} ({@link EventInput#parse}). Everything the event has is stated —
 * absent properties as {@code null} — so that an update makes the stored event what the file says. What ATOM cannot
 * represent is left out: alarms after the start, more than four weeks before it or beyond the fifth, attendees
 * without an email address. A property that cannot be read makes the whole event {@link Skip skipped}.
 */
final class IcsEventInput {

    static final String NO_TITLE = "(no title)";
    static final int MAX_UID = 1_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The ATOM properties that make an export lossless. {@code X-ATOM-TIMEZONE} is only read: exports before all-day
     * events lost their zone wrote it on them, and it still says how their recurrence date-times were meant.
     */
    static final String X_COLOR = "X-ATOM-COLOR",
            X_EVENT_TYPE = "X-ATOM-EVENT-TYPE",
            X_TIME_ZONE = "X-ATOM-TIMEZONE",
            X_DEFAULT_REMINDERS = "X-ATOM-DEFAULT-REMINDERS",
            X_REMINDER_METHOD = "X-ATOM-REMINDER-METHOD";

    /** Where each API field comes from, for the reasons given when an event is skipped. */
    private static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry(EventInput.TITLE, "SUMMARY"),
            Map.entry(EventInput.DESCRIPTION, "DESCRIPTION"),
            Map.entry(EventInput.LOCATION, "LOCATION"),
            Map.entry(EventInput.COLOR, "COLOR"),
            Map.entry(EventInput.START_TIME, "DTSTART"),
            Map.entry(EventInput.START_DATE, "DTSTART"),
            Map.entry(EventInput.ALL_DAY, "DTSTART"),
            Map.entry(EventInput.END_TIME, "DTEND"),
            Map.entry(EventInput.END_DATE, "DTEND"),
            Map.entry(EventInput.TIME_ZONE, "TZID"),
            Map.entry(EventInput.STATUS, "STATUS"),
            Map.entry(EventInput.EVENT_TYPE, X_EVENT_TYPE),
            Map.entry(EventInput.TRANSPARENCY, "TRANSP"),
            Map.entry(EventInput.RECURRENCE, "RRULE/RDATE/EXDATE"),
            Map.entry(EventInput.ATTENDEES, "ATTENDEE"),
            Map.entry(EventInput.REMINDERS, "VALARM"));

    /** Resolves a TZID of the file for an event in a year (see {@link TimeZoneIds#resolve}). */
    interface Zones {
        Optional<ZoneId> zone(String tzid, int year);
    }

    /** Why an event cannot be imported. */
    static final class Skip extends RuntimeException {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The original start an edited occurrence replaces: a date, an instant, or a local time (zone null: floating). */
    record RecurrenceId(LocalDate date, Instant instant, LocalDateTime local, ZoneId zone) {}

    /**
     * The event's UID (or one derived from its content when it has none), the occurrence it edits (null for an event
     * or series) and the body.
     */
    record Mapped(String uid, RecurrenceId recurrenceId, ObjectNode body, int line) {}

    private final IcsComponent vevent;
    private final Zones zones;
    private final ZoneId userZone;

    private IcsEventInput(IcsComponent vevent, Zones zones, ZoneId userZone) {
        this.vevent = vevent;
        this.zones = zones;
        this.userZone = userZone;
    }

    /**
     * Maps a VEVENT; floating times are read in {@code userZone}.
     *
     * @throws Skip when a property cannot be read
     */
    static Mapped read(IcsComponent vevent, Zones zones, ZoneId userZone) {
        return new IcsEventInput(vevent, zones, userZone).map();
    }

    /** "DTEND (endTime) must be after startTime": an API validation error in the file's terms. */
    static String reason(FieldViolation violation) {
        String field = violation.field();
        String base = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        base = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
        String source = SOURCES.getOrDefault(base, field);
        return source + " (" + field + ") " + violation.message();
    }

    private Mapped map() {
        IcsProperty recurrenceIdProperty = vevent.property("RECURRENCE-ID");
        String uid = uid(recurrenceIdProperty != null);
        ObjectNode body = NODES.objectNode();
        IcsProperty summary = vevent.property("SUMMARY");
        String title = summary == null ? "" : summary.text().strip();
        body.put(EventInput.TITLE, title.isEmpty() ? NO_TITLE : title);
        body.put(EventInput.DESCRIPTION, text("DESCRIPTION"));
        body.put(EventInput.LOCATION, text("LOCATION"));
        body.put(EventInput.COLOR, color());
        body.put(EventInput.STATUS, status());
        String eventType = eventType();
        body.put(EventInput.EVENT_TYPE, eventType);
        body.put(EventInput.TRANSPARENCY, transparency(eventType));
        Timing timing = timing(body);
        if (recurrenceIdProperty == null) {
            body.set(EventInput.RECURRENCE, recurrence());
        }
        body.set(EventInput.ATTENDEES, attendees());
        body.set(EventInput.REMINDERS, reminders(timing));
        RecurrenceId recurrenceId = recurrenceIdProperty == null ? null : recurrenceId(recurrenceIdProperty);
        return new Mapped(uid, recurrenceId, body, vevent.line());
    }

    private String uid(boolean occurrence) {
        IcsProperty property = vevent.property("UID");
        String uid = property == null ? "" : property.text().strip();
        if (uid.isEmpty()) {
            if (occurrence) {
                throw new Skip("an edited occurrence (RECURRENCE-ID) without UID cannot be matched to its series");
            }
            return derivedUid();
        }
        if (uid.length() > MAX_UID || StorableText.problem(uid) != null) {
            throw new Skip("UID must be text of at most " + MAX_UID + " characters");
        }
        return uid;
    }

    /** A UID from the event's content (DTSTAMP aside), so that importing the file again finds the same event. */
    private String derivedUid() {
        StringBuilder content = new StringBuilder();
        for (IcsProperty property : vevent.properties()) {
            if (!property.name().equals("DTSTAMP")) {
                content.append(property.name())
                        .append(property.params())
                        .append(':')
                        .append(property.value())
                        .append('\n');
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16) + "@import.atom";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String name) {
        IcsProperty property = vevent.property(name);
        if (property == null) {
            return null;
        }
        String text = property.text().strip();
        return text.isEmpty() ? null : text;
    }

    private String color() {
        for (String name : List.of(X_COLOR, "COLOR")) {
            IcsProperty property = vevent.property(name);
            if (property != null) {
                Optional<String> color = EventColor.of(property.text());
                if (color.isPresent()) {
                    return color.get();
                }
            }
        }
        return null; // a CSS colour ATOM has no name for
    }

    private String status() {
        IcsProperty property = vevent.property("STATUS");
        String value = property == null ? "" : property.value().strip().toLowerCase(Locale.ROOT);
        return EventStatus.of(value).map(EventStatus::value).orElse(EventStatus.CONFIRMED.value());
    }

    private String eventType() {
        IcsProperty property = vevent.property(X_EVENT_TYPE);
        if (property != null) {
            Optional<EventType> type = EventType.of(property.value().strip());
            if (type.isPresent()) {
                return type.get().value();
            }
        }
        IcsProperty busy = vevent.property("X-MICROSOFT-CDO-BUSYSTATUS");
        return busy != null && busy.value().strip().equalsIgnoreCase("OOF")
                ? EventType.OUT_OF_OFFICE.value()
                : EventType.DEFAULT.value();
    }

    /**
     * TRANSP (RFC 5545 §3.8.2.7): {@code TRANSPARENT} or {@code OPAQUE}, the default when it is absent (or says
     * anything else). Out-of-office is always opaque, as the API holds it, whatever the file says.
     */
    private String transparency(String eventType) {
        IcsProperty property = vevent.property("TRANSP");
        boolean transparent = property != null
                && property.value().strip().equalsIgnoreCase("TRANSPARENT")
                && !eventType.equals(EventType.OUT_OF_OFFICE.value());
        return (transparent ? Transparency.TRANSPARENT : Transparency.OPAQUE).value();
    }

    // ---------------------------------------------------------------- times

    /** A DATE or DATE-TIME property, its TZID resolved. */
    private record Time(LocalDate date, Instant instant, LocalDateTime local, ZoneId zone) {

        boolean isDate() {
            return date != null;
        }

        boolean isFloating() {
            return local != null && zone == null;
        }

        ZonedDateTime in(ZoneId fallback) {
            if (instant != null) {
                return instant.atZone(ZoneOffset.UTC);
            }
            return ZonedDateTime.ofLocal(local, zone != null ? zone : fallback, null);
        }
    }

    /** The event's start (zoned, for alarms) and length in seconds. */
    private record Timing(ZonedDateTime start, long seconds) {}

    private Time time(IcsProperty property) {
        Object value;
        try {
            value = IcsValues.dateOrDateTime(property.value());
        } catch (IllegalArgumentException e) {
            throw new Skip(at(property) + property.name() + " " + e.getMessage());
        }
        String type = property.param("VALUE");
        if (value instanceof LocalDate date) {
            if (type != null && !type.equalsIgnoreCase("DATE")) {
                throw new Skip(at(property) + property.name() + " is a DATE but says VALUE=" + type);
            }
            return new Time(date, null, null, null);
        }
        if (type != null && type.equalsIgnoreCase("DATE")) {
            throw new Skip(at(property) + property.name() + " says VALUE=DATE but is a DATE-TIME");
        }
        if (value instanceof Instant instant) {
            return new Time(null, instant, null, null);
        }
        LocalDateTime local = (LocalDateTime) value;
        String tzid = property.param("TZID");
        if (tzid == null) {
            return new Time(null, null, local, null);
        }
        ZoneId zone = zones.zone(tzid, local.getYear())
                .orElseThrow(() -> new Skip(at(property) + "time zone '" + tzid
                        + "' is neither an IANA zone nor a Windows zone, and its VTIMEZONE matches no IANA zone"));
        if (zone.normalized() instanceof ZoneOffset offset) {
            return new Time(null, local.toInstant(offset), null, null);
        }
        return new Time(null, null, local, zone);
    }

    /** Sets allDay, the start and end fields and timeZone; returns the start and length for the alarms. */
    private Timing timing(ObjectNode body) {
        IcsProperty startProperty = vevent.property("DTSTART");
        if (startProperty == null) {
            throw new Skip("DTSTART is missing");
        }
        Time start = time(startProperty);
        IcsProperty endProperty = vevent.property("DTEND");
        IcsProperty durationProperty = vevent.property("DURATION");
        Time end = endProperty == null ? null : time(endProperty);
        IcsDuration duration = null;
        if (end == null && durationProperty != null) {
            try {
                duration = IcsValues.duration(durationProperty.value());
            } catch (IllegalArgumentException e) {
                throw new Skip(at(durationProperty) + "DURATION " + e.getMessage());
            }
        }
        // the zone an all-day event's recurrence date-times are read in (the event keeps none): Outlook's midnights'
        ZoneId allDayZone = null;
        if (!start.isDate() && end != null && !end.isDate() && outlookAllDay(start, end)) {
            allDayZone = start.zone;
            start = new Time(start.local.toLocalDate(), null, null, null);
            end = new Time(end.local.toLocalDate(), null, null, null);
        }
        if (start.isDate()) {
            LocalDate endDate;
            if (end != null) {
                if (!end.isDate()) {
                    throw new Skip(at(endProperty) + "DTEND must be a DATE when DTSTART is one (an all-day event)");
                }
                endDate = end.date;
            } else if (duration != null) {
                if (!duration.isWholeDays()) {
                    throw new Skip(at(durationProperty) + "DURATION of an all-day event must be whole days");
                }
                endDate = duration.addTo(start.date);
            } else {
                endDate = start.date.plusDays(1); // RFC 5545 §3.6.1: one day
            }
            body.put(EventInput.ALL_DAY, true);
            body.put(EventInput.START_DATE, start.date.toString());
            body.put(EventInput.END_DATE, endDate.toString());
            IcsProperty zone = vevent.property(X_TIME_ZONE);
            if (zone != null) {
                allDayZone =
                        TimeZoneIds.byName(zone.value(), start.date.getYear()).orElse(allDayZone);
            }
            if (allDayZone != null) {
                body.put(EventInput.TIME_ZONE, allDayZone.getId());
            }
            ZonedDateTime zoned = start.date.atStartOfDay(userZone);
            return new Timing(zoned, endDate.toEpochDay() * 86_400 - start.date.toEpochDay() * 86_400);
        }
        if (end != null && end.isDate()) {
            throw new Skip(at(endProperty) + "DTEND must be a DATE-TIME when DTSTART is one");
        }
        // the event's zone: DTSTART's TZID, the user's for floating times; UTC times keep the stored zone
        ZoneId zone = start.zone != null ? start.zone : start.isFloating() ? userZone : null;
        body.put(EventInput.ALL_DAY, false);
        ZonedDateTime startAt = start.in(zone != null ? zone : ZoneOffset.UTC);
        if (start.local != null) {
            body.put(EventInput.START_TIME, start.local.toString());
            body.put(EventInput.TIME_ZONE, zone.getId());
        } else {
            body.put(EventInput.START_TIME, start.instant.toString());
            if (!vevent.properties("RRULE").isEmpty()
                    || !vevent.properties("RDATE").isEmpty()) {
                body.put(EventInput.TIME_ZONE, "UTC"); // a series needs a zone; these times are UTC ones
            }
        }
        Instant endAt;
        if (end != null) {
            if (end.local != null && (end.zone == null || end.zone.equals(zone)) && zone != null) {
                body.put(EventInput.END_TIME, end.local.toString());
                endAt = ZonedDateTime.ofLocal(end.local, zone, null).toInstant();
            } else {
                endAt = end.in(zone != null ? zone : ZoneOffset.UTC).toInstant();
                body.put(EventInput.END_TIME, endAt.toString());
            }
        } else if (duration != null) {
            endAt = duration.addTo(startAt).toInstant();
            body.put(EventInput.END_TIME, endAt.toString());
        } else {
            // RFC 5545: it ends when it starts; the API (and so the import) needs an end after the start
            throw new Skip("DTEND (endTime) must be after DTSTART: the event has neither DTEND nor DURATION,"
                    + " so it would end when it starts");
        }
        return new Timing(startAt, endAt.getEpochSecond() - startAt.toEpochSecond());
    }

    /** Outlook's all-day events: local midnight to local midnight, flagged X-MICROSOFT-CDO-ALLDAYEVENT. */
    private boolean outlookAllDay(Time start, Time end) {
        IcsProperty flag = vevent.property("X-MICROSOFT-CDO-ALLDAYEVENT");
        return flag != null
                && flag.value().strip().equalsIgnoreCase("TRUE")
                && start.local != null
                && end.local != null
                && start.local.toLocalTime().equals(LocalTime.MIDNIGHT)
                && end.local.toLocalTime().equals(LocalTime.MIDNIGHT)
                && end.local.isAfter(start.local);
    }

    private RecurrenceId recurrenceId(IcsProperty property) {
        String range = property.param("RANGE");
        if (range != null && range.equalsIgnoreCase("THISANDFUTURE")) {
            throw new Skip(at(property) + "RECURRENCE-ID;RANGE=THISANDFUTURE is not supported;"
                    + " split the series into two with their own UIDs");
        }
        Time time = time(property);
        return new RecurrenceId(time.date, time.instant, time.local, time.zone);
    }

    // ---------------------------------------------------------------- recurrence, attendees, alarms

    /** RRULE, RDATE and EXDATE (and EXRULE, which the checks refuse) as lines, TZIDs made IANA ids. */
    private ArrayNode recurrence() {
        ArrayNode lines = NODES.arrayNode();
        for (IcsProperty property : vevent.properties()) {
            switch (property.name()) {
                case "RRULE", "EXRULE" ->
                    lines.add(property.name() + ":" + property.value().strip());
                case "RDATE", "EXDATE" -> lines.add(dates(property));
                default -> {
                    // not recurrence
                }
            }
        }
        return lines;
    }

    private String dates(IcsProperty property) {
        StringBuilder line = new StringBuilder(property.name());
        String type = property.param("VALUE");
        if (type != null) {
            line.append(";VALUE=").append(type.toUpperCase(Locale.ROOT));
        }
        String tzid = property.param("TZID");
        String value = property.value().strip();
        if (tzid != null) {
            int year = value.length() >= 4 && value.substring(0, 4).chars().allMatch(Character::isDigit)
                    ? Integer.parseInt(value.substring(0, 4))
                    : 2000;
            ZoneId zone = zones.zone(tzid, year)
                    .orElseThrow(() -> new Skip(at(property) + "time zone '" + tzid + "' of " + property.name()
                            + " is neither an IANA zone nor a Windows zone, and its VTIMEZONE matches no IANA zone"));
            line.append(";TZID=").append(zone.getId());
        }
        return line.append(':').append(value).toString();
    }

    private ArrayNode attendees() {
        ArrayNode attendees = NODES.arrayNode();
        Set<String> seen = new LinkedHashSet<>();
        for (IcsProperty property : vevent.properties("ATTENDEE")) {
            String value = property.value().strip();
            if (!value.regionMatches(true, 0, "mailto:", 0, 7)) {
                continue; // not an email address: nothing ATOM can invite
            }
            String email = value.substring(7).strip().toLowerCase(Locale.ROOT);
            if (!seen.add(email)) {
                continue;
            }
            ObjectNode attendee = attendees.addObject();
            attendee.put("email", email);
            String name = property.param("CN");
            if (name != null && !name.isBlank()) {
                attendee.put("name", name.strip());
            }
            String role = property.param("ROLE");
            attendee.put(
                    "optional",
                    role != null
                            && (role.equalsIgnoreCase("OPT-PARTICIPANT") || role.equalsIgnoreCase("NON-PARTICIPANT")));
            attendee.put("responseStatus", responseStatus(property.param("PARTSTAT")));
        }
        return attendees;
    }

    private static String responseStatus(String partstat) {
        if (partstat == null) {
            return "needsAction";
        }
        return switch (partstat.toUpperCase(Locale.ROOT)) {
            case "ACCEPTED" -> "accepted";
            case "DECLINED" -> "declined";
            case "TENTATIVE" -> "tentative";
            default -> "needsAction";
        };
    }

    /**
     * VALARMs as reminder overrides: DISPLAY and AUDIO as {@code popup}, EMAIL as {@code email}, minutes before the
     * start (a trigger relative to the end or at a time converted). No VALARM: the user's default reminders.
     */
    private ObjectNode reminders(Timing timing) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<ObjectNode> overrides = new ArrayList<>();
        for (IcsComponent alarm : vevent.components("VALARM")) {
            String method = method(alarm);
            Long minutes = minutesBefore(alarm, timing);
            if (method == null
                    || minutes == null
                    || minutes < 0
                    || minutes > EventInput.MAX_REMINDER_MINUTES
                    || overrides.size() == EventInput.MAX_REMINDERS
                    || seen.put(method + minutes, true) != null) {
                continue;
            }
            ObjectNode override = NODES.objectNode();
            override.put("method", method);
            override.put("minutes", minutes.intValue());
            overrides.add(override);
        }
        IcsProperty useDefault = vevent.property(X_DEFAULT_REMINDERS);
        if (overrides.isEmpty() && useDefault == null) {
            return null;
        }
        ObjectNode reminders = NODES.objectNode();
        reminders.put(
                "useDefault", useDefault != null ? useDefault.value().strip().equalsIgnoreCase("TRUE") : false);
        reminders.putArray("overrides").addAll(overrides);
        return reminders;
    }

    private static String method(IcsComponent alarm) {
        IcsProperty atom = alarm.property(X_REMINDER_METHOD);
        if (atom != null && Reminders.METHODS.contains(atom.value().strip())) {
            return atom.value().strip();
        }
        IcsProperty action = alarm.property("ACTION");
        String value = action == null ? "" : action.value().strip().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "DISPLAY", "AUDIO" -> "popup";
            case "EMAIL" -> "email";
            default -> null; // NONE (Apple), PROCEDURE, X- actions
        };
    }

    private static Long minutesBefore(IcsComponent alarm, Timing timing) {
        IcsProperty trigger = alarm.property("TRIGGER");
        if (trigger == null) {
            return null;
        }
        try {
            if ("DATE-TIME".equalsIgnoreCase(trigger.param("VALUE"))) {
                if (!(IcsValues.dateOrDateTime(trigger.value()) instanceof Instant at)) {
                    return null;
                }
                return Math.floorDiv(timing.start().toEpochSecond() - at.getEpochSecond(), 60);
            }
            long seconds = IcsValues.duration(trigger.value()).seconds();
            if ("END".equalsIgnoreCase(trigger.param("RELATED"))) {
                seconds += timing.seconds();
            }
            return Math.floorDiv(-seconds, 60);
        } catch (IllegalArgumentException unreadable) {
            return null; // an alarm is not worth losing the event over
        }
    }

    private static String at(IcsProperty property) {
        return "line " + property.line() + ": ";
    }
}
