package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_ID = "7d1f0c1e-3b7a-4c52-9f3e-2a8b9c0d1e2f";
    private static final String TEST_ONLY_TYPE = "atom.platform.sample-recorded.v1";
    private static final String UNSHIPPED_TYPE = "atom.platform.sample-unshipped.v1";

    private final EventContracts contracts = new EventContracts();

    @Test
    void aValidUserDeletedEventPasses() {
        String event = userDeleted().toString();

        assertThat(contracts.violations(event)).isEmpty();
        assertThatCode(() -> contracts.assertValid(event)).doesNotThrowAnyException();
    }

    @Test
    void optionalMembersAreValidatedWhenPresent() {
        ObjectNode event = userDeleted()
                .put("dataschema", "https://schemas.example.org/atom.user.deleted.v1.schema.json")
                .put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"specversion", "id", "type", "source", "subject", "time", "datacontenttype", "userid", "data"})
    void eachMissingRequiredMemberIsReportedByName(String member) {
        ObjectNode event = userDeleted();
        event.remove(member);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$")
                .contains("'" + member + "'");
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is reported at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "type            | task.created.v1                        | $.type",
                "type            | atom.task.v1                           | $.type",
                "type            | atom.Task.created.v1                   | $.type",
                "type            | atom.task.created.v0                   | $.type",
                "type            | atom.task.created                      | $.type",
                "id              | 42                                     | $.id",
                "id              | 7d1f0c1e3b7a4c529f3e2a8b9c0d1e2f-x     | $.id",
                "traceparent     | 00-abc-def-01                          | $.traceparent",
                "traceparent     | 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01 | $.traceparent",
                "time            | 2026-03-01 10:00:00                    | $.time",
                "time            | 2026-03-01T10:00:00                    | $.time",
                "time            | 2026-03-01T25:00:00Z                   | $.time",
                "time            | yesterday                              | $.time",
                "source          | task-service                           | $.source",
                "source          | /Task_Service                          | $.source",
                "specversion     | 0.3                                    | $.specversion",
                "datacontenttype | text/plain                             | $.datacontenttype",
                "userid          | ''                                     | $.userid",
                "dataschema      | not a uri                              | $.dataschema",
            })
    void invalidMemberValuesAreReportedAtTheirPath(String member, String value, String path) {
        ObjectNode event = userDeleted().put(member, value);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith(path + ": ");
    }

    @Test
    void aValidMultiSegmentTypeAndAnyRfc3339OffsetAreAccepted() {
        ObjectNode event =
                envelope("atom.platform.sample.reminder-fired.v12").put("time", "2026-03-01T10:00:00.123+05:30");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAccepted() {
        ObjectNode event = userDeleted().put("partitionkey", USER_ID).put("x-experimental", true);
        event.withObject("data").put("email", "ada@example.org");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void userDeletedDataWithoutIdIsReported() {
        ObjectNode event = userDeleted();
        event.withObject("data").remove("id");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'id'");
    }

    @Test
    void userDeletedDataWithAWronglyTypedIdIsReportedAtItsPath() {
        ObjectNode event = userDeleted();
        event.withObject("data").put("id", 42);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.id: ");
    }

    @Test
    void aTypeWithoutSchemaIsValidatedAgainstTheEnvelopeOnly() {
        // a type no jar ships a schema for (unlike the real atom.* types, which all get one)
        ObjectNode event = envelope(UNSHIPPED_TYPE);
        event.putObject("data").put("anything", 1);

        assertThat(contracts.hasSchema(UNSHIPPED_TYPE)).isFalse();
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.remove("subject");
        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .contains("'subject'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"{not json", "{\"id\": ", "{} {}", "  ", "nope"})
    void malformedJsonGivesOneViolationInsteadOfAnException(String json) {
        assertThat(contracts.violations(json)).singleElement().asString().startsWith("$: ");
        assertThatIllegalArgumentException().isThrownBy(() -> contracts.assertValid(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"atom.user.deleted.v1\"", "42", "null"})
    void jsonThatIsNotAnObjectIsAViolation(String json) {
        assertThat(contracts.violations(json))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$"));
    }

    @Test
    void aTypeShippedInAnotherJarUnderTheEventsFolderIsFound() {
        ObjectNode event = envelope(TEST_ONLY_TYPE);
        event.putObject("data").put("sampleId", UUID.randomUUID().toString()).put("value", 3);

        assertThat(contracts.hasSchema(TEST_ONLY_TYPE)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.withObject("data").put("sampleId", "not-a-uuid").put("value", -1);
        assertThat(contracts.violations(event.toString()))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("$.data.sampleId: "))
                .anySatisfy(v -> assertThat(v).startsWith("$.data.value: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom.user.deleted.v1", TEST_ONLY_TYPE})
    void hasSchemaFindsShippedTypes(String type) {
        assertThat(contracts.hasSchema(type)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"atom.user.deleted.v9", "../envelope", "atom/../../envelope", "ATOM.USER.DELETED.V1"})
    void hasSchemaIsFalseForUnknownOrUnsafeNames(String type) {
        assertThat(contracts.hasSchema(type)).isFalse();
    }

    @Test
    void aTypeThatLooksLikeAPathIsReportedNotResolved() {
        ObjectNode event = userDeleted().put("type", "../envelope");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.type: ");
    }

    @Test
    void assertValidListsEveryViolation() {
        ObjectNode event = userDeleted().put("id", "nope").put("source", "auth-service");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> contracts.assertValid(event.toString()))
                .withMessageContaining("$.id: ")
                .withMessageContaining("$.source: ");
    }

    @Test
    void oneInstanceServesConcurrentCallers() {
        var shared = new EventContracts();
        String valid = userDeleted().toString();
        ObjectNode invalidNode = envelope(TEST_ONLY_TYPE);
        invalidNode.putObject("data");
        String invalid = invalidNode.toString();

        List<Integer> counts = IntStream.range(0, 400)
                .parallel()
                .mapToObj(i -> shared.violations(i % 2 == 0 ? valid : invalid).size())
                .toList();

        assertThat(counts).hasSize(400);
        IntStream.range(0, 400).forEach(i -> assertThat(counts.get(i)).isEqualTo(i % 2 == 0 ? 0 : 2));
    }

    private static ObjectNode userDeleted() {
        ObjectNode event = envelope("atom.user.deleted.v1").put("source", "/auth-service");
        event.putObject("data").put("id", USER_ID);
        return event;
    }

    private static ObjectNode envelope(String type) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("source", "/task-service")
                .put("subject", USER_ID)
                .put("time", "2026-03-01T10:15:30Z")
                .put("datacontenttype", "application/json")
                .put("userid", USER_ID);
        event.putObject("data");
        return event;
    }
}
