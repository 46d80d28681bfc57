package org.atom.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.testkit.EventCapture;
import org.atom.testkit.SecurityObservations;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import tools.jackson.databind.JsonNode;

@SampleServiceContext
class ObservabilityIT {

    @LocalServerPort
    int port;

    @Autowired
    SampleItemListener listener;

    @Autowired
    FilterChainProxy security;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void aTraceIdCrossesTheHttpCallAndTheKafkaHop() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (EventCapture capture = EventCapture.on(SampleItemService.TOPIC)) {
            HttpResponse<String> created = http.post("/api/samples", "{\"title\":\"traced\"}")
                    .as("user-" + UUID.randomUUID())
                    .header("traceparent", traceparent)
                    .send();
            assertThat(created.statusCode()).isEqualTo(201);
            String itemId =
                    created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

            JsonNode event = capture.awaitEvents(
                            e -> itemId.equals(e.path("subject").asString()), 1)
                    .getFirst();
            assertThat(event.path("traceparent").asString()).startsWith("00-" + traceId + "-");
            var header = capture.records().stream()
                    .filter(r -> r.value().contains(itemId))
                    .findFirst()
                    .orElseThrow()
                    .headers()
                    .lastHeader("traceparent");
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");

            String eventId = event.path("id").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> listener.traceIds.containsKey(eventId));
            assertThat(listener.traceIds.get(eventId)).isEqualTo(traceId);
        }
    }

    @Test
    void everyResponseCarriesARequestIdAndAClientOneIsKept() {
        HttpResponse<String> anonymous =
                http.get("/api/samples/" + UUID.randomUUID()).send();
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("X-Request-Id")).isPresent();

        HttpResponse<String> kept = http.get("/api/samples/" + UUID.randomUUID())
                .header("X-Request-Id", "req-123")
                .send();
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("req-123");

        HttpResponse<String> unsafe = http.get("/api/samples/" + UUID.randomUUID())
                .header("X-Request-Id", "bad id\twith spaces")
                .send();
        assertThat(unsafe.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).isNotEqualTo("bad id\twith spaces"));
    }

    @Test
    void prometheusMetricsAreServedWithoutAToken() {
        HttpResponse<String> response = http.get("/actuator/prometheus").send();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("atom_outbox_published_total");
    }

    @Test
    void healthHasLivenessAndReadinessGroups() {
        assertThat(http.get("/actuator/health/liveness").send().body()).contains("\"status\":\"UP\"");
        assertThat(http.get("/actuator/health/readiness").send().body()).contains("\"status\":\"UP\"");
    }

    /**
     * Spring Security records no observations, and so wraps none of its filters in the ones that would (each
     * request paid for them although nothing read them).
     */
    @Test
    void theSecurityFiltersRunNoObservationWrappers() throws Exception {
        List<String> observing = new ArrayList<>();
        security.doFilter(
                new MockHttpServletRequest("GET", "/actuator/info"),
                new MockHttpServletResponse(),
                (request, response) -> {
                    observing.addAll(SecurityObservations.onTheStack());
                    observing.add("passed");
                });

        assertThat(observing).containsExactly("passed");
    }
}
