package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GatewayLimitsIT extends GatewayIT {

    @Test
    void aBurstOfLoginsGets429WithRetryAfter() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(http.post("/api/auth/login", "{\"email\":\"a@b.c\",\"password\":\"x\"}")
                    .send());
        }

        // the test budget is 5 per minute per client IP
        assertThat(responses.subList(0, 5))
                .allSatisfy(r -> assertThat(r.statusCode()).isNotEqualTo(429));
        HttpResponse<String> limited = responses.getLast();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void manyConcurrentRequestsToOneRouteAreAllServed() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/tasks").as("burst-user").send().statusCode() == 200);

        // more in flight at once than Resilience4j's default bulkhead (25), each held by the service for a while
        List<Future<HttpResponse<String>>> inFlight = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                inFlight.add(clients.submit(() -> http.get("/api/tasks")
                        .as("burst-user")
                        .header("X-Stub-Delay-Millis", "500")
                        .send()));
            }
        }

        for (Future<HttpResponse<String>> response : inFlight) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTwoMegabyteBodyIsRefusedWith413() {
        String body = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        HttpResponse<String> response =
                http.post("/api/tasks", body).as("user-1").send();

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":413");
    }

    @Test
    void corsPreflightPassesForAConfiguredOriginOnly() {
        // the allowed origin comes from config/gateway.yml, served by config-server
        HttpResponse<String> allowed = preflight("http://localhost:5173");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

        HttpResponse<String> refused = preflight("http://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) {
        return http.options("/api/tasks")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .send();
    }
}
