package org.atom.calendar.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/calendar/suggest}, checked; every problem is reported at once, each naming its field.
 * The original API's snake_case spellings are accepted too ({@code duration_minutes}, {@code time_zone} …).
 *
 * @param attendees the other people's addresses, normalized
 * @param window where the meeting must lie, at most {@value #MAX_DAYS} days
 * @param zone the zone of times without offset and of dates, and whose midnight start times are aligned to
 * @param granularity the step between candidate start times
 */
record SuggestInput(
        List<String> attendees,
        Duration duration,
        Interval window,
        ZoneId zone,
        Duration granularity,
        int maxSuggestions,
        Duration buffer) {

    static final String ATTENDEES = "attendees",
            DURATION = "durationMinutes",
            START = "start",
            END = "end",
            TIME_ZONE = "timeZone",
            SLOT = "slotMinutes",
            MAX_SUGGESTIONS = "maxSuggestions",
            BUFFER = "bufferMinutes";
    static final int MAX_ATTENDEES = 20, MAX_DAYS = 31;
    static final int MIN_DURATION = 5, MAX_DURATION = 1_440;
    static final int DEFAULT_SLOT = 15, MIN_SLOT = 5, MAX_SLOT = 240;
    static final int DEFAULT_SUGGESTIONS = 10, MAX_SUGGESTIONS_ALLOWED = 50;
    static final int MAX_BUFFER = 240;

    private static final Map<String, String> ALIASES = Map.of(
            "duration_minutes", DURATION,
            "time_zone", TIME_ZONE,
            "slot_minutes", SLOT,
            "max_suggestions", MAX_SUGGESTIONS,
            "buffer_minutes", BUFFER);

    /** {@code callerZone}: the zone when the body names none (the caller's). */
    static SuggestInput parse(JsonNode body, ZoneId callerZone) {
        Fields fields = new Fields(body);
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> attendees = fields.attendees();
        fields.integer(DURATION, MIN_DURATION, MAX_DURATION, values);
        if (values.get(DURATION) == null && !fields.failed(DURATION)) {
            fields.fail(
                    DURATION, "is required: the meeting's length in minutes, " + MIN_DURATION + " to " + MAX_DURATION);
        }
        fields.integer(SLOT, MIN_SLOT, MAX_SLOT, values);
        fields.integer(MAX_SUGGESTIONS, 1, MAX_SUGGESTIONS_ALLOWED, values);
        fields.integer(BUFFER, 0, MAX_BUFFER, values);
        ZoneId zone = fields.zone(callerZone);
        Instant start = fields.instant(START, zone, false);
        Instant end = fields.instant(END, zone, true);
        Interval window = null;
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                fields.fail(END, "must be after start");
            } else if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                fields.fail(END, "must be at most " + MAX_DAYS + " days after start");
            } else {
                window = new Interval(start, end);
                if (values.get(DURATION) instanceof Integer minutes
                        && window.duration().compareTo(Duration.ofMinutes(minutes)) < 0) {
                    fields.fail(DURATION, "must fit between start and end");
                }
            }
        }
        fields.throwIfInvalid("meeting suggestion request");
        return new SuggestInput(
                attendees,
                Duration.ofMinutes((Integer) values.get(DURATION)),
                window,
                zone,
                Duration.ofMinutes(orDefault(values, SLOT, DEFAULT_SLOT)),
                orDefault(values, MAX_SUGGESTIONS, DEFAULT_SUGGESTIONS),
                Duration.ofMinutes(orDefault(values, BUFFER, 0)));
    }

    private static int orDefault(Map<String, Object> values, String field, int fallback) {
        return values.get(field) instanceof Integer value ? value : fallback;
    }

    private static final class Fields extends JsonFields {

        Fields(JsonNode body) {
            super(body, ALIASES);
        }

        boolean failed(String field) {
            return errors().stream().map(FieldViolation::field).anyMatch(field::equals);
        }

        /** Addresses (strings), at most {@value #MAX_ATTENDEES}, each once; problems named {@code attendees[i]}. */
        List<String> attendees() {
            JsonNode node = node(ATTENDEES);
            if (!stated(ATTENDEES) || node.isNull()) {
                fail(ATTENDEES, "is required: the addresses of the people to meet (an empty list: only you)");
                return List.of();
            }
            if (!node.isArray() || node.size() > MAX_ATTENDEES) {
                fail(ATTENDEES, "must be an array of at most " + MAX_ATTENDEES + " email addresses");
                return List.of();
            }
            List<String> given = new ArrayList<>();
            for (JsonNode attendee : node) {
                // a non-string is no address; keep the position so errors name the right index
                given.add(attendee.isString() ? attendee.asString() : "");
            }
            InputErrors problems = new InputErrors();
            List<String> emails = FreeBusyQuery.emails(problems, ATTENDEES, given, MAX_ATTENDEES);
            problems.forEach(this::fail);
            return emails;
        }

        ZoneId zone(ZoneId fallback) {
            if (!present(TIME_ZONE, true, new LinkedHashMap<>())) {
                return fallback;
            }
            JsonNode node = node(TIME_ZONE);
            Optional<ZoneId> zone = node.isString() ? TimeInputs.zone(node.asString()) : Optional.empty();
            if (zone.isEmpty()) {
                fail(TIME_ZONE, TimeInputs.ZONE_RULE);
            }
            return zone.orElse(fallback);
        }

        Instant instant(String field, ZoneId zone, boolean end) {
            if (!stated(field) || node(field).isNull()) {
                fail(field, "is required");
                return null;
            }
            JsonNode node = node(field);
            Optional<Instant> at = node.isString() ? TimeInputs.instant(node.asString(), zone, end) : Optional.empty();
            if (at.isEmpty()) {
                fail(field, TimeInputs.INSTANT_RULE);
            }
            return at.orElse(null);
        }
    }
}
