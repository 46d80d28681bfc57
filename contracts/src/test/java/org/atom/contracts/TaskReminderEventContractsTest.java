package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** atom.task.reminder.fired.v1 on task-service.task.v1, as task-service publishes it. */
class TaskReminderEventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TYPE = "atom.task.reminder.fired.v1";
    private static final String TASK_ID = "0b6c3f9e-2d4a-4e8b-9c1d-5f7a8b9c0d1e";

    private final EventContracts contracts = new EventContracts();

    @Test
    void aFiredReminderOfATaskDueAtAnInstantPasses() {
        ObjectNode event = reminderFired();

        assertThat(contracts.hasSchema(TYPE)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void aFiredReminderOfATaskDueOnADayPasses() {
        ObjectNode event = reminderFired();
        event.withObject("data").put("dueDate", "2026-12-01").put("timeZone", "America/Argentina/Buenos_Aires");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theDueDateAndTimeZoneMayBeNullOrAbsent() {
        ObjectNode event = reminderFired();
        event.withObject("data").putNull("dueDate").putNull("timeZone");
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.withObject("data").remove("dueDate");
        event.withObject("data").remove("timeZone");
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAllowedForAdditiveEvolution() {
        ObjectNode event = reminderFired();
        event.withObject("data").put("minutesBefore", 30).put("kind", "relative");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theSchemasExampleIsValid() throws IOException {
        JsonNode example;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream(EventContracts.EVENTS + TYPE + ".schema.json")) {
            example = JSON.readTree(in).path("examples").get(0);
        }
        ObjectNode event = reminderFired();
        event.set("data", example);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reminderId", "taskId", "title", "firedAt", "scheduledFor"})
    void eachMissingRequiredMemberIsReportedByName(String member) {
        ObjectNode event = reminderFired();
        event.withObject("data").remove(member);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'" + member + "'");
    }

    @ParameterizedTest(name = "{0} = {1} is reported at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "reminderId   | \"reminder-1\"                  | $.data.reminderId",
                "reminderId   | null                            | $.data.reminderId",
                "taskId       | 42                              | $.data.taskId",
                "title        | \"\"                            | $.data.title",
                "title        | null                            | $.data.title",
                "dueDate      | \"2026-12-01T09:00:00+01:00\"   | $.data.dueDate",
                "dueDate      | \"tomorrow\"                    | $.data.dueDate",
                "timeZone     | \"+02:00\"                      | $.data.timeZone",
                "firedAt      | \"2026-12-01T09:30:00+01:00\"   | $.data.firedAt",
                "firedAt      | \"2026-12-01 08:30\"            | $.data.firedAt",
                "firedAt      | null                            | $.data.firedAt",
                "scheduledFor | \"2026-12-01T08:30:00\"         | $.data.scheduledFor",
                "scheduledFor | 1796113800000                   | $.data.scheduledFor",
            })
    void wronglyTypedOrFormattedMembersAreReportedAtTheirPath(String member, String json, String path) {
        ObjectNode event = reminderFired();
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith(path));
    }

    @Test
    void aTitleLongerThanATasksIsReported() {
        ObjectNode event = reminderFired();
        event.withObject("data").put("title", "x".repeat(501));

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.title: ");
    }

    /** A valid event: the reminder of a task due at an instant, fired a moment after it was due. */
    private static ObjectNode reminderFired() {
        // one occurrence, one id: derived from the reminder and when it was due
        ObjectNode event = TestEnvelopes.envelope(TYPE, "/task-service", TASK_ID)
                .put(
                        "id",
                        UUID.nameUUIDFromBytes("reminder/2026-12-01T08:30:00Z".getBytes())
                                .toString())
                .put("time", "2026-12-01T08:30:01.204Z");
        event.putObject("data")
                .put("reminderId", "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
                .put("taskId", TASK_ID)
                .put("title", "Write the report")
                .put("dueDate", "2026-12-01T09:00:00Z")
                .put("timeZone", "Europe/Berlin")
                .put("firedAt", "2026-12-01T08:30:01.204Z")
                .put("scheduledFor", "2026-12-01T08:30:00Z");
        return event;
    }
}
