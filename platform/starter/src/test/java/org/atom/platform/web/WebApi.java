package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions and shortcuts the web integration tests share (stateless). */
final class WebApi {

    static final String SAMPLES = "/api/web-samples";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private WebApi() {}

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** An RFC 9457 problem of ours: the status, problem+json, every member, and {@code error} = detail. */
    static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        for (String member : List.of("type", "title", "detail", "instance", "error")) {
            assertThat(problem.path(member).isString())
                    .as(member + " in " + response.body())
                    .isTrue();
        }
        assertThat(problem.path("error").asString())
                .isEqualTo(problem.path("detail").asString());
        return problem;
    }

    /** A 400 problem whose {@code errors[]} names the field; returns that entry's message. */
    static String assertBadRequestNaming(HttpResponse<String> response, String field) {
        JsonNode problem = assertProblem(response, 400);
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            fields.add(error.path("field").asString());
            if (error.path("field").asString().equals(field)) {
                assertThat(error.path("message").asString()).isNotBlank();
                return error.path("message").asString();
            }
        }
        throw new AssertionError("no error names '" + field + "', only " + fields + ": " + response.body());
    }

    /** Creates a sample as the user and returns it as the API answered. */
    static JsonNode create(TestHttp http, String user, String title) {
        HttpResponse<String> response =
                http.post(SAMPLES, """
                        {"title": "%s", "priority": "medium"}""".formatted(title)).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }
}
