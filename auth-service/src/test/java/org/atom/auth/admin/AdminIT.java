package org.atom.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.TOPIC;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.awaitValidEvent;
import static org.atom.auth.AuthTestSupport.json;
import static org.atom.auth.AuthTestSupport.refresh;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
class AdminIT {

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
    void nonAdministratorsAreForbiddenEverywhere() {
        Session user = AuthTestSupport.registerNew(http, "plain");
        String id = user.userId();
        assertProblem(
                http.get("/api/auth/admin/users").bearer(user.accessToken()).send(), 403);
        assertProblem(
                http.post("/api/auth/admin/users/" + id + "/deactivate", null)
                        .bearer(user.accessToken())
                        .send(),
                403);
        assertProblem(
                http.post("/api/auth/admin/users/" + id + "/reactivate", null)
                        .bearer(user.accessToken())
                        .send(),
                403);
        assertProblem(
                http.put("/api/auth/admin/users/" + id + "/roles", "{\"roles\":[\"USER\",\"ADMIN\"]}")
                        .bearer(user.accessToken())
                        .send(),
                403);
        assertProblem(
                http.post("/api/auth/admin/keys/rotate", null)
                        .bearer(user.accessToken())
                        .send(),
                403);
        assertProblem(http.get("/api/auth/admin/users").send(), 401);
        assertThat(json(http.get("/api/auth/profile").bearer(user.accessToken()).send())
                        .path("roles")
                        .toString())
                .isEqualTo("[\"USER\"]");
    }

    @Test
    void theListPagesWithACursorAndCountsEverythingMatching() {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        String tag = "pager" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(AuthTestSupport.registerNew(http, tag).userId());
        }

        HttpResponse<String> first = http.get("/api/auth/admin/users?q=" + tag.toUpperCase() + "&limit=2")
                .bearer(admin.accessToken())
                .send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("3");
        List<String> seen = new ArrayList<>();
        json(first).forEach(u -> seen.add(u.path("id").asString()));
        assertThat(seen).hasSize(2);
        String link = first.headers().firstValue("Link").orElseThrow();
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        URI nextUri = URI.create(next);
        HttpResponse<String> second = http.get(nextUri.getRawPath() + "?" + nextUri.getRawQuery())
                .bearer(admin.accessToken())
                .send();
        json(second).forEach(u -> seen.add(u.path("id").asString()));
        assertThat(second.headers().firstValue("Link")).isEmpty();
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(json(second).get(0).toString()).doesNotContainIgnoringCase("password");
    }

    @Test
    void theListFiltersByActive() {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        String tag = "filter" + UUID.randomUUID().toString().substring(0, 6);
        Session on = AuthTestSupport.registerNew(http, tag);
        Session off = AuthTestSupport.registerNew(http, tag);
        http.post("/api/auth/deactivate", null).bearer(off.accessToken()).send();

        JsonNode inactive = json(http.get("/api/auth/admin/users?q=" + tag + "&active=false")
                .bearer(admin.accessToken())
                .send());
        JsonNode active = json(http.get("/api/auth/admin/users?q=" + tag + "&active=true")
                .bearer(admin.accessToken())
                .send());

        assertThat(inactive.size()).isEqualTo(1);
        assertThat(inactive.get(0).path("id").asString()).isEqualTo(off.userId());
        assertThat(active.size()).isEqualTo(1);
        assertThat(active.get(0).path("id").asString()).isEqualTo(on.userId());
        assertProblem(
                http.get("/api/auth/admin/users?limit=0")
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "limit");
        assertProblem(
                http.get("/api/auth/admin/users?cursor=garbage")
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "cursor");
        assertProblem(
                http.get("/api/auth/admin/users?active=maybe")
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "active");
    }

    @Test
    void anAdministratorDeactivatesAnAccount() {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        Session ada = AuthTestSupport.registerNew(http, "target");
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response = http.post("/api/auth/admin/users/" + ada.userId() + "/deactivate", null)
                    .bearer(admin.accessToken())
                    .send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("active").asBoolean()).isFalse();
            assertProblem(refresh(http, ada.refreshToken()), 401);
            awaitValidEvent(events, "atom.user.deactivated.v1", ada.userId());
        }
        assertProblem(
                http.post("/api/auth/admin/users/" + admin.userId() + "/deactivate", null)
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "id");
        assertProblem(
                http.post("/api/auth/admin/users/" + UUID.randomUUID() + "/deactivate", null)
                        .bearer(admin.accessToken())
                        .send(),
                404);
        assertProblem(
                http.post("/api/auth/admin/users/not-a-uuid/deactivate", null)
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "id");
    }

    @Test
    void rolesAreSetByAnAdministratorAndReachTheNextToken() throws Exception {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        Session ada = AuthTestSupport.registerNew(http, "promote");
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response = http.put(
                            "/api/auth/admin/users/" + ada.userId() + "/roles", "{\"roles\":[\"ADMIN\",\"USER\"]}")
                    .bearer(admin.accessToken())
                    .send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
            JsonNode event = awaitValidEvent(events, "atom.user.updated.v1", ada.userId());
            assertThat(event.path("data").path("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
        }
        String next =
                json(refresh(http, ada.refreshToken())).path("accessToken").asString();
        assertThat(SignedJWT.parse(next).getJWTClaimsSet().getStringListClaim("roles"))
                .containsExactly("ADMIN", "USER");
        assertThat(http.get("/api/auth/admin/users?limit=1").bearer(next).send().statusCode())
                .isEqualTo(200);

        HttpResponse<String> demoted = http.put("/api/auth/admin/users/" + ada.userId() + "/roles", "{\"roles\":[]}")
                .bearer(admin.accessToken())
                .send();
        assertThat(json(demoted).path("roles").toString()).isEqualTo("[\"USER\"]");
        AuthTestSupport.loginOk(http, ada.email(), PASSWORD);
    }

    @Test
    void roleChangesAreValidatedAndAnAdministratorKeepsTheirOwnAdminRole() {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        Session ada = AuthTestSupport.registerNew(http, "roles-bad");
        String path = "/api/auth/admin/users/" + ada.userId() + "/roles";

        assertProblem(
                http.put(path, "{\"roles\":[\"USER\",\"ROOT\"]}")
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "roles[1]");
        assertProblem(http.put(path, "{}").bearer(admin.accessToken()).send(), 400, "roles");
        assertProblem(
                http.put("/api/auth/admin/users/" + admin.userId() + "/roles", "{\"roles\":[\"USER\"]}")
                        .bearer(admin.accessToken())
                        .send(),
                400,
                "roles");
        assertProblem(
                http.put("/api/auth/admin/users/" + UUID.randomUUID() + "/roles", "{\"roles\":[\"USER\"]}")
                        .bearer(admin.accessToken())
                        .send(),
                404);
    }
}
