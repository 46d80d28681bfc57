package org.atom.task.reminder;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import tools.jackson.databind.JsonNode;

/**
 * A new reminder as a request states it, checked: {@code {"at": "<RFC 3339 date-time>"}} or
 * {@code {"minutesBefore": 30}}, exactly one of them ({@code minutes_before} is accepted too). Read-only fields a
 * client echoes back and unknown ones are ignored.
 */
record ReminderInput(When when) {

    static final String AT = "at", MINUTES_BEFORE = "minutesBefore";
    static final int MAX_MINUTES_BEFORE = 525_600; // a year

    private static final Map<String, String> SNAKE_CASE = Map.of("minutes_before", MINUTES_BEFORE);
    private static final Pattern OFFSET = Pattern.compile(".*(Z|z|[+-]\\d{2}:\\d{2})$");

    /** When the reminder fires, as sent. */
    sealed interface When {
        /** At an instant (the date-time had an offset). */
        record AtInstant(Instant at) implements When {}

        /** At a local date-time still to be read in the task's time zone. */
        record AtLocalTime(LocalDateTime at) implements When {}

        /** Some minutes before the task's due instant. */
        record MinutesBefore(int minutes) implements When {}
    }

    /** Reads a request body; every problem is reported at once, each naming its field. */
    static ReminderInput parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BadRequestException.of("body", "must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            fields.put(SNAKE_CASE.getOrDefault(field.getKey(), field.getKey()), field.getValue());
        }
        List<FieldViolation> errors = new ArrayList<>();
        When at = fields.containsKey(AT) ? at(fields.get(AT), errors) : null;
        When before = fields.containsKey(MINUTES_BEFORE) ? minutesBefore(fields.get(MINUTES_BEFORE), errors) : null;
        if (errors.isEmpty() && at != null && before != null) {
            errors.add(new FieldViolation(
                    MINUTES_BEFORE, "must not be given together with at: a reminder is either absolute or relative"));
        } else if (errors.isEmpty() && at == null && before == null) {
            errors.add(new FieldViolation(
                    AT, "is required (or minutesBefore, for a reminder relative to the task's due date)"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException(
                    "Invalid reminder: "
                            + errors.stream()
                                    .map(e -> "'" + e.field() + "' " + e.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    errors);
        }
        return new ReminderInput(at != null ? at : before);
    }

    private static When at(JsonNode node, List<FieldViolation> errors) {
        String text = node.isString() ? node.asString().strip() : "";
        try {
            // a date-time, never a bare date: a reminder needs a time of day
            if (text.length() > 19 && OFFSET.matcher(text).matches()) {
                return new When.AtInstant(OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS));
            }
            if (text.length() >= 16) {
                return new When.AtLocalTime(LocalDateTime.parse(text));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldViolation(
                AT, "must be a date-time (2026-03-01T09:00:00Z, with an offset, or local in the task's timeZone)"));
        return null;
    }

    private static When minutesBefore(JsonNode node, List<FieldViolation> errors) {
        if (node.isIntegralNumber()
                && node.canConvertToInt()
                && node.asInt() >= 0
                && node.asInt() <= MAX_MINUTES_BEFORE) {
            return new When.MinutesBefore(node.asInt());
        }
        errors.add(new FieldViolation(MINUTES_BEFORE, "must be a whole number from 0 to " + MAX_MINUTES_BEFORE));
        return null;
    }
}
