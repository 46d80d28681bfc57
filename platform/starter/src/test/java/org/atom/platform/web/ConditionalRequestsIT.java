package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.platform.web.WebApi.SAMPLES;
import static org.atom.platform.web.WebApi.assertProblem;
import static org.atom.platform.web.WebApi.create;
import static org.atom.platform.web.WebApi.json;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SampleServiceContext
class ConditionalRequestsIT {

    @LocalServerPort
    int port;

    TestHttp http;
    final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void aReadCarriesTheVersionAsETagAndIfNoneMatchAnswers304() {
        String id = create(http, user, "cached").path("id").asString();

        HttpResponse<String> read = http.get(SAMPLES + "/" + id).as(user).send();
        assertThat(read.headers().firstValue("ETag")).hasValue("\"0\"");

        HttpResponse<String> again = http.get(SAMPLES + "/" + id)
                .header("If-None-Match", "\"0\"")
                .as(user)
                .send();
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue("\"0\"");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String id = create(http, user, "original").path("id").asString();
        assertThat(http.put(SAMPLES + "/" + id, "{\"title\":\"first edit\"}")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> stale = http.put(SAMPLES + "/" + id, "{\"title\":\"lost edit\"}")
                .header("If-Match", "\"0\"")
                .as(user)
                .send();

        assertProblem(stale, 412);
        JsonNode current = json(http.get(SAMPLES + "/" + id).as(user).send());
        assertThat(current.path("title").asString()).isEqualTo("first edit");
        assertThat(current.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void aCurrentIfMatchUpdatesAndAnswersTheNewETag() {
        String id = create(http, user, "original").path("id").asString();

        HttpResponse<String> updated = http.put(SAMPLES + "/" + id, "{\"title\":\"edited\"}")
                .header("If-Match", "\"0\"")
                .as(user)
                .send();

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(updated).path("title").asString()).isEqualTo("edited");
    }

    @Test
    void aStaleVersionInTheBodyIs409AndChangesNothing() {
        String id = create(http, user, "original").path("id").asString();
        http.put(SAMPLES + "/" + id, "{\"title\":\"first edit\",\"version\":0}")
                .as(user)
                .send();

        HttpResponse<String> stale = http.put(SAMPLES + "/" + id, "{\"title\":\"lost edit\",\"version\":0}")
                .as(user)
                .send();

        assertProblem(stale, 409);
        assertThat(json(http.get(SAMPLES + "/" + id).as(user).send())
                        .path("title")
                        .asString())
                .isEqualTo("first edit");
    }

    @Test
    void deleteAnswers204AndHonoursIfMatch() {
        String id = create(http, user, "doomed").path("id").asString();

        assertProblem(
                http.delete(SAMPLES + "/" + id)
                        .header("If-Match", "\"7\"")
                        .as(user)
                        .send(),
                412);
        assertThat(http.delete(SAMPLES + "/" + id)
                        .header("If-Match", "\"0\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(204);
        assertProblem(http.get(SAMPLES + "/" + id).as(user).send(), 404);
    }
}
