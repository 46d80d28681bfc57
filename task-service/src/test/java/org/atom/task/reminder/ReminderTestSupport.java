package org.atom.task.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the reminder integration tests. */
final class ReminderTestSupport {

    private ReminderTestSupport() {}

    static String reminders(String taskId) {
        return "/api/tasks/" + taskId + "/reminders";
    }

    /** Adds a reminder (any JSON body) to the task and returns it; fails unless 201. */
    static JsonNode remind(TestHttp http, String user, String taskId, String body) {
        HttpResponse<String> response =
                http.post(reminders(taskId), body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    static JsonNode remindAt(TestHttp http, String user, String taskId, Instant at) {
        return remind(http, user, taskId, "{\"at\":\"" + at + "\"}");
    }

    static JsonNode get(TestHttp http, String user, String taskId, String id) {
        HttpResponse<String> response =
                http.get(reminders(taskId) + "/" + id).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** {@code nextFireAt} of the reminder, or null. */
    static String nextFireAt(TestHttp http, String user, String taskId, String id) {
        JsonNode next = get(http, user, taskId, id).path("nextFireAt");
        return next.isNull() ? null : next.asString();
    }
}
