package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atom.task.* events on task-service.task.v1, as task-service publishes them. */
class TaskEventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TASK_ID = "0b6c3f9e-2d4a-4e8b-9c1d-5f7a8b9c0d1e";
    private static final List<String> TASK_TYPES =
            List.of("atom.task.created.v1", "atom.task.updated.v1", "atom.task.completed.v1");

    private final EventContracts contracts = new EventContracts();

    @ParameterizedTest
    @ValueSource(strings = {"atom.task.created.v1", "atom.task.updated.v1", "atom.task.completed.v1"})
    void aCompleteTaskEventPasses(String type) {
        ObjectNode event = taskEvent(type);
        ObjectNode data = event.withObject("data")
                .put("description", "Quarterly figures for the board.\nWith the appendix.")
                .put("dueDate", "2026-03-15T14:30:00.250Z")
                .put("timeZone", "America/Argentina/Buenos_Aires")
                .put("deadline", "2026-03-31")
                .put("assignee", "Grace Hopper")
                .put("estimateMinutes", 90)
                .put("projectId", "5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b")
                .put("parentId", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")
                .put("position", 1536.5);
        data.putArray("tags").add("work").add("finance").add("q1");
        data.withArray("subtasks")
                .addObject()
                .put("id", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                .put("title", "Collect the numbers")
                .put("completed", true);
        data.withArray("subtasks")
                .addObject()
                .put("id", "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e")
                .put("title", "Draft the slides")
                .put("completed", false);
        if (type.equals("atom.task.completed.v1")) {
            data.put("status", "completed").put("completedAt", "2026-03-01T10:15:30Z");
        } else {
            data.putNull("completedAt");
        }

        assertThat(contracts.hasSchema(type)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom.task.created.v1", "atom.task.updated.v1"})
    void theNullableMembersMayBeNullOrAbsent(String type) {
        ObjectNode event = taskEvent(type);
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.withObject("data")
                .putNull("description")
                .putNull("dueDate")
                .putNull("timeZone")
                .putNull("deadline")
                .putNull("assignee")
                .putNull("estimateMinutes")
                .putNull("projectId")
                .putNull("parentId")
                .putNull("completedAt");
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "dueDate = {0}")
    @ValueSource(strings = {"2026-03-15", "2024-02-29", "2026-03-15T00:00:00Z", "2026-12-31T23:59:59.999999Z"})
    void theDueDateIsAnAllDayDateOrAUtcInstant(String dueDate) {
        ObjectNode event = taskEvent("atom.task.updated.v1");
        event.withObject("data").put("dueDate", dueDate).put("timeZone", "Europe/Berlin");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "status = {0}")
    @ValueSource(strings = {"pending", "in_progress", "completed", "cancelled"})
    void everyStatusIsAccepted(String status) {
        ObjectNode event = taskEvent("atom.task.updated.v1");
        event.withObject("data").put("status", status);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "priority = {0}")
    @ValueSource(strings = {"low", "medium", "high", "critical"})
    void everyPriorityIsAccepted(String priority) {
        ObjectNode event = taskEvent("atom.task.created.v1");
        event.withObject("data").put("priority", priority);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAllowedForAdditiveEvolution() {
        ObjectNode event = taskEvent("atom.task.updated.v1");
        event.withObject("data").put("color", "#ff8800").putObject("checklist").put("style", "compact");
        event.withObject("data")
                .withArray("subtasks")
                .addObject()
                .put("id", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                .put("title", "Review")
                .put("completed", false)
                .put("position", 2);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theBoundsOfTheLimitedMembersAreAccepted() {
        ObjectNode event = taskEvent("atom.task.created.v1");
        ObjectNode data = event.withObject("data")
                .put("title", "x".repeat(500))
                .put("description", "d".repeat(20000))
                .put("assignee", "a".repeat(200))
                .put("estimateMinutes", 100000)
                .put("position", -3)
                .put("version", 0);
        var tags = data.putArray("tags");
        for (int i = 0; i < 49; i++) {
            tags.add("tag-" + i);
        }
        tags.add("t".repeat(50));

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id",
                "title",
                "status",
                "priority",
                "isImportant",
                "tags",
                "position",
                "subtasks",
                "version",
                "createdAt",
                "updatedAt"
            })
    void eachMissingRequiredMemberIsReportedByName(String member) {
        for (String type : TASK_TYPES) {
            ObjectNode event = taskEvent(type);
            if (type.equals("atom.task.completed.v1")) {
                event.withObject("data").put("status", "completed").put("completedAt", "2026-03-01T10:15:30Z");
            }
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
                "id              | \"not-a-uuid\"                      | $.data.id",
                "id              | \"0b6c3f9e2d4a4e8b9c1d5f7a8b9c0d1e\" | $.data.id",
                "id              | null                                | $.data.id",
                "title           | \"\"                                | $.data.title",
                "title           | null                                | $.data.title",
                "description     | 42                                  | $.data.description",
                "status          | \"done\"                            | $.data.status",
                "status          | \"PENDING\"                         | $.data.status",
                "status          | \"in-progress\"                     | $.data.status",
                "priority        | \"urgent\"                          | $.data.priority",
                "priority        | null                                | $.data.priority",
                "dueDate         | \"2026-13-01\"                      | $.data.dueDate",
                "dueDate         | \"2026-02-30\"                      | $.data.dueDate",
                "dueDate         | \"2026-3-15\"                       | $.data.dueDate",
                "dueDate         | \"2026-12-01T10:00:00+01:00\"       | $.data.dueDate",
                "dueDate         | \"2026-12-01T10:00:00+00:00\"       | $.data.dueDate",
                "dueDate         | \"2026-12-01T10:00:00\"             | $.data.dueDate",
                "dueDate         | \"2026-12-01T10:00Z\"               | $.data.dueDate",
                "dueDate         | \"2026-12-01T25:00:00Z\"            | $.data.dueDate",
                "dueDate         | \"tomorrow\"                        | $.data.dueDate",
                "dueDate         | 1767225600000                       | $.data.dueDate",
                "timeZone        | \"Europe Berlin\"                   | $.data.timeZone",
                "timeZone        | \"+02:00\"                          | $.data.timeZone",
                "deadline        | \"2026-12-01T10:00:00Z\"            | $.data.deadline",
                "deadline        | \"2026-13-01\"                      | $.data.deadline",
                "isImportant     | \"yes\"                             | $.data.isImportant",
                "isImportant     | null                                | $.data.isImportant",
                "assignee        | 7                                   | $.data.assignee",
                "tags            | \"work\"                            | $.data.tags",
                "tags            | [\"work\", \"work\"]                | $.data.tags",
                "tags            | [\"\"]                              | $.data.tags[0]",
                "tags            | [42]                                | $.data.tags[0]",
                "tags            | null                                | $.data.tags",
                "estimateMinutes | 0                                   | $.data.estimateMinutes",
                "estimateMinutes | 100001                              | $.data.estimateMinutes",
                "estimateMinutes | 1.5                                 | $.data.estimateMinutes",
                "estimateMinutes | \"90\"                              | $.data.estimateMinutes",
                "projectId       | \"project-1\"                       | $.data.projectId",
                "parentId        | 42                                  | $.data.parentId",
                "position        | \"1\"                               | $.data.position",
                "position        | null                                | $.data.position",
                "subtasks        | {}                                  | $.data.subtasks",
                "subtasks        | [{\"title\": \"x\", \"completed\": false}] | $.data.subtasks[0]",
                "subtasks        | [{\"id\": \"nope\", \"title\": \"x\", \"completed\": false}] | $.data.subtasks[0].id",
                "subtasks        | [{\"id\": \"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\", \"title\": \"x\", \"completed\": \"no\"}] | $.data.subtasks[0].completed",
                "completedAt     | \"yesterday\"                       | $.data.completedAt",
                "version         | -1                                  | $.data.version",
                "version         | 1.5                                 | $.data.version",
                "createdAt       | \"2026-03-01 10:00\"                | $.data.createdAt",
                "updatedAt       | null                                | $.data.updatedAt",
            })
    void wronglyTypedOrFormattedMembersAreReportedAtTheirPath(String member, String json, String path) {
        ObjectNode event = taskEvent("atom.task.updated.v1");
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith(path));
    }

    @Test
    void anUnknownStatusIsReportedWithTheAllowedValues() {
        ObjectNode event = taskEvent("atom.task.created.v1");
        event.withObject("data").put("status", "archived");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.status: ")
                .contains("pending", "in_progress", "completed", "cancelled");
    }

    @Test
    void aDueDateWithAnOffsetOtherThanZIsReported() {
        ObjectNode event = taskEvent("atom.task.created.v1");
        event.withObject("data").put("dueDate", "2026-12-01T10:00:00+01:00");

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.dueDate"))
                .anySatisfy(v -> assertThat(v).contains("Z$"));
    }

    @Test
    void repeatedTagsAreReportedAsNotUnique() {
        ObjectNode event = taskEvent("atom.task.created.v1");
        event.withObject("data").putArray("tags").add("home").add("work").add("home");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.tags: ")
                .contains("unique");
    }

    @Test
    void tooManyOrTooLongTagsAreReported() {
        ObjectNode event = taskEvent("atom.task.created.v1");
        var tags = event.withObject("data").putArray("tags");
        for (int i = 0; i < 51; i++) {
            tags.add("tag-" + i);
        }
        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.tags: ");

        event.withObject("data").putArray("tags").add("t".repeat(51));
        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.tags[0]: ");
    }

    @ParameterizedTest(name = "{0} of length {1} is reported")
    @CsvSource({"title, 501", "description, 20001", "assignee, 201"})
    void tooLongTextIsReported(String member, int length) {
        ObjectNode event = taskEvent("atom.task.updated.v1");
        event.withObject("data").put(member, "x".repeat(length));

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data." + member + ": ");
    }

    @ParameterizedTest(name = "status = {0}")
    @ValueSource(strings = {"pending", "in_progress", "cancelled"})
    void aCompletedEventCarriesACompletedTask(String status) {
        ObjectNode event = taskEvent("atom.task.completed.v1");
        event.withObject("data").put("status", status).put("completedAt", "2026-03-01T10:15:30Z");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.status: ");
    }

    @Test
    void aCompletedEventCarriesCompletedAt() {
        ObjectNode event = taskEvent("atom.task.completed.v1");
        event.withObject("data").put("status", "completed");
        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'completedAt'");

        event.withObject("data").putNull("completedAt");
        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.completedAt: ");
    }

    @Test
    void theTaskDefinitionsAreNotAnEventType() {
        assertThat(contracts.hasSchema("defs.task")).isFalse();
        assertThat(contracts.hasSchema("defs/task")).isFalse();
    }

    /** A valid event of the type with the smallest valid task: required members only, status pending. */
    static ObjectNode taskEvent(String type) {
        ObjectNode event = envelope(type);
        ObjectNode data = event.putObject("data")
                .put("id", TASK_ID)
                .put("title", "Prepare the quarterly report")
                .put("status", "pending")
                .put("priority", "medium")
                .put("isImportant", false);
        data.putArray("tags");
        data.put("position", 1024);
        data.putArray("subtasks");
        data.put("version", 3).put("createdAt", "2026-02-01T08:00:00Z").put("updatedAt", "2026-03-01T10:15:30Z");
        return event;
    }

    private static ObjectNode envelope(String type) {
        return TestEnvelopes.envelope(type, "/task-service", TASK_ID);
    }
}
