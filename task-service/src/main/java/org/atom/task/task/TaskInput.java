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
import org.atom.platform.web.JsonFields;
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
        Parser parser = new Parser(body);
        Map<String, Object> values = new LinkedHashMap<>();
        parser.text(TITLE, MAX_TITLE, false, values);
        parser.text(DESCRIPTION, MAX_DESCRIPTION, true, values);
        parser.text(ASSIGNEE, MAX_ASSIGNEE, true, values);
        parser.choice(STATUS, TaskStatus::of, TaskStatus.allowed(), values);
        parser.choice(PRIORITY, TaskPriority::of, TaskPriority.allowed(), values);
        parser.due(values);
        parser.zone(values);
        parser.date(DEADLINE, values);
        parser.bool(IMPORTANT, values);
        parser.tags(TAGS, MAX_TAGS, MAX_TAG, values);
        parser.integer(ESTIMATE, 1, MAX_ESTIMATE, values);
        parser.uuid(PARENT, "a task id (UUID)", values);
        parser.uuid(PROJECT, "a project id (UUID)", values);
        parser.number(POSITION, values);
        parser.uuids(BLOCKED_BY, MAX_BLOCKERS, values);
        parser.lines(RECURRENCE, values);
        parser.period(REPEAT_AFTER, values);
        List<SubtaskInput> subtasks = parser.subtasks();
        Long version = parser.version();
        parser.throwIfInvalid("task");
        return new TaskInput(values, subtasks, version);
    }

    /** Create needs a title. */
    void requireTitle() {
        if (!(get(TITLE) instanceof String)) {
            throw BadRequestException.of(TITLE, "is required");
        }
    }

    private static final class Parser extends JsonFields {

        Parser(JsonNode body) {
            super(body, SNAKE_CASE);
        }

        void due(Map<String, Object> values) {
            if (!present(DUE_DATE, true, values)) {
                return;
            }
            JsonNode node = node(DUE_DATE);
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
            JsonNode node = node(TIME_ZONE);
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
            JsonNode node = node(field);
            try {
                if (!node.isString() || !DATE.matcher(node.asString()).matches()) {
                    throw new DateTimeException("not a date");
                }
                values.put(field, LocalDate.parse(node.asString()));
            } catch (DateTimeException e) {
                fail(field, "must be a date (YYYY-MM-DD)");
            }
        }

        void uuids(String field, int max, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = node(field);
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
            JsonNode node = node(field);
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
            JsonNode node = node(field);
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
            JsonNode node = node(SUBTASKS);
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
    }
}
