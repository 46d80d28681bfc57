package org.atom.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validates CloudEvents JSON against the envelope schema and, when one is on the classpath, its type's data schema. */
public final class EventContracts {

    private static final String ENVELOPE = "org/atom/contracts/envelope.schema.json";
    // A service ships schemas of its own types in its jar under this same folder.
    static final String EVENTS = "org/atom/contracts/events/";

    // Only names made of these characters become resource paths: no '/', so no escaping the events folder.
    private static final Pattern LOOKUP_SAFE_TYPE = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private final ClassLoader classLoader;
    private final SchemaRegistry registry;
    private final JsonMapper mapper;
    private final Schema envelope;
    private final ConcurrentMap<String, Optional<Schema>> dataSchemas = new ConcurrentHashMap<>();

    /** Reads schemas through this class's class loader, which sees every service's jar on a flat classpath. */
    public EventContracts() {
        this(EventContracts.class.getClassLoader());
    }

    /** Reads schemas through the given class loader. */
    public EventContracts(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        // Draft 2020-12 treats "format" as an annotation only; contracts need uuid/date-time/uri asserted.
        var config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        this.envelope = load(ENVELOPE).orElseThrow(() -> new IllegalStateException("missing " + ENVELOPE));
    }

    /** Human-readable violations, each starting with the JSON path it concerns; empty when the event is valid. */
    public List<String> violations(String eventJson) {
        if (eventJson == null) {
            return List.of("$: event JSON is null");
        }
        JsonNode event;
        try {
            event = mapper.readTree(eventJson);
        } catch (JacksonException e) {
            return List.of("$: malformed JSON: " + e.getOriginalMessage());
        }
        if (event == null || event.isMissingNode()) {
            return List.of("$: malformed JSON: no content");
        }
        var violations = new ArrayList<String>();
        envelope.validate(event).forEach(error -> violations.add(describe("$", error)));
        JsonNode type = event.path("type");
        JsonNode data = event.path("data");
        if (type.isString() && data.isObject()) {
            dataSchema(type.asString())
                    .ifPresent(schema ->
                            schema.validate(data).forEach(error -> violations.add(describe("$.data", error))));
        }
        return List.copyOf(violations);
    }

    /** Throws {@link IllegalArgumentException} listing every violation unless the event is valid. */
    public void assertValid(String eventJson) {
        List<String> violations = violations(eventJson);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(
                    "Event violates its contract:\n  " + String.join("\n  ", violations) + "\nEvent: " + eventJson);
        }
    }

    /** Whether {@code events/<type>.schema.json} exists on the classpath. */
    public boolean hasSchema(String type) {
        return type != null && dataSchema(type).isPresent();
    }

    private Optional<Schema> dataSchema(String type) {
        if (!LOOKUP_SAFE_TYPE.matcher(type).matches()) {
            return Optional.empty();
        }
        return dataSchemas.computeIfAbsent(type, t -> load(EVENTS + t + ".schema.json"));
    }

    private Optional<Schema> load(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            // The classpath: location lets a schema $ref its neighbours relatively.
            Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + resource), mapper.readTree(in));
            schema.initializeValidators(); // eagerly, so concurrent validations share a fully built schema
            return Optional.of(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String describe(String root, Error error) {
        // Paths are JSON paths ("$", "$.data.id"); data is validated on its own, so re-root its paths.
        String path = error.getInstanceLocation() == null
                ? "$"
                : error.getInstanceLocation().toString();
        return root + path.substring(1) + ": " + error.getMessage();
    }
}
