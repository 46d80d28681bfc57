package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.TOPIC;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.awaitValidEvent;
import static org.atom.auth.AuthTestSupport.json;
import static org.atom.auth.AuthTestSupport.uniqueEmail;

import java.net.http.HttpResponse;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.AuthTestSupport.Session;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class ProfileIT {

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    private HttpResponse<String> get(Session s) {
        return http.get("/api/auth/profile").bearer(s.accessToken()).send();
    }

    private HttpResponse<String> put(Session s, String body) {
        return http.put("/api/auth/profile", body).bearer(s.accessToken()).send();
    }

    private HttpResponse<String> patch(Session s, String body) {
        return http.patch("/api/auth/profile", body)
                .bearer(s.accessToken())
                .header("Content-Type", "application/merge-patch+json")
                .send();
    }

    @Test
    void theProfileIsTheCallersOwnWithAnETag() {
        Session ada = AuthTestSupport.registerNew(http, "ada");
        Session bob = AuthTestSupport.registerNew(http, "bob");

        HttpResponse<String> response = get(ada);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = json(response);
        assertThat(user.path("id").asString()).isEqualTo(ada.userId());
        assertThat(user.path("email").asString()).isEqualTo(ada.email());
        assertThat(user.toString()).doesNotContainIgnoringCase("password");
        assertThat(response.headers().firstValue("ETag"))
                .hasValue("\"" + user.path("version").asLong() + "\"");
        assertThat(json(get(bob)).path("id").asString()).isEqualTo(bob.userId());

        HttpResponse<String> notModified = http.get("/api/auth/profile")
                .bearer(ada.accessToken())
                .header("If-None-Match", response.headers().firstValue("ETag").orElseThrow())
                .send();
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void withoutAValidAccessTokenTheProfileIsUnauthorized() {
        assertProblem(http.get("/api/auth/profile").send(), 401);
        assertProblem(http.get("/api/auth/profile").bearer("not.a.token").send(), 401);
        Session ada = AuthTestSupport.registerNew(http, "opaque");
        // a refresh token is no access token
        assertProblem(http.get("/api/auth/profile").bearer(ada.refreshToken()).send(), 401);
    }

    @Test
    void putChangesOnlyTheFieldsSentAndNullClears() {
        Session ada = AuthTestSupport.registerNew(http, "put");
        try (EventCapture events = EventCapture.on(TOPIC)) {
            put(ada, "{\"preferences\":{\"theme\":\"dark\",\"lang\":\"en\"}}");

            HttpResponse<String> response = put(ada, """
                    {"name":"Ada Byron","time_zone":"America/New_York","preferences":{"theme":"light"},
                     "workingHours":{"monday":{"start":"10:00","end":"18:00"}}}""");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode user = json(response);
            assertThat(user.path("name").asString()).isEqualTo("Ada Byron");
            assertThat(user.path("timeZone").asString()).isEqualTo("America/New_York");
            assertThat(user.path("email").asString()).isEqualTo(ada.email());
            // PUT replaces a field's value as a whole
            assertThat(user.path("preferences").toString()).isEqualTo("{\"theme\":\"light\"}");
            assertThat(user.path("workingHours").path("monday").toString())
                    .isEqualTo("{\"start\":\"10:00\",\"end\":\"18:00\"}");
            assertThat(user.path("workingHours").path("tuesday").isNull()).isTrue();
            assertThat(response.headers().firstValue("ETag"))
                    .hasValue("\"" + user.path("version").asLong() + "\"");

            awaitValidEvent(events, "atom.user.updated.v1", ada.userId());
            JsonNode event = events.awaitEvents(
                            e -> ada.userId().equals(e.path("subject").asString(null))
                                    && "atom.user.updated.v1"
                                            .equals(e.path("type").asString(null)),
                            2)
                    .get(1);
            assertThat(event.path("data")).isEqualTo(user);
            assertThat(event.path("data").path("timeZone").asString()).isNotBlank();

            JsonNode cleared = json(put(ada, "{\"preferences\":null,\"workingHours\":null,\"locale\":null}"));
            assertThat(cleared.path("preferences").toString()).isEqualTo("{}");
            assertThat(cleared.path("workingHours")
                            .path("tuesday")
                            .path("start")
                            .asString())
                    .isEqualTo("09:00");
            assertThat(cleared.path("locale").asString()).isEqualTo("en-US");
            assertThat(cleared.path("name").asString()).isEqualTo("Ada Byron");
        }
    }

    @Test
    void patchMergesNestedObjects() {
        Session ada = AuthTestSupport.registerNew(http, "patch");
        put(ada, "{\"preferences\":{\"theme\":\"dark\",\"notifications\":{\"email\":true,\"push\":true}}}");

        HttpResponse<String> response = patch(ada, """
                {"preferences":{"notifications":{"push":false,"email":null}},
                 "workingHours":{"friday":null,"saturday":{"start":"09:00","end":"12:00"}}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode user = json(response);
        assertThat(user.path("preferences").toString())
                .isEqualTo("{\"theme\":\"dark\",\"notifications\":{\"push\":false}}");
        assertThat(user.path("workingHours").path("monday").path("start").asString())
                .isEqualTo("09:00");
        assertThat(user.path("workingHours").path("friday").isNull()).isTrue();
        assertThat(user.path("workingHours").path("saturday").path("end").asString())
                .isEqualTo("12:00");
    }

    @Test
    void anUnchangedProfileKeepsItsVersionAndPublishesNothing() {
        Session ada = AuthTestSupport.registerNew(http, "same");
        long version = json(get(ada)).path("version").asLong();

        JsonNode user = json(put(ada, "{\"name\":\"Test User\",\"timeZone\":\"UTC\"}"));

        assertThat(user.path("version").asLong()).isEqualTo(version);
    }

    @Test
    void invalidValuesAreEachNamed() {
        Session ada = AuthTestSupport.registerNew(http, "bad");
        assertProblem(
                put(ada, "{\"name\":null,\"timeZone\":\"Nowhere/City\",\"locale\":\"!!\",\"preferences\":[]}"),
                400,
                "name",
                "timeZone",
                "locale",
                "preferences");
        assertProblem(
                patch(
                        ada,
                        "{\"workingHours\":{\"monday\":{\"start\":\"18:00\"},\"sunday\":{\"start\":\"x\",\"end\":\"10:00\"}}}"),
                400,
                "workingHours.monday.end",
                "workingHours.sunday.start");
        assertProblem(put(ada, "{\"email\":\"nope\"}"), 400, "email");
        assertProblem(put(ada, "[1]"), 400, "$");
    }

    @Test
    void passwordAndRolesCannotBeChangedThroughTheProfile() {
        Session ada = AuthTestSupport.registerNew(http, "roles");
        assertProblem(put(ada, "{\"password\":\"another-long-password\"}"), 400, "password");
        assertProblem(patch(ada, "{\"roles\":[\"ADMIN\"]}"), 400, "roles");
        assertProblem(put(ada, "{\"unknownThing\":1}"), 400, "unknownThing");
        assertThat(json(get(ada)).path("roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void aStaleIfMatchIsPreconditionFailedAndAStaleVersionAConflict() {
        Session ada = AuthTestSupport.registerNew(http, "etag");
        String etag = get(ada).headers().firstValue("ETag").orElseThrow();
        long version = json(get(ada)).path("version").asLong();
        put(ada, "{\"name\":\"First Change\"}");

        assertProblem(
                http.put("/api/auth/profile", "{\"name\":\"Second\"}")
                        .bearer(ada.accessToken())
                        .header("If-Match", etag)
                        .send(),
                412);
        assertProblem(put(ada, "{\"name\":\"Second\",\"version\":" + version + "}"), 409);
        String current = get(ada).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> ok = http.put("/api/auth/profile", "{\"name\":\"Second\"}")
                .bearer(ada.accessToken())
                .header("If-Match", current)
                .send();
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void changingTheEmailNeedsTheCurrentPassword() {
        Session ada = AuthTestSupport.registerNew(http, "mail");
        String newEmail = uniqueEmail("mail-new");

        assertProblem(put(ada, "{\"email\":\"" + newEmail + "\"}"), 403, "currentPassword");
        assertProblem(
                put(ada, "{\"email\":\"" + newEmail + "\",\"currentPassword\":\"wrong-password-here\"}"),
                403,
                "currentPassword");

        HttpResponse<String> ok =
                put(ada, "{\"email\":\"" + newEmail + "\",\"current_password\":\"" + PASSWORD + "\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).path("email").asString()).isEqualTo(newEmail);
        AuthTestSupport.loginOk(http, newEmail, PASSWORD);

        // only the letter case: the same address, no password needed
        HttpResponse<String> recased = put(ada, "{\"email\":\"" + newEmail.toUpperCase() + "\"}");
        assertThat(recased.statusCode()).as(recased.body()).isEqualTo(200);
    }

    @Test
    void anotherUsersEmailCannotBeTaken() {
        Session ada = AuthTestSupport.registerNew(http, "taken-a");
        Session bob = AuthTestSupport.registerNew(http, "taken-b");

        HttpResponse<String> response =
                put(bob, "{\"email\":\"" + ada.email().toUpperCase() + "\",\"currentPassword\":\"" + PASSWORD + "\"}");

        assertProblem(response, 409, "email");
        assertThat(json(get(ada)).path("email").asString()).isEqualTo(ada.email());
        assertThat(json(get(bob)).path("email").asString()).isEqualTo(bob.email());
    }

    @Test
    void oneUsersChangesNeverReachAnotherUser() {
        Session ada = AuthTestSupport.registerNew(http, "iso-a");
        Session bob = AuthTestSupport.registerNew(http, "iso-b");
        JsonNode adaBefore = json(get(ada));

        put(bob, "{\"name\":\"Bob Changed\",\"preferences\":{\"x\":1}}");
        patch(bob, "{\"timeZone\":\"Asia/Tokyo\"}");

        assertThat(json(get(ada))).isEqualTo(adaBefore);
    }
}
