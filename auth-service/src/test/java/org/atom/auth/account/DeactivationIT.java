package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.TOPIC;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.awaitValidEvent;
import static org.atom.auth.AuthTestSupport.login;
import static org.atom.auth.AuthTestSupport.refresh;
import static org.atom.auth.AuthTestSupport.uniqueAddress;

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
class DeactivationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void deactivatingEndsEverySessionRefusesLoginAndIsPublished() {
        Session ada = AuthTestSupport.registerNew(http, "deact");
        Session other = AuthTestSupport.loginOk(http, ada.email(), PASSWORD);
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response = http.post("/api/auth/deactivate", null)
                    .bearer(ada.accessToken())
                    .send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertProblem(refresh(http, ada.refreshToken()), 401);
            assertProblem(refresh(http, other.refreshToken()), 401);
            // the right password gets 403 (the account exists but is off); a wrong one still the usual 401
            HttpResponse<String> refused = login(http, ada.email(), PASSWORD, uniqueAddress());
            assertProblem(refused, 403);
            assertThat(AuthTestSupport.json(refused).path("detail").asString()).contains("deactivated");
            assertProblem(login(http, ada.email(), "not-the-password", uniqueAddress()), 401);

            JsonNode event = awaitValidEvent(events, "atom.user.deactivated.v1", ada.userId());
            assertThat(event.path("data").path("active").asBoolean()).isFalse();
        }
    }

    @Test
    void anAdministratorCanReactivate() {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        Session ada = AuthTestSupport.registerNew(http, "react");
        http.post("/api/auth/deactivate", null).bearer(ada.accessToken()).send();
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response = http.post("/api/auth/admin/users/" + ada.userId() + "/reactivate", null)
                    .bearer(admin.accessToken())
                    .send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(AuthTestSupport.json(response).path("active").asBoolean())
                    .isTrue();
            AuthTestSupport.loginOk(http, ada.email(), PASSWORD);
            JsonNode event = awaitValidEvent(events, "atom.user.reactivated.v1", ada.userId());
            assertThat(event.path("data").path("active").asBoolean()).isTrue();
        }
    }

    @Test
    void deactivationNeedsAnAccessToken() {
        assertProblem(http.post("/api/auth/deactivate", null).send(), 401);
    }
}
