package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.TOPIC;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.awaitValidEvent;
import static org.atom.auth.AuthTestSupport.json;
import static org.atom.auth.AuthTestSupport.login;
import static org.atom.auth.AuthTestSupport.refresh;
import static org.atom.auth.AuthTestSupport.uniqueAddress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.AuthTestSupport.Session;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class AccountDeletionIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    /** TestHttp sends DELETE without a body; this one carries {@code {"currentPassword": …}}. */
    private HttpResponse<String> deleteWithBody(Session s, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/account"))
                            .method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + s.accessToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A session whose password was last entered 10 minutes ago (its new access token says so). */
    private Session staleSession() {
        Session s = AuthTestSupport.registerNew(http, "stale");
        jdbc.update(
                "UPDATE refresh_token_family SET authenticated_at = now() - interval '10 minutes' WHERE user_id = ?::uuid",
                s.userId());
        JsonNode refreshed = json(refresh(http, s.refreshToken()));
        return new Session(
                s.userId(),
                s.email(),
                refreshed.path("accessToken").asString(),
                refreshed.path("refreshToken").asString(),
                refreshed);
    }

    @Test
    void deletingRightAfterLoginErasesTheAccountAndPublishesDeleted() {
        Session ada = AuthTestSupport.registerNew(http, "delete");
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response =
                    http.delete("/api/auth/account").bearer(ada.accessToken()).send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            JsonNode event = awaitValidEvent(events, "atom.user.deleted.v1", ada.userId());
            assertThat(event.path("data").toString()).isEqualTo("{\"id\":\"" + ada.userId() + "\"}");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM user_account WHERE id = ?::uuid", Integer.class, ada.userId()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_token_family WHERE user_id = ?::uuid",
                        Integer.class,
                        ada.userId()))
                .isZero();
        assertProblem(login(http, ada.email(), PASSWORD, uniqueAddress()), 401);
        assertProblem(refresh(http, ada.refreshToken()), 401);
        assertProblem(http.get("/api/auth/profile").bearer(ada.accessToken()).send(), 404);

        // the address is free again: a new account with a new id
        Session again = AuthTestSupport.register(http, ada.email());
        assertThat(again.userId()).isNotEqualTo(ada.userId());
    }

    @Test
    void anOlderLoginMustConfirmWithTheCurrentPassword() throws Exception {
        Session stale = staleSession();

        assertProblem(
                http.delete("/api/auth/account").bearer(stale.accessToken()).send(), 403, "currentPassword");
        assertProblem(deleteWithBody(stale, "{\"currentPassword\":\"wrong-password-x\"}"), 403, "currentPassword");
        assertThat(http.get("/api/auth/profile")
                        .bearer(stale.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> deleted = deleteWithBody(stale, "{\"current_password\":\"" + PASSWORD + "\"}");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertProblem(login(http, stale.email(), PASSWORD, uniqueAddress()), 401);
    }

    @Test
    void deletingOneAccountLeavesOthersAlone() {
        Session ada = AuthTestSupport.registerNew(http, "iso-a");
        Session bob = AuthTestSupport.registerNew(http, "iso-b");

        http.delete("/api/auth/account").bearer(ada.accessToken()).send();

        assertThat(http.get("/api/auth/profile")
                        .bearer(bob.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);
        AuthTestSupport.loginOk(http, bob.email(), PASSWORD);
    }

    @Test
    void deletionNeedsAnAccessToken() {
        assertProblem(http.delete("/api/auth/account").send(), 401);
    }
}
