package org.atom.task.project;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The writable fields of a project as one request states them, checked. A field the request leaves out is not in
 * {@link #values()}; an explicit {@code null} is, and clears it. {@code development} is read the same way one level
 * down (its members absent stay, {@code null} clears). Snake-case names ({@code progress_override},
 * {@code live_url}, {@code preview_url}) are accepted too; read-only fields a client echoes back ({@code id},
 * {@code progress}, {@code taskCount} …) and unknown ones are ignored.
 */
record ProjectInput(Map<String, Object> values, Long version) {

    static final String NAME = "name",
            DESCRIPTION = "description",
            COLOR = "color",
            ARCHIVED = "archived",
            KIND = "kind",
            PROGRESS_OVERRIDE = "progressOverride",
            DEVELOPMENT = "development",
            POSITION = "position",
            VERSION = "version";
    static final String STATUS = "status", LIVE_URL = "liveUrl", PREVIEW_URL = "previewUrl", METRICS = "metrics";
    static final int MAX_NAME = 200, MAX_DESCRIPTION = 20_000, MAX_URL = 2000;

    private static final Map<String, String> SNAKE_CASE = Map.of("progress_override", PROGRESS_OVERRIDE);
    private static final Map<String, String> DEVELOPMENT_SNAKE_CASE =
            Map.of("live_url", LIVE_URL, "preview_url", PREVIEW_URL);

    /** The stated members of {@code development}, like {@link ProjectInput#values()} one level down. */
    record DevelopmentInput(Map<String, Object> values) {

        boolean has(String field) {
            return values.containsKey(field);
        }

        Object get(String field) {
            return values.get(field);
        }
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    Object get(String field) {
        return values.get(field);
    }

    /** Reads a request body; every problem is reported at once, each naming its field. */
    static ProjectInput parse(JsonNode body) {
        Parser parser = new Parser(body);
        Map<String, Object> values = new LinkedHashMap<>();
        parser.text(NAME, MAX_NAME, false, values);
        parser.text(DESCRIPTION, MAX_DESCRIPTION, true, values);
        parser.color(values);
        parser.bool(ARCHIVED, values);
        parser.choice(KIND, ProjectKind::of, ProjectKind.allowed(), values);
        parser.percent(PROGRESS_OVERRIDE, values);
        parser.development(values);
        parser.number(POSITION, values);
        Long version = parser.version();
        parser.throwIfInvalid("project");
        return new ProjectInput(values, version);
    }

    /** Create needs a name. */
    void requireName() {
        if (!(get(NAME) instanceof String)) {
            throw BadRequestException.of(NAME, "is required");
        }
    }

    private static final class Parser extends JsonFields {

        Parser(JsonNode body) {
            super(body, SNAKE_CASE);
        }

        private Parser(JsonNode object, String prefix, List<FieldViolation> errors) {
            super(object, DEVELOPMENT_SNAKE_CASE, prefix, errors);
        }

        void color(Map<String, Object> values) {
            if (!present(COLOR, true, values)) {
                return;
            }
            JsonNode node = node(COLOR);
            Optional<String> color = node.isString() ? Colors.normalise(node.asString()) : Optional.empty();
            color.ifPresentOrElse(c -> values.put(COLOR, c), () -> fail(COLOR, Colors.RULE));
        }

        void percent(String field, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = node(field);
            if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 0 && node.asInt() <= 100) {
                values.put(field, node.asInt());
            } else {
                fail(field, "must be a whole number from 0 to 100, or null to derive it from the tasks");
            }
        }

        void url(String field, Map<String, Object> values) {
            if (!present(field, true, values)) {
                return;
            }
            JsonNode node = node(field);
            String url = node.isString() ? node.asString().strip() : "";
            if (isHttpUrl(url)) {
                values.put(field, url);
            } else {
                fail(field, "must be an http or https URL of at most " + MAX_URL + " characters");
            }
        }

        void development(Map<String, Object> values) {
            if (!present(DEVELOPMENT, true, values)) {
                return;
            }
            JsonNode node = node(DEVELOPMENT);
            if (!node.isObject()) {
                fail(DEVELOPMENT, "must be an object {status, liveUrl, previewUrl, metrics}, or null");
                return;
            }
            Parser inner = new Parser(node, DEVELOPMENT + ".", errors());
            Map<String, Object> development = new LinkedHashMap<>();
            inner.choice(STATUS, DevelopmentStatus::of, DevelopmentStatus.allowed(), development);
            inner.url(LIVE_URL, development);
            inner.url(PREVIEW_URL, development);
            if (inner.present(METRICS, true, development)) {
                JsonNode metrics = inner.node(METRICS);
                if (Metrics.valid(metrics)) {
                    development.put(METRICS, metrics);
                } else {
                    inner.fail(METRICS, Metrics.RULE);
                }
            }
            values.put(DEVELOPMENT, new DevelopmentInput(development));
        }

        private static boolean isHttpUrl(String url) {
            // printable ASCII only: what RFC 3986 allows unencoded (a URL with others is an IRI, not a URL)
            if (url.isEmpty() || url.length() > MAX_URL || !url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return false;
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                return (scheme.equals("http") || scheme.equals("https"))
                        && uri.getHost() != null
                        && !uri.getHost().isEmpty();
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
