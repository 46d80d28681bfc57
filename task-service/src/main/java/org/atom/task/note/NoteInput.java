package org.atom.task.note;

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
 * The writable fields of a note as one request states them, checked. A field the request leaves out is not in
 * {@link #values()}; an explicit {@code null} is, and clears it. The same rules serve create, {@code PUT} (partial)
 * and {@code PATCH} (JSON merge patch: for these flat fields the same thing). Snake_case names are accepted too
 * ({@code task_id}, {@code calendar_event_id}, and the original data model's {@code event_id}); sending two
 * spellings of one field is a 400. Read-only fields a client echoes back ({@code id}, {@code createdAt} …) and
 * unknown ones are ignored.
 */
record NoteInput(Map<String, Object> values, Long version) {

    static final String TITLE = "title",
            CONTENT = "content",
            TYPE = "type",
            TASK = "taskId",
            CALENDAR_EVENT = "calendarEventId",
            TAGS = "tags",
            PINNED = "pinned",
            VERSION = "version";
    static final int MAX_TITLE = 500, MAX_CONTENT = 200_000, MAX_CALENDAR_EVENT = 200, MAX_TAG = 50, MAX_TAGS = 50;

    private static final Map<String, String> ALIASES = Map.of(
            "task_id", TASK,
            "calendar_event_id", CALENDAR_EVENT,
            "event_id", CALENDAR_EVENT);

    /** What calendar-service (or an external calendar) may use as an id: visible ASCII, no spaces. */
    static final Pattern CALENDAR_EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_CALENDAR_EVENT + "}");

    boolean has(String field) {
        return values.containsKey(field);
    }

    Object get(String field) {
        return values.get(field);
    }

    /** Reads a request body; every problem is reported at once, each naming its field. */
    static NoteInput parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BadRequestException.of("body", "must be a JSON object");
        }
        Parser parser = new Parser();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            parser.put(field.getKey(), field.getValue());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        parser.title(values);
        parser.content(values);
        parser.type(values);
        parser.task(values);
        parser.calendarEvent(values);
        parser.tags(values);
        parser.pinned(values);
        Long version = parser.version();
        if (!parser.errors.isEmpty()) {
            throw new BadRequestException(
                    "Invalid note: "
                            + String.join(
                                    "; ",
                                    parser.errors.stream()
                                            .map(e -> "'" + e.field() + "' " + e.message())
                                            .toList()),
                    parser.errors);
        }
        return new NoteInput(values, version);
    }

    /** Create needs a title. */
    void requireTitle() {
        if (!(get(TITLE) instanceof String)) {
            throw BadRequestException.of(TITLE, "is required");
        }
    }

    private static final class Parser {

        private final Map<String, JsonNode> fields = new LinkedHashMap<>();
        private final Map<String, String> spelling = new LinkedHashMap<>();
        private final List<FieldViolation> errors = new ArrayList<>();

        void put(String name, JsonNode value) {
            String field = ALIASES.getOrDefault(name, name);
            String earlier = spelling.putIfAbsent(field, name);
            if (earlier != null) {
                fail(field, "was sent twice, as '%s' and '%s'; send one".formatted(earlier, name));
                return;
            }
            fields.put(field, value);
        }

        private void fail(String field, String message) {
            errors.add(new FieldViolation(field, message));
        }

        /** Whether the field is stated with a value; a stated null is recorded (when allowed) and answers false. */
        private boolean present(String field, boolean nullable, Object cleared, Map<String, Object> values) {
            if (!fields.containsKey(field)) {
                return false;
            }
            if (fields.get(field).isNull()) {
                if (nullable) {
                    values.put(field, cleared);
                } else {
                    fail(field, "must not be null");
                }
                return false;
            }
            return true;
        }

        void title(Map<String, Object> values) {
            if (!present(TITLE, false, null, values)) {
                return;
            }
            JsonNode node = fields.get(TITLE);
            if (!node.isString()) {
                fail(TITLE, "must be a string");
                return;
            }
            String title = node.asString().strip();
            String unstorable = StorableText.problem(title);
            if (title.isEmpty()) {
                fail(TITLE, "must not be blank");
            } else if (title.length() > MAX_TITLE) {
                fail(TITLE, "must be at most " + MAX_TITLE + " characters");
            } else if (unstorable != null) {
                fail(TITLE, unstorable);
            } else {
                values.put(TITLE, title);
            }
        }

        /** Markdown is kept exactly as sent (leading spaces and trailing line breaks mean something there). */
        void content(Map<String, Object> values) {
            if (!present(CONTENT, true, "", values)) {
                return;
            }
            JsonNode node = fields.get(CONTENT);
            if (!node.isString()) {
                fail(CONTENT, "must be a string (Markdown)");
                return;
            }
            String content = node.asString();
            String unstorable = StorableText.problem(content);
            if (content.length() > MAX_CONTENT) {
                fail(CONTENT, "must be at most " + MAX_CONTENT + " characters");
            } else if (unstorable != null) {
                fail(CONTENT, unstorable);
            } else {
                values.put(CONTENT, content);
            }
        }

        void type(Map<String, Object> values) {
            if (!present(TYPE, false, null, values)) {
                return;
            }
            JsonNode node = fields.get(TYPE);
            (node.isString() ? NoteType.of(node.asString()) : java.util.Optional.<NoteType>empty())
                    .ifPresentOrElse(
                            type -> values.put(TYPE, type), () -> fail(TYPE, "must be one of " + NoteType.allowed()));
        }

        void task(Map<String, Object> values) {
            if (!present(TASK, true, null, values)) {
                return;
            }
            UUID id = uuidOf(fields.get(TASK));
            if (id == null) {
                fail(TASK, "must be a task id (UUID)");
            } else {
                values.put(TASK, id);
            }
        }

        void calendarEvent(Map<String, Object> values) {
            if (!present(CALENDAR_EVENT, true, null, values)) {
                return;
            }
            JsonNode node = fields.get(CALENDAR_EVENT);
            String id = node.isString() ? node.asString().strip() : null;
            if (id != null && id.isEmpty()) {
                values.put(CALENDAR_EVENT, null);
            } else if (id == null || !CALENDAR_EVENT_ID.matcher(id).matches()) {
                fail(
                        CALENDAR_EVENT,
                        "must be a calendar event id: 1 to " + MAX_CALENDAR_EVENT
                                + " visible ASCII characters without spaces");
            } else {
                values.put(CALENDAR_EVENT, id);
            }
        }

        void tags(Map<String, Object> values) {
            if (!present(TAGS, true, List.of(), values)) {
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

        void pinned(Map<String, Object> values) {
            if (!present(PINNED, false, null, values)) {
                return;
            }
            JsonNode node = fields.get(PINNED);
            if (node.isBoolean()) {
                values.put(PINNED, node.asBoolean());
            } else {
                fail(PINNED, "must be true or false");
            }
        }

        Long version() {
            if (!fields.containsKey(VERSION) || fields.get(VERSION).isNull()) {
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
