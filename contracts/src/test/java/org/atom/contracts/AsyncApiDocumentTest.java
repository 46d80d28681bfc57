package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Keeps asyncapi.yaml and the JSON Schemas next to it from drifting apart. */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "org/atom/contracts/asyncapi.yaml";
    private static final String SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12";

    private static Path mainResources;
    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException, URISyntaxException {
        // The main output folder only: a $ref that resolves to a test resource would dangle in production.
        mainResources = Path.of(EventContracts.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        try (InputStream in = Files.newInputStream(mainResources.resolve(DOCUMENT))) {
            document = YAMLMapper.builder().build().readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3DocumentForCloudEvents() {
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(document.path("info").path("title").asString()).isEqualTo("ATOM domain events");
        assertThat(document.path("info").path("version").isMissingNode()).isFalse();
        assertThat(document.path("defaultContentType").asString()).isEqualTo("application/cloudevents+json");
        assertThat(document.path("channels").propertyNames()).isNotEmpty();
        assertThat(document.path("operations").propertyNames()).isNotEmpty();
    }

    @Test
    void channelAddressesFollowTheTopicNaming() {
        document.path("channels")
                .properties()
                .forEach(
                        channel -> assertThat(channel.getValue().path("address").asString())
                                .as("address of channel %s", channel.getKey())
                                .matches("^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*$"));
    }

    @Test
    void operationsSendOrReceiveOnADeclaredChannel() {
        document.path("operations").properties().forEach(operation -> {
            JsonNode op = operation.getValue();
            assertThat(op.path("action").asString()).as(operation.getKey()).isIn("send", "receive");
            assertThat(op.path("channel").path("$ref").asString())
                    .as(operation.getKey())
                    .startsWith("#/channels/");
        });
    }

    @Test
    void everyPayloadIsADraft202012MultiFormatSchema() {
        messages().forEach((pointer, message) -> {
            assertThat(message.path("payload").path("schemaFormat").asString())
                    .as(pointer)
                    .isEqualTo(SCHEMA_FORMAT);
            assertThat(message.path("payload").path("schema").isObject())
                    .as(pointer)
                    .isTrue();
        });
    }

    @Test
    void everyInternalRefPointsIntoTheDocument() {
        refs(document).forEach((location, ref) -> {
            if (ref.startsWith("#")) {
                assertThat(document.at(JsonPointer.compile(ref.substring(1))).isMissingNode())
                        .as("%s at %s", ref, location)
                        .isFalse();
            }
        });
    }

    @Test
    void everyFileRefResolvesToAJsonSchemaInTheContractsJar() {
        List<String> files = fileRefs(document);
        assertThat(files).isNotEmpty();
        JsonMapper json = JsonMapper.builder().build();
        files.forEach(resource -> {
            Path file = mainResources.resolve(resource);
            assertThat(file).as("$ref target %s", resource).isRegularFile();
            assertThat(json.readTree(file.toFile()).path("$schema").asString())
                    .as("$schema of %s", resource)
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        });
    }

    @Test
    void everyEventSchemaIsListedByAMessageNamedAfterItsType() throws IOException {
        Set<String> shipped;
        // only the folder's own files: events/defs/ holds shared definitions, not event types
        try (Stream<Path> files = Files.list(mainResources.resolve(EventContracts.EVENTS))) {
            shipped = files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                    .collect(Collectors.toSet());
        }
        assertThat(shipped).isNotEmpty();

        Map<String, String> messageNameByType = new TreeMap<>();
        messages()
                .forEach((pointer, message) -> fileRefs(message).stream()
                        .filter(resource -> resource.startsWith(EventContracts.EVENTS))
                        .map(resource -> resource.substring(EventContracts.EVENTS.length())
                                .replaceFirst("\\.schema\\.json$", ""))
                        .forEach(type ->
                                messageNameByType.put(type, message.path("name").asString())));

        assertThat(messageNameByType.keySet())
                .as("event types listed in asyncapi.yaml")
                .containsAll(shipped);
        messageNameByType.forEach((type, name) ->
                assertThat(name).as("name of the message for %s", type).isEqualTo(type));
    }

    @Test
    void everyRefInsideTheSchemasResolvesToAFileAndPointer() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Path schemas = mainResources.resolve("org/atom/contracts");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(schemas)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".schema.json"))
                    .toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode schema = json.readTree(file.toFile());
            refs(schema).forEach((location, ref) -> {
                String target = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
                String pointer = ref.contains("#") ? ref.substring(ref.indexOf('#') + 1) : "";
                Path targetFile =
                        target.isEmpty() ? file : file.resolveSibling(target).normalize();
                assertThat(targetFile).as("%s at %s in %s", ref, location, file).isRegularFile();
                assertThat(targetFile.normalize()).startsWith(schemas);
                JsonNode targetSchema = target.isEmpty() ? schema : json.readTree(targetFile.toFile());
                assertThat(targetSchema.at(JsonPointer.compile(pointer)).isMissingNode())
                        .as("%s at %s in %s", ref, location, file)
                        .isFalse();
            });
        }
    }

    /** Messages declared in components and inline in channels, by JSON pointer; $ref placeholders skipped. */
    private static Map<String, JsonNode> messages() {
        Map<String, JsonNode> messages = new TreeMap<>();
        BiConsumer<String, JsonNode> collect =
                (prefix, container) -> container.properties().forEach(e -> {
                    if (!e.getValue().has("$ref")) {
                        messages.put(prefix + "/" + e.getKey(), e.getValue());
                    }
                });
        collect.accept("/components/messages", document.path("components").path("messages"));
        document.path("channels")
                .properties()
                .forEach(c -> collect.accept(
                        "/channels/" + c.getKey() + "/messages", c.getValue().path("messages")));
        assertThat(messages).as("messages in asyncapi.yaml").isNotEmpty();
        return messages;
    }

    /** Classpath paths of the files a node's $refs point to, resolved against the document's folder. */
    private static List<String> fileRefs(JsonNode node) {
        URI base = URI.create(DOCUMENT);
        List<String> files = new ArrayList<>();
        refs(node).values().stream()
                .filter(ref -> !ref.startsWith("#"))
                .map(ref -> ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref)
                .map(ref -> base.resolve(ref).normalize().toString())
                .forEach(files::add);
        return files;
    }

    /** Every $ref value under a node, keyed by the JSON pointer of the object holding it. */
    private static Map<String, String> refs(JsonNode root) {
        Map<String, String> refs = new TreeMap<>();
        collectRefs(root, "", refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, String pointer, Map<String, String> refs) {
        if (node.isObject()) {
            if (node.path("$ref").isString()) {
                refs.put(pointer.isEmpty() ? "/" : pointer, node.path("$ref").asString());
            }
            node.properties().forEach(e -> collectRefs(e.getValue(), pointer + "/" + e.getKey(), refs));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), pointer + "/" + i, refs);
            }
        }
    }
}
