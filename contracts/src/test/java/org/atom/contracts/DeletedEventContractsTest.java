package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** Every {@code *.deleted.v1} of task-service carries {@code {id}} and nothing else: no content leaks on deletion. */
class DeletedEventContractsTest {

    private static final EventContracts contracts = new EventContracts();
    private static final String ID = "0b6c3f9e-2d4a-4e8b-9c1d-5f7a8b9c0d1e";

    private static ObjectNode deleted(String type) {
        ObjectNode event = TestEnvelopes.envelope(type, "/task-service", ID);
        event.putObject("data").put("id", ID);
        return event;
    }

    @ParameterizedTest
    @CsvSource({"atom.task.deleted.v1", "atom.project.deleted.v1", "atom.note.deleted.v1"})
    void aDeletedEventWithItsIdPasses(String type) {
        assertThat(contracts.hasSchema(type)).isTrue();
        assertThat(contracts.violations(deleted(type).toString())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"atom.task.deleted.v1", "atom.project.deleted.v1", "atom.note.deleted.v1"})
    void aDeletedEventWithoutItsIdIsReported(String type) {
        ObjectNode event = deleted(type);
        event.withObject("data").remove("id");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'id'");
    }

    @ParameterizedTest
    @CsvSource({
        "atom.task.deleted.v1, '\"task-1\"'",
        "atom.project.deleted.v1, '\"\"'",
        "atom.note.deleted.v1, 42",
        "atom.task.deleted.v1, null"
    })
    void aDeletedEventsIdMustBeAUuid(String type, String id) {
        ObjectNode event = deleted(type);
        event.withObject("data").set("id", TestEnvelopes.JSON.readTree(id));

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.id: ");
    }

    @ParameterizedTest
    @CsvSource({"atom.task.deleted.v1, title", "atom.project.deleted.v1, name", "atom.note.deleted.v1, content"})
    void aDeletedEventCarriesOnlyTheId(String type, String member) {
        ObjectNode event = deleted(type);
        event.withObject("data").put(member, "left over");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data")
                .contains(member);
    }
}
