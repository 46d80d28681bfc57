package org.atom.task.task;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.StorableText;
import tools.jackson.databind.JsonNode;

/**
 * The writable fields of a task as one request states them, checked. A field the request leaves out is not in
 * {@link #values()}; an explicit {@code null} is, and clears it. The same rules serve create, {@code PUT}
 * (partial, as the original API) and {@code PATCH} (JSON merge patch: for these flat fields the same thing). The
 * original API's snake_case names are accepted too; read-only fields a client echoes back ({@code id},
 * {@code createdAt} …) and unknown ones are ignored.
 */
record TaskInput(Map<String, Object> values, List<SubtaskInput> subtasks, Long version) {

    static final String TITLE = "title",
            DESCRIPTION = "description",
            STATUS = "status",
            PRIORITY = "priority",
            DUE_DATE = "dueDate",
            TIME_ZONE = "timeZone",
            DEADLINE = "deadline",
            IMPORTANT = "isImportant",
            ASSIGNEE = "assignee",
            TAGS = "tags",
            ESTIMATE = "estimateMinutes",
            PARENT = "parentId",
            PROJECT = "projectId",
            POSITION = "position",
            SUBTASKS = "subtasks",
            BLOCKED_BY = "blockedBy",
            RECURRENCE = "recurrence",
            REPEAT_AFTER = "repeatAfterCompletion",
            VERSION = "version";
    static final int MAX_TITLE = 500, MAX_DESCRIPTION = 20_000, MAX_ASSIGNEE = 200, MAX_TAG = 50, MAX_TAGS = 50;
    static final int MAX_ESTIMATE = 100_000, MAX_SUBTASKS = 100, MAX_BLOCKERS = 50;
    static final int MAX_RECURRENCE_LINES = 20, MAX_RECURRENCE_LINE = 1_000;

    private static final Map<String, String> SNAKE_CASE = Map.of(
            "due_date", DUE_DATE,
            "time_zone", TIME_ZONE,
            "is_important", IMPORTANT,
            "estimate_minutes", ESTIMATE,
            "parent_id", PARENT,
            "blocked_by", BLOCKED_BY,
            "repeat_after_completion", REPEAT_AFTER,
            "project_id", PROJECT);

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** An inline subtask as the original API's {@code subtasks} array held it; {@code id} names an existing one. */
    record SubtaskInput(UUID id, String title, boolean completed) {}

    /** A due date as sent: a date, an instant, or a local date-time still to be read in the task's zone. */
    sealed interface DueInput {
        record OnDate(LocalDate date) implements DueInput {}

        record AtInstant(Instant at) implements DueInput {}

        record AtLocalTime(LocalDateTime at) implements DueInput {}
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    Object get(String field) {
        return values.get(field);
    }

    /** Reads a request body; every problem is reported at once, each naming its field. */
    static TaskInput parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BadRequestException.of("body", "must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            fields.put(SNAKE_CASE.getOrDefault(field.getKey(), field.getKey()), field.getValue());
        }
        Parser parser = new Parser(fields);
        Map<String, Object> values = new LinkedHashMap<>();
        parser.text(TITLE, MAX_TITLE, false, values);
        parser.text(DESCRIPTION, MAX_DESCRIPTION, true, values);
        parser.text(ASSIGNEE, MAX_ASSIGNEE, true, values);
        parser.choice(STATUS, values, TaskStatus::of, TaskStatus.allowed());
        parser.choice(PRIORITY, values, TaskPriority::of, TaskPriority.allowed());
        parser.due(values);
        parser.zone(values);
        parser.date(DEADLINE, values);
        parser.bool(IMPORTANT, values);
        parser.tags(values);
        parser.integer(ESTIMATE, 1, MAX_ESTIMATE, values);
        parser.uuid(PARENT, "a task id (UUID)", values);
        parser.uuid(PROJECT, "a project id (UUID)", values);
        parser.number(POSITION, values);
        parser.uuids(BLOCKED_BY, MAX_BLOCKERS, values);
        parser.lines(RECURRENCE, values);
        parser.period(REPEAT_AFTER, values);
        List<SubtaskInput> subtasks = parser.subtasks();
        Long version = parser.version();
        if (!parser.errors.isEmpty()) {
            throw new BadRequestException(
                    "Invalid task: "
                            + parser.errors.stream()
                                    .map(e -> "'" + e.field() + "' " + e.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    parser.errors);
        }
        return new TaskInput(values, subtasks, version);
    }

    /** Create needs a title. */
    void requireTitle() {
        if (!(get(TITLE) instanceof String)) {
            throw BadRequestException.of(TITLE, "is required");
        }
    }

