package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.atom.testkit.SecurityObservations;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GatewayRoutingIT extends GatewayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The security chain as WebFlux runs it, decorated by Spring Security's configuration. */
    @Autowired
    WebFilterChainProxy security;

    @Test
    void aRequestWithoutATokenGetsA401Problem() {
        HttpResponse<String> response = http.get("/api/tasks").send();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("error").asString()).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aValidTokenIsRoutedToTheServiceWithTheTokenAndTheRequestId() {
        String token = TestJwtIssuer.get().token("user-1");

        HttpResponse<String> response = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get("/api/tasks?limit=5")
                                .bearer(token)
                                .header("X-Request-Id", "req-42")
                                .send(),
                        r -> r.statusCode() == 200);

        JsonNode echo = json(response);
        assertThat(echo.path("instance").asString()).isEqualTo(GatewaySuite.TASKS.instanceId);
        assertThat(echo.path("uri").asString()).isEqualTo("/api/tasks?limit=5");
        assertThat(echo.path("authorization").asString()).isEqualTo("Bearer " + token);
        assertThat(echo.path("x-request-id").asString()).isEqualTo("req-42");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42");
    }

    @Test
    void aLongTokenUnderTheSizeLimitIsRouted() {
        String token = TestJwtIssuer.get()
                .forUser("user-1")
                .claim("filler", "x".repeat(2_000))
                .sign();

        HttpResponse<String> response = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/tasks").bearer(token).send(), r -> r.statusCode() == 200);

        assertThat(json(response).path("authorization").asString()).isEqualTo("Bearer " + token);
    }

    @Test
    void aClientCannotChooseTheAddressesServicesSee() {
        String token = TestJwtIssuer.get().token("user-1");

        HttpResponse<String> response = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get("/api/tasks")
                                .bearer(token)
                                .header("X-Forwarded-For", "203.0.113.66")
                                .header("X-Forwarded-Host", "evil.example")
                                .header("X-Forwarded-Proto", "https")
                                .send(),
                        r -> r.statusCode() == 200);

        JsonNode echo = json(response);
        assertThat(echo.path("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
        // what the client really called: services build their links (paging, Location) from these
        assertThat(echo.path("x-forwarded-host").asString()).isEqualTo("127.0.0.1:" + port);
        assertThat(echo.path("x-forwarded-proto").asString()).isEqualTo("http");
        assertThat(echo.path("x-forwarded-port").asString()).isEqualTo(Integer.toString(port));
    }

    @Test
    void refreshAndLogoutPassTheirOpaqueTokenToAuthService() {
        // the original clients send the refresh token as a bearer token: not a JWT, and not the gateway's to judge
        for (String path : new String[] {"/api/auth/refresh", "/api/auth/logout"}) {
            HttpResponse<String> response =
                    http.post(path, "{}").bearer("opaque-refresh-token").send();
            assertThat(json(response).path("detail").asString()).as(path).contains("auth-service");
        }
        assertThat(http.post("/api/auth/profile", "{}")
                        .bearer("opaque-refresh-token")
                        .send()
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void tamperedUnsignedExpiredAndForeignTokensAreRejected() {
        TestJwtIssuer issuer = TestJwtIssuer.get();
        String valid = issuer.token("user-1");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        for (String token : new String[] {
            tampered,
            issuer.forUser("user-1").unsigned(),
            issuer.forUser("user-1")
                    .expiresAt(java.time.Instant.now().minusSeconds(120))
                    .sign(),
            issuer.forUser("user-1").audience("someone-else").sign(),
            issuer.forUser("user-1").issuer("http://127.0.0.1:9/not-trusted").sign(),
            issuer.forUser("user-1").signedHs256WithThePublicKey(),
            issuer.forUser("user-1")
                    .notBefore(java.time.Instant.now().plusSeconds(600))
                    .sign(),
            issuer.forUser("user-1").without("exp").sign(),
            parts[0] + "." + parts[1],
            "not-a-jwt",
            issuer.forUser("user-1").signedWithUnknownKey(),
            // over the 4096-character limit, well under the 8 KiB header limit
            issuer.forUser("user-1").claim("filler", "x".repeat(5_000)).sign()
        }) {
            assertThat(http.get("/api/tasks").bearer(token).send().statusCode()).isEqualTo(401);
        }
    }

    /**
     * A keep-alive connection that carried a rejected request with a large header (here a token over the size
     * limit) used to leave the next request on it unread until the client gave up; the gateway's own error responses
     * therefore close their connection.
     */
    @Test
    void aRejectedRequestNeverStallsTheConnectionItCameOn() throws Exception {
        TestJwtIssuer issuer = TestJwtIssuer.get();
        String valid = issuer.token("user-1");
        String oversize =
                issuer.forUser("user-1").claim("filler", "x".repeat(5_300)).sign();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks"))
                                .header("Authorization", "Bearer " + (i % 2 == 0 ? valid : oversize))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (i % 2 == 1) {
                    assertThat(response.statusCode()).isEqualTo(401);
                    assertThat(response.headers().firstValue("Connection")).hasValue("close");
                }
            }
        }
    }

    @Test
    void aServiceThatIsNotRunningAnswersA503ProblemAtOnce() {
        long started = System.nanoTime();
        HttpResponse<String> response =
                http.get("/api/finances/transactions").as("user-1").send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("detail").asString()).contains("finance-service");
        assertThat(json(response).path("instance").asString()).isEqualTo("/api/finances/transactions");
        // the bound is "well under 2 s"; the fallback answers without waiting on anything
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void publicCataloguesNeedNoToken() {
        // voice-service is not running: reaching its fallback proves the gateway let the request through
        assertThat(http.get("/api/voice/wake-words").send().statusCode()).isEqualTo(503);
        assertThat(http.post("/api/voice/wake-words", "{}").send().statusCode()).isEqualTo(401);
        HttpResponse<String> jwks = http.get("/.well-known/jwks.json").send();
        assertThat(jwks.statusCode()).isEqualTo(503);
        assertThat(json(jwks).path("detail").asString()).contains("auth-service");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> response = http.get("/api/tasks").send();

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void servicesActuatorEndpointsAreNeverRouted() {
        assertThat(http.get("/api/tasks/actuator/env").as("user-1").send().statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/tasks/%2e%2e/%2e%2e/actuator/env")
                        .as("user-1")
                        .send()
                        .statusCode())
                .isEqualTo(400);
    }

    /**
     * The gateway is stateless: its security chain never asks for a web session (Spring's defaults did on every
     * request — a session id generated on a blocking-capable thread and the request resumed on another).
     */
    @Test
    void theSecurityChainNeverAsksForAWebSession() {
        AtomicInteger sessionsAsked = new AtomicInteger();
        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        // the exchange asks its manager at once for the lazy session: count the subscriptions
        WebSessionManager counting = exchange -> Mono.defer(() -> {
            sessionsAsked.incrementAndGet();
            return sessions.getSession(exchange);
        });
        String token = TestJwtIssuer.get().token("user-1");
        List<String> passed = new ArrayList<>();
        for (MockServerHttpRequest request : List.of(
                MockServerHttpRequest.get("/api/tasks")
                        .header("Authorization", "Bearer " + token)
                        .build(),
                MockServerHttpRequest.get("/api/voice/wake-words").build(),
                MockServerHttpRequest.get("/api/tasks").build())) {
            MockServerWebExchange exchange = MockServerWebExchange.builder(request)
                    .sessionManager(counting)
                    .build();
            security.filter(exchange, e -> {
                        passed.add(e.getRequest().getPath().value());
                        return Mono.empty();
                    })
                    .block(Duration.ofSeconds(10));
        }

        // the valid token and the public path went through, the request without a token was answered 401
        assertThat(passed).containsExactly("/api/tasks", "/api/voice/wake-words");
        assertThat(sessionsAsked).hasValue(0);
    }

    /**
     * Spring Security records no observations, and so wraps none of its filters in the ones that would (each
     * request paid for them although nothing read them).
     */
    @Test
    void theSecurityChainRunsNoObservationWrappers() {
        List<String> observing = new ArrayList<>();
        for (MockServerHttpRequest request : List.of(
                MockServerHttpRequest.get("/api/tasks")
                        .header("Authorization", "Bearer " + TestJwtIssuer.get().token("user-1"))
                        .build(),
                MockServerHttpRequest.get("/api/voice/wake-words").build())) {
            security.filter(MockServerWebExchange.from(request), e -> {
                        observing.addAll(SecurityObservations.onTheStack());
                        observing.add("passed " + e.getRequest().getPath());
                        return Mono.empty();
                    })
                    .block(Duration.ofSeconds(10));
        }

        assertThat(observing).containsExactly("passed /api/tasks", "passed /api/voice/wake-words");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
