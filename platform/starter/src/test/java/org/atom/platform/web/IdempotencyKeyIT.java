package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.platform.web.WebApi.SAMPLES;
import static org.atom.platform.web.WebApi.assertBadRequestNaming;
import static org.atom.platform.web.WebApi.assertProblem;
import static org.atom.platform.web.WebApi.json;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SampleServiceContext
class IdempotencyKeyIT {

    private static final String BODY = "{\"title\": \"pay the rent\", \"priority\": \"high\"}";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    TestHttp http;
    final String user = "user-" + UUID.randomUUID();
    final String key = UUID.randomUUID().toString();

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void repeatingAPostWithTheSameKeyReplaysTheFirstResponseAndCreatesOnce() {
        HttpResponse<String> first =
                http.post(SAMPLES, BODY).header("Idempotency-Key", key).as(user).send();
        HttpResponse<String> second =
                http.post(SAMPLES, BODY).header("Idempotency-Key", key).as(user).send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("ETag"))
                .isEqualTo(first.headers().firstValue("ETag"));
        assertThat(second.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(http.get(SAMPLES).as(user).send().headers().firstValue("X-Total-Count"))
                .hasValue("1");
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        http.post(SAMPLES, BODY).header("Idempotency-Key", key).as(user).send();

        HttpResponse<String> other = http.post(SAMPLES, "{\"title\": \"something else\", \"priority\": \"low\"}")
                .header("Idempotency-Key", key)
                .as(user)
                .send();

        assertProblem(other, 422);
        assertThat(http.get(SAMPLES).as(user).send().headers().firstValue("X-Total-Count"))
                .hasValue("1");
    }

    @Test
    void aDuplicateWhileTheFirstIsStillRunningIs409() {
        // the claim a first request holds while it runs: a row without a response yet
        new JdbcTemplate(dataSource)
                .update(
                        "INSERT INTO idempotency_key (user_id, route, idempotency_key, request_hash, created_at)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        user,
                        "POST " + SAMPLES,
                        key,
                        sha256(BODY),
                        OffsetDateTime.now());

        HttpResponse<String> duplicate =
                http.post(SAMPLES, BODY).header("Idempotency-Key", key).as(user).send();

        assertProblem(duplicate, 409);
        assertThat(http.get(SAMPLES).as(user).send().headers().firstValue("X-Total-Count"))
                .hasValue("0");
    }

    @Test
    void aFailedFirstAttemptLeavesTheKeyFreeForARetry() {
        HttpResponse<String> failed = http.post(SAMPLES, "{\"title\": \"\", \"priority\": \"high\"}")
                .header("Idempotency-Key", key)
                .as(user)
                .send();
        assertProblem(failed, 400);

        HttpResponse<String> retry =
                http.post(SAMPLES, BODY).header("Idempotency-Key", key).as(user).send();

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void keysAreScopedToTheUser() {
        String other = "user-" + UUID.randomUUID();

        HttpResponse<String> mine =
                http.post(SAMPLES, BODY).header("Idempotency-Key", key).as(user).send();
        HttpResponse<String> theirs = http.post(SAMPLES, BODY)
                .header("Idempotency-Key", key)
                .as(other)
                .send();

        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(json(theirs).path("id").asString())
                .isNotEqualTo(json(mine).path("id").asString());
    }

    @Test
    void aKeyLongerThan255CharactersIs400NamingTheHeader() {
        assertBadRequestNaming(
                http.post(SAMPLES, BODY)
                        .header("Idempotency-Key", "k".repeat(256))
                        .as(user)
                        .send(),
                "Idempotency-Key");
    }

    private static String sha256(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