    private static final class Parser {

        private final Map<String, JsonNode> fields;
        private final List<FieldViolation> errors = new ArrayList<>();

        Parser(Map<String, JsonNode> fields) {
            this.fields = fields;
        }

        private boolean stated(String field) {
            return fields.containsKey(field);
        }

        private void fail(String field, String message) {
            errors.add(new FieldViolation(field, message));
        }

        /** Whether the field is stated; a stated null is recorded (when allowed) and answers false. */
        private boolean present(String field, boolean nullable, Map<String, Object> values) {
            if (!stated(field)) {
                return false;
            }
            if (fields.get(field).isNull()) {
                if (nullable) {
                    values.put(field, null);
                } else {
                    fail(field, "must not be null");
                }
                return false;
            }
            return true;
        }

        void text(String field, int max, boolean nullable, Map<String, Object> values) {
            if (!present(field, nullable, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            if (!node.isString()) {
                fail(field, "must be a string");
                return;
            }
            String value = node.asString().strip();
            String unstorable = StorableText.problem(value);
            if (value.isEmpty() && !nullable) {
                fail(field, "must not be blank");
            } else if (unstorable != null) {
                fail(field, unstorable);
            } else if (value.length() > max) {
                fail(field, "must be at most " + max + " characters");
            } else {
                values.put(field, value.isEmpty() ? null : value);
            }
        }

        <E> void choice(
                String field,
                Map<String, Object> values,
                java.util.function.Function<String, java.util.Optional<E>> of,
                String allowed) {
            if (!present(field, false, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            java.util.Optional<E> value = node.isString() ? of.apply(node.asString()) : java.util.Optional.empty();
            value.ifPresentOrElse(v -> values.put(field, v), () -> fail(field, "must be one of " + allowed));
        }

        void due(Map<String, Object> values) {
            if (!present(DUE_DATE, true, values)) {
                return;
            }
            JsonNode node = fields.get(DUE_DATE);
            String text = node.isString() ? node.asString().strip() : "";
            try {
                if (DATE.matcher(text).matches()) {
                    values.put(DUE_DATE, new DueInput.OnDate(LocalDate.parse(text)));
                } else if (text.length() > 19 && (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$"))) {
                    values.put(
                            DUE_DATE,
                            new DueInput.AtInstant(OffsetDateTime.parse(text).toInstant()));
                } else {
                    values.put(DUE_DATE, new DueInput.AtLocalTime(LocalDateTime.parse(text)));
                }
            } catch (DateTimeParseException e) {
                fail(
                        DUE_DATE,
                        "must be a date (YYYY-MM-DD) or a date-time (2026-03-01T17:00:00Z, with an offset, or local "
                                + "in timeZone)");
            }
        }

        void zone(Map<String, Object> values) {
            if (!present(TIME_ZONE, true, values)) {
                return;
            }
            JsonNode node = fields.get(TIME_ZONE);
            try {
                // region ids only (Europe/Berlin, UTC): a fixed offset is not a time zone
                if (!node.isString() || !ZoneId.getAvailableZoneIds().contains(node.asString())) {
                    throw new DateTimeException("not a region id");
                }
                values.put(TIME_ZONE, ZoneId.of(node.asString()));
            } catch (DateTimeException e) {
                fail(TIME_ZONE, "must be an IANA time zone such as Europe/Berlin");
            }
        }

        void date(String field, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            try {
                if (!node.isString() || !DATE.matcher(node.asString()).matches()) {
                    throw new DateTimeException("not a date");
                }
                values.put(field, LocalDate.parse(node.asString()));
            } catch (DateTimeException e) {
                fail(field, "must be a date (YYYY-MM-DD)");
            }
        }

        void bool(String field, Map<String, Object> values) {
            if (!present(field, false, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            if (node.isBoolean()) {
                values.put(field, node.asBoolean());
            } else {
                fail(field, "must be true or false");
            }
        }

        void tags(Map<String, Object> values) {
            if (!present(TAGS, true, values)) {
                return;
            }
            JsonNode node = fields.get(TAGS);
            if (!node.isArray() || node.size() > MAX_TAGS) {
                fail(TAGS, "must be an array of at most " + MAX_TAGS + " strings");
                return;
            }
            Set<String> tags = new LinkedHashSet<>();
            for (JsonNode tag : node) {
                String value = tag.isString() ? tag.asString().strip() : "";
                if (value.isEmpty() || value.length() > MAX_TAG || StorableText.problem(value) != null) {
                    fail(TAGS, "each tag must be a string of 1 to " + MAX_TAG + " characters");
                    return;
                }
                tags.add(value);
            }
            values.put(TAGS, List.copyOf(tags));
        }

        void integer(String field, int min, int max, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= min && node.asInt() <= max) {
                values.put(field, node.asInt());
            } else {
                fail(field, "must be a whole number from " + min + " to " + max);
            }
        }

        void number(String field, Map<String, Object> values) {
            if (!present(field, false, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            if (node.isNumber() && Double.isFinite(node.asDouble())) {
                values.put(field, node.asDouble());
            } else {
                fail(field, "must be a number");
            }
        }

        void uuid(String field, String what, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            UUID id = uuidOf(fields.get(field));
            if (id == null) {
                fail(field, "must be " + what);
            } else {
                values.put(field, id);
            }
        }

        void uuids(String field, int max, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            if (!node.isArray() || node.size() > max) {
                fail(field, "must be an array of at most " + max + " task ids");
                return;
            }
            Set<UUID> ids = new LinkedHashSet<>();
            for (JsonNode item : node) {
                UUID id = uuidOf(item);
                if (id == null) {
                    fail(field, "must hold task ids (UUIDs)");
                    return;
                }
                ids.add(id);
            }
            values.put(field, List.copyOf(ids));
        }

        /** RFC 5545 content lines; checked against the rules once the task's zone is known. */
        void lines(String field, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            if (!node.isArray() || node.isEmpty() || node.size() > MAX_RECURRENCE_LINES) {
                fail(field, "must be an array of 1 to " + MAX_RECURRENCE_LINES + " RFC 5545 lines (\"RRULE:…\")");
                return;
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode line : node) {
                if (!line.isString()
                        || line.asString().isBlank()
                        || line.asString().length() > MAX_RECURRENCE_LINE) {
                    fail(field, "each line must be a string of 1 to " + MAX_RECURRENCE_LINE + " characters");
                    return;
                }
                lines.add(line.asString().strip());
            }
            values.put(field, List.copyOf(lines));
        }

        /** An ISO 8601 period of days, weeks, months or years (P3D, P2W, P1M), 1 day to 10 years. */
        void period(String field, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = fields.get(field);
            try {
                Period period = Period.parse(node.asString(""));
                if (period.isNegative() || period.isZero() || period.toTotalMonths() > 120 || period.getDays() > 3660) {
                    throw new DateTimeException("out of range");
                }
                values.put(field, period);
            } catch (DateTimeException e) {
                fail(field, "must be an ISO 8601 period such as P3D, P2W or P1M (1 day to 10 years)");
            }
        }

        List<SubtaskInput> subtasks() {
            if (!stated(SUBTASKS)) {
                return null;
            }
            JsonNode node = fields.get(SUBTASKS);
            if (node.isNull()) {
                return List.of();
            }
            if (!node.isArray() || node.size() > MAX_SUBTASKS) {
                fail(SUBTASKS, "must be an array of at most " + MAX_SUBTASKS + " {title, completed} objects");
                return null;
            }
            List<SubtaskInput> subtasks = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String prefix = SUBTASKS + "[" + i + "].";
                JsonNode title = item.path(TITLE);
                JsonNode completed = item.path("completed");
                JsonNode id = item.path("id");
                UUID uuid = id.isMissingNode() || id.isNull() ? null : uuidOf(id);
                if (!item.isObject()) {
                    fail(SUBTASKS + "[" + i + "]", "must be an object");
                } else if (!title.isString()
                        || title.asString().isBlank()
                        || title.asString().strip().length() > MAX_TITLE
                        || StorableText.problem(title.asString()) != null) {
                    fail(prefix + TITLE, "must be a string of 1 to " + MAX_TITLE + " characters");
                } else if (!completed.isMissingNode() && !completed.isNull() && !completed.isBoolean()) {
                    fail(prefix + "completed", "must be true or false");
                } else if (!id.isMissingNode() && !id.isNull() && uuid == null) {
                    fail(prefix + "id", "must be a subtask id (UUID)");
                } else {
                    subtasks.add(new SubtaskInput(uuid, title.asString().strip(), completed.asBoolean(false)));
                }
            }
            return subtasks;
        }

        Long version() {
            if (!stated(VERSION) || fields.get(VERSION).isNull()) {
                return null;
            }
            JsonNode node = fields.get(VERSION);
            if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
                return node.asLong();
            }
            fail(VERSION, "must be a whole number");
            return null;
        }

        private static UUID uuidOf(JsonNode node) {
            if (!node.isString() || node.asString().length() != 36) {
                return null;
            }
            try {
                return UUID.fromString(node.asString());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
