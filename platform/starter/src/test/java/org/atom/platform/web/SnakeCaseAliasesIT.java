package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.platform.web.WebApi.SAMPLES;
import static org.atom.platform.web.WebApi.assertBadRequestNaming;
import static org.atom.platform.web.WebApi.create;
import static org.atom.platform.web.WebApi.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SampleServiceContext
class SnakeCaseAliasesIT {

    @LocalServerPort
    int port;

    TestHttp http;
    final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void bodiesAcceptTheOriginalSnakeCaseNamesAndAnswerInCamelCase() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": "legacy client", "priority": "low", "due_date": "2025-03-01T08:00:00Z"}""").as(user).send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.path("dueDate").asString()).isEqualTo("2025-03-01T08:00:00Z");
        assertThat(body.has("due_date")).isFalse();
    }

    @Test
    void sendingBothSpellingsOfABodyFieldIs400NamingIt() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": "x", "priority": "low",
                         "dueDate": "2025-03-01T08:00:00Z", "due_date": "2025-04-01T08:00:00Z"}""").as(user).send();

        assertThat(assertBadRequestNaming(response, "dueDate"))
                .isEqualTo("was sent twice, as 'dueDate' and 'due_date'; send one");
    }

    @Test
    void queryParametersAcceptTheOriginalSnakeCaseNames() {
        create(http, user, "apple pie");
        create(http, user, "banana bread");

        HttpResponse<String> snake =
                http.get(SAMPLES + "?title_contains=apple").as(user).send();
        HttpResponse<String> camel =
                http.get(SAMPLES + "?titleContains=apple").as(user).send();

        assertThat(titles(snake)).containsExactly("apple pie");
        assertThat(titles(camel)).containsExactly("apple pie");
        assertThat(snake.headers().firstValue("X-Total-Count")).hasValue("1");
    }

    @Test
    void sendingBothSpellingsOfAQueryParameterIs400NamingIt() {
        assertBadRequestNaming(
                http.get(SAMPLES + "?titleContains=a&title_contains=b").as(user).send(), "titleContains");
    }

    private static List<String> titles(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(response).forEach(item -> titles.add(item.path("title").asString()));
        return titles;
    }
}
