package org.atom.task.note;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.JsonFields;
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
        Parser parser = new Parser(body);
        Map<String, Object> values = new LinkedHashMap<>();
        parser.text(TITLE, MAX_TITLE, false, values);
        parser.content(values);
        parser.choice(TYPE, NoteType::of, NoteType.allowed(), values);
        parser.uuid(TASK, "a task id (UUID)", values);
        parser.calendarEvent(values);
        parser.tags(TAGS, MAX_TAGS, MAX_TAG, values);
        parser.bool(PINNED, values);
        Long version = parser.version();
        parser.throwIfInvalid("note");
        return new NoteInput(values, version);
    }

    /** Create needs a title. */
    void requireTitle() {
        if (!(get(TITLE) instanceof String)) {
            throw BadRequestException.of(TITLE, "is required");
        }
    }

    private static final class Parser extends JsonFields {

        Parser(JsonNode body) {
            super(body, ALIASES);
        }

        /** Markdown is kept exactly as sent (leading spaces and trailing line breaks mean something there). */
        void content(Map<String, Object> values) {
            if (!present(CONTENT, true, "", values)) {
                return;
            }
            JsonNode node = node(CONTENT);
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

        void calendarEvent(Map<String, Object> values) {
            if (!present(CALENDAR_EVENT, true, null, values)) {
                return;
            }
            JsonNode node = node(CALENDAR_EVENT);
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
    }
}
