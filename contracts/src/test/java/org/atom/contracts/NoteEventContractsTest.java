package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atom.note.* events on task-service.note.v1, as task-service publishes them. */
class NoteEventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NOTE_ID = "3c9e1f7a-8b2d-4e6f-a1c3-5d7e9f0a2b4c";

    private final EventContracts contracts = new EventContracts();

    @ParameterizedTest
    @ValueSource(strings = {"atom.note.created.v1", "atom.note.updated.v1"})
    void aCompleteNoteEventPasses(String type) {
        ObjectNode event = noteEvent(type);
        ObjectNode data = event.withObject("data")
                .put("content", "# Agenda\n\n- budget\n- hiring\n\n```sql\nSELECT 1;\n```\n")
                .put("type", "meeting_notes")
                .put("taskId", "0b6c3f9e-2d4a-4e8b-9c1d-5f7a8b9c0d1e")
                .put("calendarEventId", "evt_20260301T100000Z@calendar.example")
                .put("pinned", true);
        data.putArray("tags").add("work").add("board");

        assertThat(contracts.hasSchema(type)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom.note.created.v1", "atom.note.updated.v1"})
    void theNullableMembersMayBeNullOrAbsent(String type) {
        ObjectNode event = noteEvent(type);
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.withObject("data").putNull("taskId").putNull("calendarEventId");
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "type = {0}")
    @ValueSource(strings = {"personal_memo", "meeting_notes", "project_brief"})
    void everyNoteTypeIsAccepted(String noteType) {
        ObjectNode event = noteEvent("atom.note.updated.v1");
        event.withObject("data").put("type", noteType);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAllowedForAdditiveEvolution() {
        ObjectNode event = noteEvent("atom.note.updated.v1");
        event.withObject("data")
                .put("projectId", "5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b")
                .put("color", "yellow");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theBoundsOfTheLimitedMembersAreAccepted() {
        ObjectNode event = noteEvent("atom.note.created.v1");
        ObjectNode data = event.withObject("data")
                .put("title", "x".repeat(500))
                .put("content", "c".repeat(200_000))
                .put("calendarEventId", "e".repeat(200))
                .put("version", 0);
        var tags = data.putArray("tags");
        for (int i = 0; i < 49; i++) {
            tags.add("tag-" + i);
        }
        tags.add("t".repeat(50));

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "title", "content", "type", "tags", "pinned", "version", "createdAt", "updatedAt"})
    void eachMissingRequiredMemberIsReportedByName(String member) {
        for (String type : new String[] {"atom.note.created.v1", "atom.note.updated.v1"}) {
            ObjectNode event = noteEvent(type);
            event.withObject("data").remove(member);

            assertThat(contracts.violations(event.toString()))
                    .as(type)
                    .singleElement()
                    .asString()
                    .startsWith("$.data: ")
                    .contains("'" + member + "'");
        }
    }

    @ParameterizedTest(name = "{0} = {1} is reported at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "id              | \"not-a-uuid\"                   | $.data.id",
                "id              | null                             | $.data.id",
                "title           | \"\"                             | $.data.title",
                "title           | null                             | $.data.title",
                "content         | null                             | $.data.content",
                "content         | 42                               | $.data.content",
                "type            | \"memo\"                         | $.data.type",
                "type            | \"PERSONAL_MEMO\"                | $.data.type",
                "type            | null                             | $.data.type",
                "taskId          | \"task-1\"                       | $.data.taskId",
                "taskId          | 42                               | $.data.taskId",
                "calendarEventId | \"\"                             | $.data.calendarEventId",
                "calendarEventId | \"two words\"                    | $.data.calendarEventId",
                "calendarEventId | 42                               | $.data.calendarEventId",
                "tags            | \"work\"                         | $.data.tags",
                "tags            | [\"work\", \"work\"]             | $.data.tags",
                "tags            | [\"\"]                           | $.data.tags[0]",
                "tags            | null                             | $.data.tags",
                "pinned          | \"yes\"                          | $.data.pinned",
                "pinned          | null                             | $.data.pinned",
                "version         | -1                               | $.data.version",
                "version         | 1.5                              | $.data.version",
                "createdAt       | \"2026-03-01 10:00\"             | $.data.createdAt",
                "updatedAt       | null                             | $.data.updatedAt",
            })
    void wronglyTypedOrFormattedMembersAreReportedAtTheirPath(String member, String json, String path) {
        ObjectNode event = noteEvent("atom.note.updated.v1");
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith(path));
    }

    @ParameterizedTest(name = "{0} of length {1} is reported")
    @CsvSource({"title, 501", "content, 200001", "calendarEventId, 201"})
    void tooLongTextIsReported(String member, int length) {
        ObjectNode event = noteEvent("atom.note.updated.v1");
        event.withObject("data").put(member, "x".repeat(length));

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data." + member + ": ");
    }

    @Test
    void anUnknownNoteTypeIsReportedWithTheAllowedValues() {
        ObjectNode event = noteEvent("atom.note.created.v1");
        event.withObject("data").put("type", "diary");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.type: ")
                .contains("personal_memo", "meeting_notes", "project_brief");
    }

    @Test
    void theNoteDefinitionsAreNotAnEventType() {
        assertThat(contracts.hasSchema("defs.note")).isFalse();
        assertThat(contracts.hasSchema("defs/note")).isFalse();
    }

    /** A valid event of the type with the smallest valid note: required members only. */
    static ObjectNode noteEvent(String type) {
        ObjectNode event = envelope(type);
        ObjectNode data = event.putObject("data")
                .put("id", NOTE_ID)
                .put("title", "Board meeting")
                .put("content", "")
                .put("type", "personal_memo");
        data.putArray("tags");
        data.put("pinned", false)
                .put("version", 2)
                .put("createdAt", "2026-02-01T08:00:00Z")
                .put("updatedAt", "2026-03-01T10:15:30.123456Z");
        return event;
    }

    private static ObjectNode envelope(String type) {
        return TestEnvelopes.envelope(type, "/task-service", NOTE_ID);
    }
}
