package org.atom.task.project;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A development project's metrics: a small flat JSON object (the original's frontend shows {@code performance},
 * {@code mobile}, {@code seo}, {@code rebuildTime}) whose members are numbers, short strings or booleans. A
 * {@code null} member in a request removes that metric.
 */
final class Metrics {

    static final int MAX_MEMBERS = 20, MAX_NAME = 50, MAX_TEXT = 200;
    static final String RULE = "must be an object of at most " + MAX_MEMBERS + " members named by 1 to " + MAX_NAME
            + " characters, each a number, a boolean or a string of at most " + MAX_TEXT + " characters";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Metrics() {}

    static ObjectNode empty() {
        return JSON.createObjectNode();
    }

    /** Whether a request's metrics follow {@link #RULE} ({@code null} members allowed: they remove a metric). */
    static boolean valid(JsonNode node) {
        if (!node.isObject() || node.size() > MAX_MEMBERS) {
            return false;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            JsonNode value = member.getValue();
            boolean ok = value.isNull()
                    || value.isBoolean()
                    || (value.isNumber() && Double.isFinite(value.asDouble()))
                    || (value.isString() && value.asString().length() <= MAX_TEXT);
            if (!ok || member.getKey().isBlank() || member.getKey().length() > MAX_NAME) {
                return false;
            }
        }
        return true;
    }

    /** The metrics a request states as a whole ({@code PUT}): its non-null members. */
    static ObjectNode replace(JsonNode stated) {
        return merge(empty(), stated);
    }

    /** RFC 7396 for a flat object ({@code PATCH}): stated members set, {@code null} ones removed, others kept. */
    static ObjectNode merge(ObjectNode current, JsonNode patch) {
        ObjectNode merged = current.deepCopy();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                merged.remove(member.getKey());
            } else {
                merged.set(member.getKey(), member.getValue());
            }
        }
        return merged;
    }

    static ObjectNode read(String json) {
        return json == null ? null : (ObjectNode) JSON.readTree(json);
    }

    static String write(ObjectNode metrics) {
        return metrics == null ? null : JSON.writeValueAsString(metrics);
    }
}
