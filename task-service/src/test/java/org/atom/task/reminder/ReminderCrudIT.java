package org.atom.task.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.reminder.ReminderTestSupport.get;
import static org.atom.task.reminder.ReminderTestSupport.remind;
import static org.atom.task.reminder.ReminderTestSupport.remindAt;
import static org.atom.task.reminder.ReminderTestSupport.reminders;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.atom.task.TaskServiceContext;
import org.atom.task.TaskTestSupport;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@TaskServiceContext
class ReminderCrudIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String user;
    String taskId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
        taskId = create(http, user, "{\"title\":\"report\",\"dueDate\":\"2030-06-01T09:00:00Z\"}")
                .path("id")
                .asString();
    }

    @Test
    void anAbsoluteReminderIsCreatedWithLocationListedAndRead() {
        Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> response = http.post(
                        reminders(taskId), "{\"at\":\"" + at.atOffset(ZoneOffset.ofHours(2)) + "\"}")
                .as(user)
                .send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode reminder = json(response);
        String id = reminder.path("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue(reminders(taskId) + "/" + id);
        assertThat(reminder.path("taskId").asString()).isEqualTo(taskId);
        assertThat(reminder.path("kind").asString()).isEqualTo("absolute");
        assertThat(reminder.path("at").asString()).isEqualTo(at.toString());
        assertThat(reminder.path("minutesBefore").isNull()).isTrue();
        assertThat(reminder.path("nextFireAt").asString()).isEqualTo(at.toString());
        assertThat(reminder.path("firedAt").isNull()).isTrue();
        assertThat(reminder.path("createdAt").asString()).endsWith("Z");

        assertThat(get(http, user, taskId, id)).isEqualTo(reminder);
        JsonNode list = json(http.get(reminders(taskId)).as(user).send());
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(reminder);
    }

    @Test
    void aRelativeReminderFiresItsMinutesBeforeTheDueInstant() {
        JsonNode reminder = remind(http, user, taskId, "{\"minutes_before\":30}");

        assertThat(reminder.path("kind").asString()).isEqualTo("relative");
        assertThat(reminder.path("minutesBefore").asInt()).isEqualTo(30);
        assertThat(reminder.path("at").isNull()).isTrue();
        assertThat(reminder.path("nextFireAt").asString()).isEqualTo("2030-06-01T08:30:00Z");
        assertThat(remind(http, user, taskId, "{\"minutesBefore\":0}")
                        .path("nextFireAt")
                        .asString())
                .isEqualTo("2030-06-01T09:00:00Z");
    }

    @Test
    void aRelativeReminderOfAnAllDayTaskCountsFromTheStartOfThatDayInTheTasksZone() {
        String allDay = create(
                        http, user, "{\"title\":\"t\",\"dueDate\":\"2030-06-01\",\"timeZone\":\"Europe/Berlin\"}")
                .path("id")
                .asString();

        // midnight in Berlin (CEST) is 22:00Z the day before; an hour earlier
        assertThat(remind(http, user, allDay, "{\"minutesBefore\":60}")
                        .path("nextFireAt")
                        .asString())
                .isEqualTo("2030-05-31T21:00:00Z");
    }

    @Test
    void aLocalAtIsReadInTheTasksTimeZone() {
        String newYork = create(
                        http,
                        user,
                        "{\"title\":\"t\",\"dueDate\":\"2030-06-02T09:00:00\",\"timeZone\":\"America/New_York\"}")
                .path("id")
                .asString();

        assertThat(remind(http, user, newYork, "{\"at\":\"2030-06-01T08:00:00\"}")
                        .path("at")
                        .asString())
                .isEqualTo("2030-06-01T12:00:00Z");
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndCreatesNothing() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{}", "at");
        cases.put("{\"at\":null}", "at");
        cases.put("{\"at\":\"tomorrow\"}", "at");
        cases.put("{\"at\":\"2030-06-01\"}", "at");
        cases.put("{\"at\":\"2030-02-30T10:00:00Z\"}", "at");
        cases.put("{\"at\":1893456000}", "at");
        cases.put("{\"at\":\"2020-01-01T10:00:00Z\"}", "at");
        cases.put("{\"minutesBefore\":-1}", "minutesBefore");
        cases.put("{\"minutesBefore\":525601}", "minutesBefore");
        cases.put("{\"minutesBefore\":1.5}", "minutesBefore");
        cases.put("{\"minutesBefore\":\"30\"}", "minutesBefore");
        cases.put("{\"minutesBefore\":null}", "minutesBefore");
        cases.put("{\"at\":\"2030-06-01T08:00:00Z\",\"minutesBefore\":30}", "minutesBefore");
        cases.put("[]", "body");

        cases.forEach((body, field) -> assertThat(
                        badField(http.post(reminders(taskId), body).as(user).send()))
                .as(body)
                .isEqualTo(field));
        assertThat(http.post(reminders(taskId), "{\"at\":").as(user).send().statusCode())
                .isEqualTo(400);
        assertThat(badField(http.get("/api/tasks/not-a-uuid/reminders").as(user).send()))
                .isEqualTo("taskId");
        assertThat(json(http.get(reminders(taskId)).as(user).send())).isEmpty();
    }

    @Test
    void aReminderThatWouldFireInThePastIsRefused() {
        Instant justPassed = Instant.now().minusSeconds(1);
        assertThat(badField(http.post(reminders(taskId), "{\"at\":\"" + justPassed + "\"}")
                        .as(user)
                        .send()))
                .isEqualTo("at");

        String dueSoon = create(
                        http,
                        user,
                        "{\"title\":\"t\",\"dueDate\":\"" + Instant.now().plusSeconds(600) + "\"}")
                .path("id")
                .asString();
        assertThat(badField(http.post(reminders(dueSoon), "{\"minutesBefore\":15}")
                        .as(user)
                        .send()))
                .isEqualTo("minutesBefore");
        assertThat(remind(http, user, dueSoon, "{\"minutesBefore\":5}")
                        .path("nextFireAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void anIdempotencyKeyCreatesOnceAndReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = http.post(reminders(taskId), "{\"minutesBefore\":15}")
                .header("Idempotency-Key", key)
                .as(user)
                .send();
        HttpResponse<String> again = http.post(reminders(taskId), "{\"minutesBefore\":15}")
                .header("Idempotency-Key", key)
                .as(user)
                .send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again)).isEqualTo(json(first));
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(json(http.get(reminders(taskId)).as(user).send())).hasSize(1);
    }

    @Test
    void aTaskHoldsAtMostTwentyReminders() {
        for (int i = 0; i < 20; i++) {
            remind(http, user, taskId, "{\"minutesBefore\":" + i + "}");
        }

        HttpResponse<String> oneTooMany =
                http.post(reminders(taskId), "{\"minutesBefore\":60}").as(user).send();

        assertThat(oneTooMany.statusCode()).as(oneTooMany.body()).isEqualTo(409);
        assertThat(json(http.get(reminders(taskId)).as(user).send())).hasSize(20);
    }

    @Test
    void deletingAReminderIs204AndItIsGone() {
        String id =
                remind(http, user, taskId, "{\"minutesBefore\":10}").path("id").asString();
        String kept =
                remind(http, user, taskId, "{\"minutesBefore\":20}").path("id").asString();

        assertThat(http.delete(reminders(taskId) + "/" + id).as(user).send().statusCode())
                .isEqualTo(204);

        assertThat(http.get(reminders(taskId) + "/" + id).as(user).send().statusCode())
                .isEqualTo(404);
        assertThat(http.delete(reminders(taskId) + "/" + id).as(user).send().statusCode())
                .isEqualTo(404);
        assertThat(json(http.get(reminders(taskId)).as(user).send()))
                .singleElement()
                .satisfies(r -> assertThat(r.path("id").asString()).isEqualTo(kept));
    }

    @Test
    void anotherUsersTaskAndItsRemindersAreNotFoundForEveryVerb() {
        String id =
                remind(http, user, taskId, "{\"minutesBefore\":10}").path("id").asString();
        String other = newUser();
        String othersTask =
                create(http, other, "{\"title\":\"theirs\"}").path("id").asString();

        assertThat(http.get(reminders(taskId)).as(other).send().statusCode()).isEqualTo(404);
        assertThat(http.get(reminders(taskId) + "/" + id).as(other).send().statusCode())
                .isEqualTo(404);
        assertThat(http.post(reminders(taskId), "{\"minutesBefore\":5}")
                        .as(other)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.delete(reminders(taskId) + "/" + id).as(other).send().statusCode())
                .isEqualTo(404);
        // the reminder through a task of the caller's that it does not belong to
        assertThat(http.get(reminders(othersTask) + "/" + id).as(other).send().statusCode())
                .isEqualTo(404);
        assertThat(http.delete(reminders(othersTask) + "/" + id)
                        .as(other)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get(reminders(UUID.randomUUID().toString()))
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);

        assertThat(json(http.get(reminders(taskId)).as(user).send())).hasSize(1);
    }

    @Test
    void deletingATaskDeletesItsReminders() {
        remindAt(http, user, taskId, Instant.now().plus(1, ChronoUnit.DAYS));
        remind(http, user, taskId, "{\"minutesBefore\":10}");

        assertThat(http.delete("/api/tasks/" + taskId).as(user).send().statusCode())
                .isEqualTo(204);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM task_reminder WHERE task_id = ?::uuid", Long.class, taskId))
                .isZero();
        assertThat(http.get(reminders(taskId)).as(user).send().statusCode()).isEqualTo(404);
    }

    @Test
    void withoutATokenEverythingIs401() {
        assertThat(http.get(reminders(taskId)).send().statusCode()).isEqualTo(401);
        assertThat(http.post(reminders(taskId), "{\"minutesBefore\":5}").send().statusCode())
                .isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentListsTheReminderEndpoints() {
        JsonNode document =
                TaskTestSupport.JSON.readTree(http.get("/v3/api-docs").send().body());

        assertThat(document.path("paths").propertyNames())
                .contains("/api/tasks/{taskId}/reminders", "/api/tasks/{taskId}/reminders/{id}");
        assertThat(document.path("paths")
                        .path("/api/tasks/{taskId}/reminders")
                        .path("post")
                        .path("requestBody")
                        .toString())
                .contains("NewReminder");
    }
}
