package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code atom.gateway.uploads} as configured in the gateway's application.yml: {@code /api/calendar/import} takes
 * 5 MB bodies and 2 minutes, every other path keeps 1 MB and the general (here test-sized, 2 s) response timeout.
 */
class GatewayUploadsIT extends GatewayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MB = 1024 * 1024;
    private static final String IMPORT = "/api/calendar/import";

    @BeforeEach
    void calendarServiceIsRoutable() {
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        http.get("/api/calendar/events").as("user-1").send().statusCode() == 200);
    }

    @Test
    void aThreeMegabyteImportReachesCalendarServiceWhileOtherPathsKeepTheOneMegabyteLimit() {
        HttpResponse<String> imported =
                http.post(IMPORT, "x".repeat(3 * MB)).as("user-1").send();

        assertThat(imported.statusCode()).isEqualTo(200);
        JsonNode echo = json(imported);
        assertThat(echo.path("instance").asString()).isEqualTo(GatewaySuite.CALENDAR.instanceId);
        assertThat(echo.path("uri").asString()).isEqualTo(IMPORT);
        assertThat(echo.path("bodyBytes").asLong()).isEqualTo(3 * MB);

        for (String path : new String[] {"/api/calendar/events", "/api/calendar/import/other", "/api/tasks"}) {
            HttpResponse<String> refused =
                    http.post(path, "x".repeat(MB + 1)).as("user-1").send();
            assertThat(refused.statusCode()).as(path).isEqualTo(413);
            assertThat(json(refused).path("detail").asString())
                    .as(path)
                    .isEqualTo("The request body is larger than 1048576 bytes");
        }
    }

    @Test
    void anImportOverFiveMegabytesIsRefusedWith413NamingTheLimit() {
        HttpResponse<String> declared =
                http.post(IMPORT, "x".repeat(5 * MB + 1)).as("user-1").send();

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(declared).path("detail").asString()).isEqualTo("The request body is larger than 5242880 bytes");
        assertThat(json(declared).path("instance").asString()).isEqualTo(IMPORT);
    }

    @Test
    void aChunkedImportIsCountedAgainstTheFiveMegabyteLimit() {
        HttpResponse<String> atTheLimit = postChunked(IMPORT, 5 * MB);
        assertThat(atTheLimit.statusCode()).isEqualTo(200);
        assertThat(json(atTheLimit).path("bodyBytes").asLong()).isEqualTo(5 * MB);
        assertThat(json(atTheLimit).path("transfer-encoding").asString()).isEqualTo("chunked");

        HttpResponse<String> over = postChunked(IMPORT, 5 * MB + 1);
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(json(over).path("detail").asString()).isEqualTo("The request body is larger than 5242880 bytes");
    }

    @Test
    void theImportRouteWaitsForASlowServiceWhereTheGeneralRouteGivesUp() {
        // the stub answers after 3 s: past the general 2 s, well within the import's 2 minutes
        CompletableFuture<HttpResponse<String>> general =
                CompletableFuture.supplyAsync(() -> http.post("/api/calendar/events", "{}")
                        .as("user-1")
                        .header("X-Stub-Delay-Millis", "3000")
                        .send());
        HttpResponse<String> imported = http.post(IMPORT, "BEGIN:VCALENDAR")
                .as("user-1")
                .header("X-Stub-Delay-Millis", "3000")
                .send();

        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(json(imported).path("instance").asString()).isEqualTo(GatewaySuite.CALENDAR.instanceId);
        HttpResponse<String> timedOut = general.join();
        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(json(timedOut).path("detail").asString())
                .isEqualTo("calendar-service is unavailable, try again shortly");
    }

    @Test
    void anImportTheServiceDropsGetsThe503FallbackAndIsNeverRetried() {
        String requestId = "import-" + UUID.randomUUID();

        HttpResponse<String> response = http.post(IMPORT, "BEGIN:VCALENDAR")
                .as("user-1")
                .header("X-Request-Id", requestId)
                .header("X-Stub-Drop", "true")
                .send();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(json(response).path("detail").asString()).contains("calendar-service");
        assertThat(json(response).path("instance").asString()).isEqualTo(IMPORT);
        assertThat(GatewaySuite.CALENDAR.received(requestId)).isEqualTo(1);

        // GETs on the path are retried twice, as on every REST route
        String getId = "import-get-" + UUID.randomUUID();
        assertThat(http.get(IMPORT)
                        .as("user-1")
                        .header("X-Request-Id", getId)
                        .header("X-Stub-Drop", "true")
                        .send()
                        .statusCode())
                .isEqualTo(503);
        assertThat(GatewaySuite.CALENDAR.received(getId)).isEqualTo(3);
    }

    /** Without Content-Length: the JDK client sends a body of unknown length chunked. */
    private HttpResponse<String> postChunked(String path, int bytes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestJwtIssuer.get().token("user-1"))
                .header("Content-Type", "text/calendar")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes])))
                .build();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
