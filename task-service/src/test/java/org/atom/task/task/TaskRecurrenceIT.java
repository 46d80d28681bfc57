package org.atom.task.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Recurring tasks: completing an occurrence creates the next one, across month ends and DST changes. */
@TaskServiceContext
class TaskRecurrenceIT {

    @LocalServerPort
    int port;

    TestHttp http;
    String user;
    String title;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
        title = "series" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void theLastDayOfEachMonthFollowsFebruaryAndComesBackToThe31st() {
        JsonNode first = create(http, user, """
                {"title":"%s","dueDate":"2027-01-31","timeZone":"Europe/Berlin",
                 "recurrence":["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1"]}""".formatted(title));
        assertThat(first.path("seriesId").asString()).isEqualTo(first.path("id").asString());

        JsonNode second = completeAndFindNext(first);
        assertThat(second.path("dueDate").asString()).isEqualTo("2027-02-28");
        assertThat(second.path("status").asString()).isEqualTo("pending");
        assertThat(second.path("seriesId").asString())
                .isEqualTo(first.path("id").asString());
        assertThat(second.path("recurrence").get(0).asString()).startsWith("RRULE:FREQ=MONTHLY");

        JsonNode third = completeAndFindNext(second);
        assertThat(third.path("dueDate").asString()).isEqualTo("2027-03-31");
    }

    @Test
    void aWeeklyMeetingKeepsItsWallClockTimeAcrossTheSpringDstChange() {
        // 22 March 2027 09:00 in Berlin is 08:00 UTC; a week later, after 28 March, 09:00 is 07:00 UTC
        JsonNode first = create(http, user, """
                {"title":"%s","dueDate":"2027-03-22T09:00:00","timeZone":"Europe/Berlin",
                 "recurrence":["RRULE:FREQ=WEEKLY"]}""".formatted(title));
        assertThat(first.path("dueDate").asString()).isEqualTo("2027-03-22T08:00:00Z");

        JsonNode next = completeAndFindNext(first);

        assertThat(next.path("dueDate").asString()).isEqualTo("2027-03-29T07:00:00Z");
        assertThat(next.path("timeZone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void repeatingAfterCompletionCountsFromTheDayOfCompletion() {
        JsonNode first = create(http, user, """
                {"title":"%s","dueDate":"2026-01-10","timeZone":"UTC","repeatAfterCompletion":"P3D"}""".formatted(title));

        JsonNode next = completeAndFindNext(first);

        // completed today (UTC): due three days later, whatever the old due date was
        LocalDate completedOn = LocalDate.now(ZoneId.of("UTC"));
        assertThat(LocalDate.parse(next.path("dueDate").asString()))
                .isBetween(completedOn.plusDays(3), completedOn.plusDays(4));
        assertThat(next.path("repeatAfterCompletion").asString()).isEqualTo("P3D");
    }

    @Test
    void aFiniteSeriesEndsAndCompletingTwiceCreatesOneNextOccurrence() {
        JsonNode first = create(http, user, """
                {"title":"%s","dueDate":"2027-05-01","recurrence":["RRULE:FREQ=DAILY;COUNT=2"]}""".formatted(title));

        try (EventCapture events = EventCapture.on("task-service.task.v1")) {
            JsonNode second = completeAndFindNext(first);
            JsonNode created = events.awaitEvents(
                            e -> e.path("subject")
                                    .asString()
                                    .equals(second.path("id").asString()),
                            1)
                    .getFirst();
            assertThat(created.path("type").asString()).isEqualTo("atom.task.created.v1");
            CONTRACTS.assertValid(created.toString());
        }
        // reopening and completing again does not create a second next occurrence
        http.patch("/api/tasks/" + first.path("id").asString(), "{\"status\":\"pending\"}")
                .as(user)
                .send();
        http.patch("/api/tasks/" + first.path("id").asString(), "{\"status\":\"completed\"}")
                .as(user)
                .send();
        assertThat(series()).hasSize(2);

        JsonNode second = series().stream()
                .filter(t -> !t.path("id").asString().equals(first.path("id").asString()))
                .findFirst()
                .orElseThrow();
        http.patch("/api/tasks/" + second.path("id").asString(), "{\"status\":\"completed\"}")
                .as(user)
                .send();
        assertThat(series()).as("COUNT=2: the series is over").hasSize(2);
    }

    @Test
    void invalidRecurrenceIsA400NamingTheField() {
        assertThat(badField(http.post("/api/tasks", "{\"title\":\"t\",\"recurrence\":[\"RRULE:FREQ=DAILY\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("dueDate");
        assertThat(badField(http.post(
                                "/api/tasks",
                                "{\"title\":\"t\",\"dueDate\":\"2027-01-01\",\"recurrence\":[\"RRULE:FREQ=SOMETIMES\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("recurrence");
        assertThat(badField(http.post(
                                "/api/tasks",
                                "{\"title\":\"t\",\"dueDate\":\"2027-01-01\",\"recurrence\":[\"RRULE:FREQ=HOURLY\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("recurrence");
        assertThat(badField(
                        http.post("/api/tasks", "{\"title\":\"t\",\"dueDate\":\"2027-01-01\",\"recurrence\":\"daily\"}")
                                .as(user)
                                .send()))
                .isEqualTo("recurrence");
        assertThat(badField(http.post(
                                "/api/tasks",
                                "{\"title\":\"t\",\"dueDate\":\"2027-01-01\",\"repeatAfterCompletion\":\"3 days\"}")
                        .as(user)
                        .send()))
                .isEqualTo("repeatAfterCompletion");
        assertThat(badField(http.post("/api/tasks", """
                                {"title":"t","dueDate":"2027-01-01","recurrence":["RRULE:FREQ=DAILY"],
                                 "repeatAfterCompletion":"P1D"}""").as(user).send())).isEqualTo("recurrence");
        assertThat(json(http.get("/api/tasks?parentId=any").as(user).send())).isEmpty();
    }

    /** Completes the occurrence and returns the one it created. */
    private JsonNode completeAndFindNext(JsonNode occurrence) {
        var completed = http.patch("/api/tasks/" + occurrence.path("id").asString(), "{\"status\":\"completed\"}")
                .as(user)
                .send();
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        return series().stream()
                .filter(t -> t.path("status").asString().equals("pending"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no next occurrence of " + occurrence));
    }

    private List<JsonNode> series() {
        List<JsonNode> tasks = new ArrayList<>();
        json(http.get("/api/tasks?parentId=any&q=" + title).as(user).send()).forEach(tasks::add);
        return tasks;
    }
}
