package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accounts and sessions through the gateway, as a client would hold them. */
final class Accounts {

    static final String PASSWORD = "correct-Horse-battery-9";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Accounts() {}

    /** What register, login and refresh hand a client. */
    record Session(String userId, String accessToken, String refreshToken) {}

    static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID() + "@e2e.atom.test";
    }

    static Session register(String email) {
        HttpResponse<String> response = RunningSuite.gateway()
                .post(
                        "/api/auth/register",
                        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"E2E\"}".formatted(email, PASSWORD))
                .send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return session(json(response));
    }

    private static boolean adminRegistered;

    /** A fresh session of the suite's bootstrap admin (registered by the first caller). */
    static synchronized Session bootstrapAdmin() {
        if (!adminRegistered) {
            Session registered = register(RunningSuite.BOOTSTRAP_ADMIN_EMAIL);
            adminRegistered = true;
            return registered;
        }
        HttpResponse<String> login = login(RunningSuite.BOOTSTRAP_ADMIN_EMAIL);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return session(json(login));
    }

    static HttpResponse<String> login(String email) {
        return RunningSuite.gateway()
                .post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD))
                .send();
    }

    static HttpResponse<String> refresh(String refreshToken) {
        return RunningSuite.gateway()
                .post("/api/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refreshToken))
                .send();
    }

    static Session session(JsonNode body) {
        String userId = body.path("user").path("id").asString(null);
        return new Session(
                userId,
                body.path("accessToken").asString(),
                body.path("refreshToken").asString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The decoded (unverified) JSON of a JWT's header ({@code part} 0) or payload (1). */
    static JsonNode jwtPart(String jwt, int part) {
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
    }
}
