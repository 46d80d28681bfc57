package org.atom.task.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.reminder.ReminderTestSupport.nextFireAt;
import static org.atom.task.reminder.ReminderTestSupport.remind;
import static org.atom.task.reminder.ReminderTestSupport.remindAt;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A reminder's next occurrence follows its task: due date, zone, finishing and reopening. */
@TaskServiceContext
class ReminderSchedulingIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
    }

    @Test
    void relativeRemindersFollowTheDueDateAndAbsoluteOnesStay() {
        String task = create(http, user, "{\"title\":\"t\",\"dueDate\":\"2030-06-01T09:00:00Z\"}")
                .path("id")
                .asString();
        String relative =
                remind(http, user, task, "{\"minutesBefore\":30}").path("id").asString();
        Instant at = Instant.parse("2030-05-01T07:00:00Z");
        String absolute = remindAt(http, user, task, at).path("id").asString();

        update(task, "{\"dueDate\":\"2030-06-02T10:00:00Z\"}");
        assertThat(nextFireAt(http, user, task, relative)).isEqualTo("2030-06-02T09:30:00Z");
        assertThat(nextFireAt(http, user, task, absolute)).isEqualTo(at.toString());

        // all day in Tokyo (UTC+9), then the same day in New York (UTC-4 in June)
        update(task, "{\"dueDate\":\"2030-06-03\",\"timeZone\":\"Asia/Tokyo\"}");
        assertThat(nextFireAt(http, user, task, relative)).isEqualTo("2030-06-02T14:30:00Z");
        update(task, "{\"timeZone\":\"America/New_York\"}");
        assertThat(nextFireAt(http, user, task, relative)).isEqualTo("2030-06-03T03:30:00Z");

        update(task, "{\"dueDate\":null}");
        assertThat(nextFireAt(http, user, task, relative)).isNull();
        assertThat(nextFireAt(http, user, task, absolute)).isEqualTo(at.toString());
    }

    @Test
    void aRelativeReminderOfATaskWithoutDueDateWaitsForOne() {
        String task = create(http, user, "{\"title\":\"someday\"}").path("id").asString();
        String reminder =
                remind(http, user, task, "{\"minutesBefore\":60}").path("id").asString();
        assertThat(nextFireAt(http, user, task, reminder)).isNull();

        update(task, "{\"dueDate\":\"2030-06-01T09:00:00Z\"}");

        assertThat(nextFireAt(http, user, task, reminder)).isEqualTo("2030-06-01T08:00:00Z");
    }

    @Test
    void aDueDateMovedSoCloseThatTheOccurrenceHasPassedStopsTheRelativeReminder() {
        String task = create(http, user, "{\"title\":\"t\",\"dueDate\":\"2030-06-01T09:00:00Z\"}")
                .path("id")
                .asString();
        String reminder =
                remind(http, user, task, "{\"minutesBefore\":60}").path("id").asString();

        update(task, "{\"dueDate\":\"" + Instant.now().plus(10, ChronoUnit.MINUTES) + "\"}");

        assertThat(nextFireAt(http, user, task, reminder)).isNull();
    }

    @Test
    void finishingATaskStopsItsRemindersAndReopeningRestoresThoseStillToCome() {
        String task = create(http, user, "{\"title\":\"t\",\"dueDate\":\"2030-06-01T09:00:00Z\"}")
                .path("id")
                .asString();
        String relative =
                remind(http, user, task, "{\"minutesBefore\":30}").path("id").asString();
        String absolute = remindAt(http, user, task, Instant.parse("2030-05-01T07:00:00Z"))
                .path("id")
                .asString();
        String passed = remindAt(http, user, task, Instant.parse("2030-05-02T07:00:00Z"))
                .path("id")
                .asString();

        update(task, "{\"status\":\"completed\"}");
        assertThat(nextFireAt(http, user, task, relative)).isNull();
        assertThat(nextFireAt(http, user, task, absolute)).isNull();
        assertThat(nextFireAt(http, user, task, passed)).isNull();

        // while the task was done, one reminder's time went by (set here, as the clock cannot be moved)
        jdbc.update(
                "UPDATE task_reminder SET at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)),
                UUID.fromString(passed));
        update(task, "{\"status\":\"in_progress\"}");
        assertThat(nextFireAt(http, user, task, relative)).isEqualTo("2030-06-01T08:30:00Z");
        assertThat(nextFireAt(http, user, task, absolute)).isEqualTo("2030-05-01T07:00:00Z");
        assertThat(nextFireAt(http, user, task, passed)).isNull();

        update(task, "{\"status\":\"cancelled\"}");
        assertThat(nextFireAt(http, user, task, relative)).isNull();
        assertThat(nextFireAt(http, user, task, absolute)).isNull();
    }

    @Test
    void aReminderAddedToAFinishedTaskWaitsForItToReopen() {
        String task = create(http, user, "{\"title\":\"t\",\"status\":\"completed\",\"dueDate\":\"2030-06-01\"}")
                .path("id")
                .asString();
        String reminder =
                remind(http, user, task, "{\"minutesBefore\":0}").path("id").asString();
        assertThat(nextFireAt(http, user, task, reminder)).isNull();

        update(task, "{\"status\":\"pending\",\"timeZone\":\"UTC\"}");

        assertThat(nextFireAt(http, user, task, reminder)).isEqualTo("2030-06-01T00:00:00Z");
    }

    @Test
    void aSubtaskCompletedThroughItsParentStopsItsReminders() {
        JsonNode trip = create(http, user, "{\"title\":\"trip\",\"subtasks\":[{\"title\":\"pack\"}]}");
        String parent = trip.path("id").asString();
        String pack = trip.path("subtasks").get(0).path("id").asString();
        String reminder = remindAt(http, user, pack, Instant.parse("2030-05-01T07:00:00Z"))
                .path("id")
                .asString();

        update(parent, "{\"subtasks\":[{\"id\":\"" + pack + "\",\"title\":\"pack\",\"completed\":true}]}");

        assertThat(nextFireAt(http, user, pack, reminder)).isNull();
    }

    private void update(String task, String body) {
        HttpResponse<String> response =
                http.put("/api/tasks/" + task, body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
