package org.atom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.atom.contracts.EventContracts;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by auth-service's integration tests: accounts, sessions, problem and event checks. */
public final class AuthTestSupport {

    public static final String TOPIC = "auth-service.user.v1";
    /** Passes the password policy. */
    public static final String PASSWORD = "violet-harbor-engine-42";

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventContracts CONTRACTS = new EventContracts();

    private AuthTestSupport() {}

    /** A registered user and the session registration opened. */
    public record Session(String userId, String email, String accessToken, String refreshToken, JsonNode body) {}

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /**
     * A client address of its own for each caller, sent as X-Forwarded-For (trusted: the service runs with
     * server.forward-headers-strategy=framework), so tests never share a per-address throttle counter.
     */
    public static String uniqueAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public static Session register(TestHttp http, String email) {
        HttpResponse<String> response =
                http.post("/api/auth/register", """
                        {"email":"%s","password":"%s","name":"Test User"}""".formatted(email, PASSWORD)).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return session(email, response);
    }

    public static Session registerNew(TestHttp http, String who) {
        return register(http, uniqueEmail(who));
    }

    /**
     * A new administrator: registered, given ADMIN directly in the table (as a bootstrap would), logged in again
     * so the access token carries the role.
     */
    public static Session registerAdmin(TestHttp http, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        Session user = registerNew(http, "admin");
        jdbc.update("UPDATE user_account SET roles = '{ADMIN,USER}' WHERE id = ?::uuid", user.userId());
        return loginOk(http, user.email(), PASSWORD);
    }

    public static HttpResponse<String> login(TestHttp http, String email, String password, String address) {
        return http.post("/api/auth/login", """
                        {"email":"%s","password":"%s"}""".formatted(email, password))
                .header("X-Forwarded-For", address)
                .send();
    }

    public static Session loginOk(TestHttp http, String email, String password) {
        HttpResponse<String> response = login(http, email, password, uniqueAddress());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return session(email, response);
    }

    public static HttpResponse<String> refresh(TestHttp http, String refreshToken) {
        return http.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}")
                .send();
    }

    /** A session from a login response. */
    public static Session session(String email, HttpResponse<String> response) {
        JsonNode body = json(response);
        return new Session(
                body.path("user").path("id").asString(),
                email,
                body.path("accessToken").asString(),
                body.path("refreshToken").asString(),
                body);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A problem+json answer with the status, naming exactly these fields in errors[] (in any order). */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("error").asString())
                .isEqualTo(problem.path("detail").asString());
        if (fields.length > 0) {
            List<String> named = new ArrayList<>();
            problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
            assertThat(named).as(response.body()).containsExactlyInAnyOrder(fields);
        }
        return problem;
    }

    /** Waits for the event of the type about the user, checks it against its contract and returns it. */
    public static JsonNode awaitValidEvent(EventCapture events, String type, String userId) {
        JsonNode event = events.awaitEvents(
                        e -> type.equals(e.path("type").asString(null))
                                && userId.equals(e.path("subject").asString(null)),
                        1)
                .getFirst();
        CONTRACTS.assertValid(event.toString());
        assertThat(event.path("userid").asString()).isEqualTo(userId);
        assertThat(event.path("source").asString()).isEqualTo("/auth-service");
        return event;
    }

    /** Whether the contracts module has a data schema for the type (else only the envelope is checked). */
    public static boolean hasSchema(String type) {
        return CONTRACTS.hasSchema(type);
    }
}
