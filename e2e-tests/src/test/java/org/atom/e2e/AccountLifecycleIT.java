package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;

import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.atom.e2e.Accounts.Session;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The bootstrap admin, deactivation (by the user and by an admin) and account deletion, through the gateway, with
 * the events other services rely on read from the suite's Kafka.
 */
@ExtendWith(RunningSuite.class)
class AccountLifecycleIT {

    private final TestHttp gateway = RunningSuite.gateway();

    @Test
    void theBootstrapAdminEmailRegistersAnAdminAndOnlyAdminsManageUsers() {
        Session admin = Accounts.bootstrapAdmin();
        Session user = Accounts.register(Accounts.uniqueEmail("plain"));

        HttpResponse<String> me =
                gateway.get("/api/auth/profile").bearer(admin.accessToken()).send();
        assertThat(json(me).path("roles").toString()).contains("ADMIN");
        assertThat(gateway.get("/api/auth/admin/users?limit=5")
                        .bearer(admin.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused =
                gateway.get("/api/auth/admin/users").bearer(user.accessToken()).send();
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void deactivatingOneselfEndsEverySessionAndPublishesTheEvent() {
        String email = Accounts.uniqueEmail("leaving");
        try (EventCapture users =
                EventCapture.at(RunningSuite.suite().kafkaBootstrapServers(), "auth-service.user.v1")) {
            Session session = Accounts.register(email);

            HttpResponse<String> deactivated = gateway.post("/api/auth/deactivate", "")
                    .bearer(session.accessToken())
                    .send();

            assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
            assertThat(Accounts.refresh(session.refreshToken()).statusCode()).isEqualTo(401);
            assertThat(Accounts.login(email).statusCode()).isIn(401, 403);
            users.awaitEvents(event("atom.user.deactivated.v1", session.userId()), 1);
        }
    }

    @Test
    void anAdminDeactivatesAndReactivatesAUser() {
        Session admin = Accounts.bootstrapAdmin();
        String email = Accounts.uniqueEmail("suspended");
        Session user = Accounts.register(email);

        HttpResponse<String> deactivated = gateway.post("/api/auth/admin/users/" + user.userId() + "/deactivate", "")
                .bearer(admin.accessToken())
                .send();
        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        assertThat(json(deactivated).path("active").asBoolean()).isFalse();
        assertThat(Accounts.refresh(user.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(Accounts.login(email).statusCode()).isIn(401, 403);

        HttpResponse<String> reactivated = gateway.post("/api/auth/admin/users/" + user.userId() + "/reactivate", "")
                .bearer(admin.accessToken())
                .send();
        assertThat(reactivated.statusCode()).isEqualTo(200);
        assertThat(Accounts.login(email).statusCode()).isEqualTo(200);
    }

    @Test
    void deletingTheAccountErasesItAndTellsEveryService() {
        String email = Accounts.uniqueEmail("erased");
        try (EventCapture users =
                EventCapture.at(RunningSuite.suite().kafkaBootstrapServers(), "auth-service.user.v1")) {
            Session session = Accounts.register(email);

            HttpResponse<String> deleted = gateway.delete("/api/auth/account")
                    .bearer(session.accessToken())
                    .send();

            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            JsonNode event = users.awaitEvents(event("atom.user.deleted.v1", session.userId()), 1)
                    .getFirst();
            assertThat(event.path("data").toString()).doesNotContain("password");
            assertThat(Accounts.refresh(session.refreshToken()).statusCode()).isEqualTo(401);
            assertThat(Accounts.login(email).statusCode()).isEqualTo(401);
            // the email is free again: a new, different account
            assertThat(Accounts.register(email).userId()).isNotEqualTo(session.userId());
        }
    }

    private static Predicate<JsonNode> event(String type, String userId) {
        return event -> type.equals(event.path("type").asString())
                && userId.equals(event.path("userid").asString());
    }
}
