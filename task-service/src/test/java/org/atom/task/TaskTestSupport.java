package org.atom.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.atom.contracts.EventContracts;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by task-service's integration tests. */
public final class TaskTestSupport {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final EventContracts CONTRACTS = new EventContracts();

    private TaskTestSupport() {}

    /** A user id no other test uses. */
    public static String newUser() {
        return UUID.randomUUID().toString();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Creates a task (any JSON body) and returns it; fails unless 201. */
    public static JsonNode create(TestHttp http, String user, String body) {
        HttpResponse<String> response = http.post("/api/tasks", body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    /** Creates a project (any JSON body) and returns it; fails unless 201. */
    public static JsonNode createProject(TestHttp http, String user, String body) {
        HttpResponse<String> response =
                http.post("/api/projects", body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    /** The problem's single {@code errors[].field}, after checking it is a 400 problem+json. */
    public static String badField(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return json(response).path("errors").get(0).path("field").asString();
    }

    /**
     * Sends the same create twice under one {@code Idempotency-Key}, then another body under it: created once, the
     * first response replayed, the different body refused with 422.
     */
    public static void assertCreatedOnceUnderOneIdempotencyKey(
            TestHttp http, String user, String path, String body, String otherBody) {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first =
                http.post(path, body).header("Idempotency-Key", key).as(user).send();
        HttpResponse<String> again =
                http.post(path, body).header("Idempotency-Key", key).as(user).send();
        HttpResponse<String> different = http.post(path, otherBody)
                .header("Idempotency-Key", key)
                .as(user)
                .send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).path("id")).isEqualTo(json(first).path("id"));
        assertThat(different.statusCode()).isEqualTo(422);
    }

    /** Another user gets 404 for every verb on the resource, exactly as for one that does not exist. */
    public static void assertNotFoundForEveryVerb(TestHttp http, String otherUser, String path, String change) {
        assertThat(http.get(path).as(otherUser).send().statusCode()).as("GET").isEqualTo(404);
        assertThat(http.put(path, change).as(otherUser).send().statusCode())
                .as("PUT")
                .isEqualTo(404);
        assertThat(http.patch(path, change).as(otherUser).send().statusCode())
                .as("PATCH")
                .isEqualTo(404);
        assertThat(http.delete(path).as(otherUser).send().statusCode())
                .as("DELETE")
                .isEqualTo(404);
    }
}
