package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atom.project.* events on task-service.project.v1, as task-service publishes them. */
class ProjectEventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROJECT_ID = "5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b";
    private static final List<String> PROJECT_TYPES = List.of("atom.project.created.v1", "atom.project.updated.v1");

    private final EventContracts contracts = new EventContracts();

    @ParameterizedTest
    @ValueSource(strings = {"atom.project.created.v1", "atom.project.updated.v1"})
    void aCompleteStandardProjectEventPasses(String type) {
        ObjectNode event = projectEvent(type);
        event.withObject("data")
                .put("description", "Everything for the move.\nBoxes first.")
                .put("color", "#ff8800")
                .put("archived", true)
                .put("progress", 40)
                .put("progressOverride", 40)
                .put("taskCount", 10)
                .put("completedTaskCount", 3)
                .putNull("development");

        assertThat(contracts.hasSchema(type)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom.project.created.v1", "atom.project.updated.v1"})
    void aCompleteDevelopmentProjectEventPasses(String type) {
        ObjectNode event = developmentEvent(type);
        ObjectNode development = event.withObject("data").withObject("development");
        development
                .put("status", "live")
                .put("liveUrl", "https://atom.example.com/")
                .put("previewUrl", "http://preview.atom.example.com:8080/pr/42?x=1#top");
        development
                .withObject("metrics")
                .put("performance", 92)
                .put("mobile", 88.5)
                .put("seo", 100)
                .put("rebuildTime", "2.3s")
                .put("cached", true);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theNullableMembersMayBeNullOrAbsent() {
        ObjectNode event = projectEvent("atom.project.updated.v1");
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.withObject("data")
                .putNull("description")
                .putNull("color")
                .putNull("progressOverride")
                .putNull("development");
        assertThat(contracts.violations(event.toString())).isEmpty();

        ObjectNode development = developmentEvent("atom.project.updated.v1");
        development
                .withObject("data")
                .withObject("development")
                .putNull("liveUrl")
                .putNull("previewUrl");
        assertThat(contracts.violations(development.toString())).isEmpty();
    }

    @ParameterizedTest(name = "color = {0}")
    @ValueSource(strings = {"blue", "rebeccapurple", "#000000", "#a1b2c3"})
    void aColorIsALowerCaseNameOrHex(String color) {
        ObjectNode event = projectEvent("atom.project.created.v1");
        event.withObject("data").put("color", color);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "status = {0}")
    @ValueSource(strings = {"building", "live", "error"})
    void everyDevelopmentStatusIsAccepted(String status) {
        ObjectNode event = developmentEvent("atom.project.updated.v1");
        event.withObject("data").withObject("development").put("status", status);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theBoundsOfTheLimitedMembersAreAccepted() {
        ObjectNode event = developmentEvent("atom.project.created.v1");
        ObjectNode data = event.withObject("data")
                .put("name", "x".repeat(200))
                .put("description", "d".repeat(20000))
                .put("progress", 100)
                .put("progressOverride", 0)
                .put("position", -3)
                .put("version", 0);
        ObjectNode development = data.withObject("development")
                .put("liveUrl", "https://example.com/" + "a".repeat(2000 - "https://example.com/".length()));
        ObjectNode metrics = development.putObject("metrics");
        for (int i = 0; i < 19; i++) {
            metrics.put("metric-" + i, i);
        }
        metrics.put("m".repeat(50), "v".repeat(200));

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAllowedForAdditiveEvolution() {
        ObjectNode event = developmentEvent("atom.project.updated.v1");
        event.withObject("data").put("icon", "rocket").withObject("development").put("repository", "atom/atom");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id",
                "name",
                "archived",
                "kind",
                "progress",
                "taskCount",
                "completedTaskCount",
                "position",
                "version",
                "createdAt",
                "updatedAt"
            })
    void eachMissingRequiredMemberIsReportedByName(String member) {
        for (String type : PROJECT_TYPES) {
            ObjectNode event = projectEvent(type);
            event.withObject("data").remove(member);

            assertThat(contracts.violations(event.toString()))
                    .as(type)
                    .singleElement()
                    .asString()
                    .startsWith("$.data: ")
                    .contains("'" + member + "'");
        }
    }

    @Test
    void aDevelopmentProjectCarriesItsDevelopment() {
        ObjectNode event = developmentEvent("atom.project.updated.v1");
        event.withObject("data").remove("development");
        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'development'");

        event.withObject("data").putNull("development");
        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.development"));
    }

    @Test
    void aStandardProjectHasNoDevelopment() {
        ObjectNode event = developmentEvent("atom.project.updated.v1");
        event.withObject("data").put("kind", "standard");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.development: ");
    }

    @ParameterizedTest(name = "{0} = {1} is reported at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "id                 | \"project-1\"                | $.data.id",
                "id                 | null                         | $.data.id",
                "name               | \"\"                         | $.data.name",
                "name               | null                         | $.data.name",
                "description        | 42                           | $.data.description",
                "color              | \"Blue\"                     | $.data.color",
                "color              | \"#FF8800\"                  | $.data.color",
                "color              | \"#f80\"                     | $.data.color",
                "color              | \"light blue\"               | $.data.color",
                "archived           | \"no\"                       | $.data.archived",
                "archived           | null                         | $.data.archived",
                "kind               | \"dev\"                      | $.data.kind",
                "kind               | null                         | $.data.kind",
                "progress           | 101                          | $.data.progress",
                "progress           | -1                           | $.data.progress",
                "progress           | 50.5                         | $.data.progress",
                "progress           | null                         | $.data.progress",
                "progressOverride   | 101                          | $.data.progressOverride",
                "progressOverride   | \"50\"                       | $.data.progressOverride",
                "taskCount          | -1                           | $.data.taskCount",
                "completedTaskCount | 1.5                          | $.data.completedTaskCount",
                "position           | \"1\"                        | $.data.position",
                "version            | -1                           | $.data.version",
                "createdAt          | \"2026-03-01 10:00\"         | $.data.createdAt",
                "updatedAt          | null                         | $.data.updatedAt",
            })
    void wronglyTypedOrFormattedMembersAreReportedAtTheirPath(String member, String json, String path) {
        ObjectNode event = projectEvent("atom.project.updated.v1");
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith(path));
    }

    @ParameterizedTest(name = "development.{0} = {1} is reported")
    @CsvSource(
            delimiter = '|',
            value = {
                "status     | \"deployed\"",
                "status     | null",
                "liveUrl    | \"ftp://example.com/\"",
                "liveUrl    | \"example.com\"",
                "liveUrl    | \"https://exa mple.com/\"",
                "previewUrl | 42",
                "metrics    | null",
                "metrics    | []",
                "metrics    | {\"performance\": {\"lcp\": 1.2}}",
                "metrics    | {\"performance\": [1, 2]}",
                "metrics    | {\"\": 1}",
            })
    void wrongDevelopmentMembersAreReported(String member, String json) {
        ObjectNode event = developmentEvent("atom.project.updated.v1");
        event.withObject("data").withObject("development").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.development"));
    }

    @Test
    void tooManyOrTooLongMetricsAreReported() {
        ObjectNode event = developmentEvent("atom.project.updated.v1");
        ObjectNode metrics = event.withObject("data").withObject("development").putObject("metrics");
        for (int i = 0; i < 21; i++) {
            metrics.put("metric-" + i, i);
        }
        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.development"));

        event.withObject("data").withObject("development").putObject("metrics").put("rebuildTime", "s".repeat(201));
        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.development"));
    }

    @ParameterizedTest(name = "{0} of length {1} is reported")
    @CsvSource({"name, 201", "description, 20001"})
    void tooLongTextIsReported(String member, int length) {
        ObjectNode event = projectEvent("atom.project.updated.v1");
        event.withObject("data").put(member, "x".repeat(length));

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data." + member + ": ");
    }

    @Test
    void theProjectDefinitionsAreNotAnEventType() {
        assertThat(contracts.hasSchema("defs.project")).isFalse();
        assertThat(contracts.hasSchema("defs/project")).isFalse();
    }

    /** A valid event of the type with the smallest valid project: required members only, kind standard. */
    static ObjectNode projectEvent(String type) {
        ObjectNode event = envelope(type);
        event.putObject("data")
                .put("id", PROJECT_ID)
                .put("name", "Move house")
                .put("archived", false)
                .put("kind", "standard")
                .put("progress", 0)
                .put("taskCount", 0)
                .put("completedTaskCount", 0)
                .put("position", 1)
                .put("version", 0)
                .put("createdAt", "2026-02-01T08:00:00Z")
                .put("updatedAt", "2026-03-01T10:15:30Z");
        return event;
    }

    /** The smallest valid development project: building, without URLs, no metrics. */
    static ObjectNode developmentEvent(String type) {
        ObjectNode event = projectEvent(type);
        ObjectNode development =
                event.withObject("data").put("kind", "development").putObject("development");
        development.put("status", "building");
        development.putObject("metrics");
        return event;
    }

    private static ObjectNode envelope(String type) {
        return TestEnvelopes.envelope(type, "/task-service", PROJECT_ID);
    }
}
