package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.json;
import static org.atom.auth.AuthTestSupport.login;
import static org.atom.auth.AuthTestSupport.refresh;
import static org.atom.auth.AuthTestSupport.uniqueAddress;

import java.net.http.HttpResponse;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.AuthTestSupport.Session;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AuthServiceContext
class PasswordChangeIT {

    private static final String NEW_PASSWORD = "quiet-lantern-meadow-17";

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    private HttpResponse<String> change(Session s, String body) {
        return http.post("/api/auth/change-password", body)
                .bearer(s.accessToken())
                .send();
    }

    @Test
    void changingThePasswordKeepsThisSessionAndEndsTheOthers() {
        Session here = AuthTestSupport.registerNew(http, "change");
        Session elsewhere = AuthTestSupport.loginOk(http, here.email(), PASSWORD);

        HttpResponse<String> response =
                change(here, "{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(PASSWORD, NEW_PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("message").asString()).isEqualTo("Password changed successfully");
        assertProblem(login(http, here.email(), PASSWORD, uniqueAddress()), 401);
        AuthTestSupport.loginOk(http, here.email(), NEW_PASSWORD);
        assertProblem(refresh(http, elsewhere.refreshToken()), 401);
        assertThat(refresh(http, here.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theOriginalSnakeCaseNamesWork() {
        Session s = AuthTestSupport.registerNew(http, "snake");
        HttpResponse<String> response =
                change(s, "{\"current_password\":\"%s\",\"new_password\":\"%s\"}".formatted(PASSWORD, NEW_PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void theNewPasswordFollowsThePasswordRules() {
        Session s = AuthTestSupport.registerNew(http, "rules");
        assertProblem(
                change(s, "{\"currentPassword\":\"%s\",\"newPassword\":\"tooshort\"}".formatted(PASSWORD)),
                400,
                "newPassword");
        assertProblem(
                change(s, "{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(PASSWORD, s.email())),
                400,
                "newPassword");
        assertProblem(
                change(s, "{\"currentPassword\":\"%s\",\"newPassword\":\"iloveyou2024!!\"}".formatted(PASSWORD)),
                400,
                "newPassword");
        assertProblem(change(s, "{}"), 400, "currentPassword", "newPassword");
        assertProblem(
                change(s, "{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(PASSWORD, PASSWORD)),
                400,
                "newPassword");
    }

    @Test
    void aWrongCurrentPasswordIsRefused() {
        Session s = AuthTestSupport.registerNew(http, "wrong");
        assertProblem(
                change(s, "{\"currentPassword\":\"not-my-password\",\"newPassword\":\"%s\"}".formatted(NEW_PASSWORD)),
                403,
                "currentPassword");
        AuthTestSupport.loginOk(http, s.email(), PASSWORD);
    }

    @Test
    void oneUsersChangeLeavesOtherUsersAlone() {
        Session ada = AuthTestSupport.registerNew(http, "iso-a");
        Session bob = AuthTestSupport.registerNew(http, "iso-b");

        change(ada, "{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(PASSWORD, NEW_PASSWORD));

        AuthTestSupport.loginOk(http, bob.email(), PASSWORD);
        assertThat(refresh(http, bob.refreshToken()).statusCode()).isEqualTo(200);
    }
}
