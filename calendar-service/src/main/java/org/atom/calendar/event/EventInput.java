package org.atom.calendar.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atom.platform.users.EmailAddress;
import org.atom.platform.web.JsonFields;
import org.atom.platform.web.StorableText;
import org.atom.platform.web.TimeZones;
import tools.jackson.databind.JsonNode;

/**
 * The writable fields of an event as one request states them, checked. A field left out is not in {@link #values()};
 * an explicit {@code null} is, and clears it. Field names follow Google Calendar's API; the original API's snake_case
 * names are accepted too ({@code start_time}, {@code end_time}, {@code time_zone}, {@code all_day}, {@code start_date},
 * {@code end_date}, {@code event_type}). Times are resolved later, against the event's zone ({@link When}).
 */
record EventInput(Map<String, Object> values, Long version) {

    static final String TITLE = "title",
            DESCRIPTION = "description",
            LOCATION = "location",
            COLOR = "color",
            START_TIME = "startTime",
            END_TIME = "endTime",
            TIME_ZONE = "timeZone",
            ALL_DAY = "allDay",
            START_DATE = "startDate",
            END_DATE = "endDate",
            STATUS = "status",
            EVENT_TYPE = "eventType",
            TRANSPARENCY = "transparency",
            RECURRENCE = "recurrence",
            ATTENDEES = "attendees",
            REMINDERS = "reminders";
    static final int MAX_TITLE = 500, MAX_DESCRIPTION = 20_000, MAX_LOCATION = 1_000, MAX_ATTENDEES = 200;
    static final int MAX_NAME = 200, MAX_REMINDERS = 5, MAX_REMINDER_MINUTES = 40_320;
    /** Dates outside these years are refused: far enough for any calendar, near enough for every time zone rule. */
    static final int MIN_YEAR = 1900, MAX_YEAR = 2300;

    private static final Map<String, String> ALIASES = Map.of(
            "start_time", START_TIME,
            "end_time", END_TIME,
            "time_zone", TIME_ZONE,
            "all_day", ALL_DAY,
            "start_date", START_DATE,
            "end_date", END_DATE,
            "event_type", EVENT_TYPE);

    /** A time as sent: an instant (it had an offset) or a wall-clock time to read in the event's zone. */
    record When(Instant instant, LocalDateTime local) {

        Instant in(ZoneId zone) {
            return instant != null ? instant : local.atZone(zone).toInstant();
        }
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    Object get(String field) {
        return values.get(field);
    }

    /** Reads a request body; every problem is reported at once, each naming its field. */
    static EventInput parse(JsonNode body) {
        Parser parser = new Parser(body);
        Map<String, Object> values = new LinkedHashMap<>();
        parser.text(TITLE, MAX_TITLE, false, values);
        parser.text(DESCRIPTION, MAX_DESCRIPTION, true, values);
        parser.text(LOCATION, MAX_LOCATION, true, values);
        parser.color(values);
        parser.when(START_TIME, values);
        parser.when(END_TIME, values);
        parser.zone(values);
        parser.bool(ALL_DAY, values);
        parser.date(START_DATE, values);
        parser.date(END_DATE, values);
        parser.choice(STATUS, EventStatus::of, EventStatus.allowed().toString(), values);
        parser.choice(EVENT_TYPE, EventType::of, EventType.allowed().toString(), values);
        parser.choice(TRANSPARENCY, Transparency::of, Transparency.allowed().toString(), values);
        parser.recurrence(values);
        parser.attendees(values);
        parser.reminders(values);
        Long version = parser.version();
        parser.throwIfInvalid("event");
        return new EventInput(values, version);
    }

    private static final class Parser extends JsonFields {

        Parser(JsonNode body) {
            super(body, ALIASES);
        }

        void color(Map<String, Object> values) {
            if (!present(COLOR, true, values)) {
                return;
            }
            JsonNode node = node(COLOR);
            var color = node.isString() ? EventColor.of(node.asString()) : java.util.Optional.<String>empty();
            color.ifPresentOrElse(c -> values.put(COLOR, c), () -> fail(COLOR, EventColor.rule()));
        }

        void when(String field, Map<String, Object> values) {
            if (!present(field, false, values)) {
                return;
            }
            JsonNode node = node(field);
            String text = node.isString() ? node.asString().strip() : "";
            try {
                OffsetDateTime at = OffsetDateTime.parse(text);
                if (inRange(at.getYear())) {
                    values.put(field, new When(at.toInstant(), null));
                    return;
                }
            } catch (DateTimeParseException notWithOffset) {
                try {
                    LocalDateTime local = LocalDateTime.parse(text);
                    if (inRange(local.getYear())) {
                        values.put(field, new When(null, local));
                        return;
                    }
                } catch (DateTimeParseException notLocal) {
                    // reported below
                }
            }
            fail(
                    field,
                    "must be an RFC 3339 date-time (2026-03-23T09:00:00+01:00, or 2026-03-23T09:00:00 read in timeZone)"
                            + " from " + MIN_YEAR + " to " + MAX_YEAR + "; all-day events use startDate and endDate");
        }

