package org.atom.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A JSON object body read field by field, for writes where a field left out and a field sent as {@code null} mean
 * different things (a partial {@code PUT}, a JSON merge patch): each reader puts what the request states into a
 * values map — an explicit {@code null} as the field's cleared value — and leaves out what it does not state.
 * Aliases (the original API's snake_case names) map to one name; sending both spellings is an error. Every problem is
 * collected and reported at once by {@link #throwIfInvalid}, each naming its field (with the prefix of a nested
 * object, e.g. {@code development.liveUrl}). Extend it for a resource's own kinds of fields.
 */
public class JsonFields {

    /** The media type of a JSON merge patch (RFC 7396) body, which {@code PATCH} endpoints consume. */
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();
    private final String prefix;
    private final List<FieldViolation> errors;

    /** The top-level fields of a request body; anything but a JSON object is a 400 naming {@code body}. */
    protected JsonFields(JsonNode body, Map<String, String> aliases) {
        this(requireObject(body), aliases, "", new ArrayList<>());
    }

    /** The fields of an object nested in another's, reporting into the same errors under {@code prefix}. */
    protected JsonFields(JsonNode object, Map<String, String> aliases, String prefix, List<FieldViolation> errors) {
        this.prefix = prefix;
        this.errors = errors;
        Map<String, String> spelling = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = aliases.getOrDefault(field.getKey(), field.getKey());
            String earlier = spelling.putIfAbsent(name, field.getKey());
            if (earlier != null) {
                fail(name, "was sent twice, as '%s' and '%s'; send one".formatted(earlier, field.getKey()));
            } else {
                fields.put(name, field.getValue());
            }
        }
    }

    private static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BadRequestException.of("body", "must be a JSON object");
        }
        return body;
    }

    protected final List<FieldViolation> errors() {
        return errors;
    }

    protected final String prefix() {
        return prefix;
    }

    public final boolean stated(String field) {
        return fields.containsKey(field);
    }

    /** The field's JSON as sent (a missing node if not stated). */
    public final JsonNode node(String field) {
        JsonNode node = fields.get(field);
        return node != null ? node : tools.jackson.databind.node.MissingNode.getInstance();
    }

    public final void fail(String field, String message) {
        errors.add(new FieldViolation(prefix + field, message));
    }

    /** Whether the field is stated with a value; a stated {@code null} is recorded as null (if allowed). */
    public final boolean present(String field, boolean nullable, Map<String, Object> values) {
        return present(field, nullable, null, values);
    }

    /**
     * Whether the field is stated with a value; a stated {@code null} is recorded as {@code cleared} when the field
     * may be cleared, else it is an error. Either way a {@code null} answers false.
     */
    public final boolean present(String field, boolean nullable, Object cleared, Map<String, Object> values) {
        if (!stated(field)) {
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

    /** Text of at most {@code max} characters, trimmed and storable; blank clears it where it may be cleared. */
    public final void text(String field, int max, boolean nullable, Map<String, Object> values) {
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

    /** One of a fixed set of names (an enum's JSON values). */
    public final <E> void choice(
            String field, Function<String, Optional<E>> of, String allowed, Map<String, Object> values) {
        if (!present(field, false, values)) {
            return;
        }
        JsonNode node = fields.get(field);
        Optional<E> value = node.isString() ? of.apply(node.asString()) : Optional.empty();
        value.ifPresentOrElse(v -> values.put(field, v), () -> fail(field, "must be one of " + allowed));
    }

    public final void bool(String field, Map<String, Object> values) {
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

    /** A whole number in {@code [min, max]}; {@code null} clears it. */
    public final void integer(String field, int min, int max, Map<String, Object> values) {
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

    /** A finite number; never cleared. */
    public final void number(String field, Map<String, Object> values) {
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

    /** An id; {@code null} clears it. {@code what} completes "must be …" (e.g. "the id of one of your tasks"). */
    public final void uuid(String field, String what, Map<String, Object> values) {
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

    /** Up to {@code maxTags} distinct tags of 1 to {@code maxLength} characters; {@code null} clears them. */
    public final void tags(String field, int maxTags, int maxLength, Map<String, Object> values) {
        if (!present(field, true, List.of(), values)) {
            return;
        }
        JsonNode node = fields.get(field);
        if (!node.isArray() || node.size() > maxTags) {
            fail(field, "must be an array of at most " + maxTags + " strings");
            return;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : node) {
            String value = tag.isString() ? tag.asString().strip() : "";
            if (value.isEmpty() || value.length() > maxLength || StorableText.problem(value) != null) {
                fail(field, "each tag must be a string of 1 to " + maxLength + " characters");
                return;
            }
            tags.add(value);
        }
        values.put(field, List.copyOf(tags));
    }

    /** The optional {@code version} a client edited (optimistic locking), or null. */
    public final Long version() {
        JsonNode node = fields.get("version");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        fail("version", "must be a whole number");
        return null;
    }

    /** Throws the 400 naming every problem found, if there was any: "Invalid {what}: 'field' message; …". */
    public final void throwIfInvalid(String what) {
        if (!errors.isEmpty()) {
            throw new BadRequestException(
                    "Invalid " + what + ": "
                            + String.join(
                                    "; ",
                                    errors.stream()
                                            .map(e -> "'" + e.field() + "' " + e.message())
                                            .toList()),
                    errors);
        }
    }

    /** A UUID in its canonical 36-character form, or null. */
    public static UUID uuidOf(JsonNode node) {
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