        void date(String field, Map<String, Object> values) {
            if (!present(field, false, values)) {
                return;
            }
            JsonNode node = node(field);
            try {
                LocalDate date =
                        LocalDate.parse(node.isString() ? node.asString().strip() : "");
                if (inRange(date.getYear())) {
                    values.put(field, date);
                    return;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            fail(field, "must be a date YYYY-MM-DD from " + MIN_YEAR + " to " + MAX_YEAR);
        }

        void zone(Map<String, Object> values) {
            if (!present(TIME_ZONE, true, values)) {
                return;
            }
            JsonNode node = node(TIME_ZONE);
            TimeZones.region(node.isString() ? node.asString() : null)
                    .ifPresentOrElse(zone -> values.put(TIME_ZONE, zone), () -> fail(TIME_ZONE, TimeZones.RULE));
        }

        void recurrence(Map<String, Object> values) {
            if (!present(RECURRENCE, true, List.of(), values)) {
                return;
            }
            JsonNode node = node(RECURRENCE);
            if (!node.isArray()) {
                fail(RECURRENCE, "must be an array of RFC 5545 lines such as \"RRULE:FREQ=WEEKLY;COUNT=4\"");
                return;
            }
            List<String> lines = new ArrayList<>();
            boolean valid = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode line = node.get(i);
                if (!line.isString() || StorableText.problem(line.asString()) != null) {
                    fail(
                            RECURRENCE + "[" + i + "]",
                            "must be an RFC 5545 line (a string) such as \"RRULE:FREQ=WEEKLY\"");
                    valid = false;
                } else {
                    lines.add(line.asString().strip());
                }
            }
            if (valid) {
                values.put(RECURRENCE, List.copyOf(lines));
            }
        }

        void attendees(Map<String, Object> values) {
            if (!present(ATTENDEES, true, List.of(), values)) {
                return;
            }
            JsonNode node = node(ATTENDEES);
            if (!node.isArray() || node.size() > MAX_ATTENDEES) {
                fail(ATTENDEES, "must be an array of at most " + MAX_ATTENDEES + " attendees");
                return;
            }
            List<Attendee> attendees = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode attendee = node.get(i);
                String at = ATTENDEES + "[" + i + "].";
                // the original API took plain email strings
                JsonNode email = attendee.isString() ? attendee : attendee.path("email");
                String address =
                        email.isString() ? EmailAddress.parse(email.asString()).orElse(null) : null;
                if (address == null) {
                    fail(at + "email", EmailAddress.RULE);
                    continue;
                }
                if (!seen.add(address)) {
                    fail(at + "email", "is listed twice");
                    continue;
                }
                String name = null;
                JsonNode nameNode = attendee.path("name");
                if (!nameNode.isMissingNode() && !nameNode.isNull()) {
                    if (!nameNode.isString()
                            || nameNode.asString().strip().length() > MAX_NAME
                            || StorableText.problem(nameNode.asString()) != null) {
                        fail(at + "name", "must be a name of at most " + MAX_NAME + " characters");
                        continue;
                    }
                    name = nameNode.asString().strip();
                }
                JsonNode optional = attendee.path("optional");
                if (!optional.isMissingNode() && !optional.isNull() && !optional.isBoolean()) {
                    fail(at + "optional", "must be true or false");
                    continue;
                }
                JsonNode response = attendee.path("responseStatus");
                String status = "needsAction";
                if (!response.isMissingNode() && !response.isNull()) {
                    if (!response.isString() || !Attendee.RESPONSES.contains(response.asString())) {
                        fail(at + "responseStatus", "must be one of " + Attendee.RESPONSES);
                        continue;
                    }
                    status = response.asString();
                }
                attendees.add(new Attendee(address, name, optional.asBoolean(false), status));
            }
            values.put(ATTENDEES, List.copyOf(attendees));
        }

        void reminders(Map<String, Object> values) {
            if (!present(REMINDERS, true, Reminders.DEFAULT, values)) {
                return;
            }
            JsonNode node = node(REMINDERS);
            JsonNode useDefault = node.path("useDefault");
            JsonNode overrides = node.path("overrides");
            if (!node.isObject()
                    || (!useDefault.isMissingNode() && !useDefault.isBoolean())
                    || (!overrides.isMissingNode() && (!overrides.isArray() || overrides.size() > MAX_REMINDERS))) {
                fail(
                        REMINDERS,
                        "must be {\"useDefault\": true|false, \"overrides\": [{\"method\": \"popup\"|\"email\","
                                + " \"minutes\": n}]} with at most " + MAX_REMINDERS + " overrides");
                return;
            }
            List<Reminders.Override> list = new ArrayList<>();
            for (int i = 0; i < overrides.size(); i++) {
                JsonNode override = overrides.get(i);
                String method = override.path("method").isString()
                        ? override.path("method").asString()
                        : "";
                JsonNode minutes = override.path("minutes");
                if (!Reminders.METHODS.contains(method)) {
                    fail(REMINDERS + ".overrides[" + i + "].method", "must be one of " + Reminders.METHODS);
                } else if (!minutes.isIntegralNumber()
                        || !minutes.canConvertToInt()
                        || minutes.asInt() < 0
                        || minutes.asInt() > MAX_REMINDER_MINUTES) {
                    fail(
                            REMINDERS + ".overrides[" + i + "].minutes",
                            "must be a whole number from 0 to " + MAX_REMINDER_MINUTES);
                } else {
                    list.add(new Reminders.Override(method, minutes.asInt()));
                }
            }
            values.put(REMINDERS, new Reminders(useDefault.asBoolean(list.isEmpty()), List.copyOf(list)));
        }

        private static boolean inRange(int year) {
            return year >= MIN_YEAR && year <= MAX_YEAR;
        }
    }
}
