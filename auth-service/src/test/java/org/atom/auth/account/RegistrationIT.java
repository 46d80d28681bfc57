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
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class RegistrationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    private HttpResponse<String> register(String body) {
        return http.post("/api/auth/register", body).send();
    }

    @Test
    void registeringCreatesTheAccountWithDefaultsAndOpensASession() {
        String email = uniqueEmail("ada");
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response = register("""
                    {"email":"%s","password":"%s","name":"  Ada Lovelace "}""".formatted(email, PASSWORD));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).hasValue("/api/auth/profile");
            JsonNode body = json(response);
            assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
            assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
            assertThat(body.path("accessToken").asString()).contains(".");
            assertThat(body.path("refreshToken").asString()).hasSizeGreaterThanOrEqualTo(43);
            JsonNode user = body.path("user");
            assertThat(user.path("email").asString()).isEqualTo(email);
            assertThat(user.path("name").asString()).isEqualTo("Ada Lovelace");
            assertThat(user.path("timeZone").asString()).isEqualTo("UTC");
            assertThat(user.path("locale").asString()).isEqualTo("en-US");
            assertThat(user.path("roles").toString()).isEqualTo("[\"USER\"]");
            assertThat(user.path("active").asBoolean()).isTrue();
            assertThat(user.path("preferences").isObject()).isTrue();
            assertThat(user.path("workingHours").toString())
                    .isEqualTo("{\"monday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                            + "\"tuesday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                            + "\"wednesday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                            + "\"thursday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                            + "\"friday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                            + "\"saturday\":null,\"sunday\":null}");
            assertThat(user.path("createdAt").asString()).endsWith("Z");
            assertThat(body.toString()).doesNotContainIgnoringCase("hash").doesNotContain(PASSWORD);

            JsonNode event = awaitValidEvent(
                    events, "atom.user.registered.v1", user.path("id").asString());
            JsonNode data = event.path("data").deepCopy();
            assertThat(data).isEqualTo(user);
        }
    }

    @Test
    void originalSnakeCaseFieldsAndEveryProfileFieldAreAccepted() {
        HttpResponse<String> response = register("""
                {"email":"%s","password":"%s","name":"Grace","time_zone":"Europe/Paris","locale":"fr-ca",
                 "preferences":{"theme":"dark","notifications":{"email":true}},
                 "advanced_settings":{"privacy":{"shareUsage":false}},
                 "working_hours":{"monday":{"start":"08:30","end":"12:00"},"friday":null,"saturday":{"start":"10:00","end":"14:00"}}}""".formatted(uniqueEmail("grace"), PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode user = json(response).path("user");
        assertThat(user.path("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(user.path("locale").asString()).isEqualTo("fr-CA");
        assertThat(user.path("preferences").path("notifications").path("email").asBoolean())
                .isTrue();
        assertThat(user.path("advancedSettings")
                        .path("privacy")
                        .path("shareUsage")
                        .asBoolean())
                .isFalse();
        JsonNode hours = user.path("workingHours");
        assertThat(hours.path("monday").toString()).isEqualTo("{\"start\":\"08:30\",\"end\":\"12:00\"}");
        assertThat(hours.path("tuesday").path("start").asString()).isEqualTo("09:00");
        assertThat(hours.path("friday").isNull()).isTrue();
        assertThat(hours.path("saturday").path("end").asString()).isEqualTo("14:00");
    }

    @Test
    void anEmailAlreadyRegisteredInAnyLetterCaseIsAConflict() {
        String email = uniqueEmail("dup");
        AuthTestSupport.register(http, email);

        HttpResponse<String> again = register("""
                {"email":"%s","password":"%s","name":"Someone Else"}""".formatted(email.toUpperCase(), PASSWORD));

        assertProblem(again, 409, "email");
        assertThat(json(again).path("error").asString()).isEqualTo("User with this email already exists");
    }

    @Test
    void passwordsAreStoredAsArgon2idWithTheOwaspParameters() {
        AuthTestSupport.Session session = AuthTestSupport.registerNew(http, "hash");

        String hash = jdbc.queryForObject(
                "SELECT password_hash FROM user_account WHERE id = ?::uuid", String.class, session.userId());

        PasswordHasher.Parameters parameters = PasswordHasher.Parameters.of(hash);
        assertThat(parameters).isNotNull();
        assertThat(parameters.type()).isEqualTo("argon2id");
        assertThat(parameters.version()).isEqualTo(19);
        assertThat(parameters.memoryKib()).isEqualTo(19456);
        assertThat(parameters.iterations()).isEqualTo(2);
        assertThat(parameters.parallelism()).isEqualTo(1);
        assertThat(hash).doesNotContain(PASSWORD);
    }

    @Test
    void missingFieldsAreEachNamed() {
        assertProblem(register("{}"), 400, "email", "password", "name");
    }

    @Test
    void invalidEmailIsNamed() {
        assertProblem(register("""
                {"email":"not-an-email","password":"%s","name":"Test User"}""".formatted(PASSWORD)), 400, "email");
        assertProblem(register("""
                {"email":"a@b","password":"%s","name":"Test User"}""".formatted(PASSWORD)), 400, "email");
    }

    @Test
    void passwordRulesAreEnforcedAndNamed() {
        String email = uniqueEmail("pw");
        assertProblem(register("""
                {"email":"%s","password":"short-pw1","name":"Test User"}""".formatted(email)), 400, "password");
        assertProblem(register("""
                {"email":"%s","password":"%s","name":"Test User"}""".formatted(email, email.toUpperCase())), 400, "password");
        assertProblem(register("""
                {"email":"%s","password":"Password1234!","name":"Test User"}""".formatted(email)), 400, "password");
        assertProblem(register("""
                {"email":"%s","password":"123456789012","name":"Test User"}""".formatted(email)), 400, "password");
    }

    @Test
    void nameTimeZoneAndLocaleAreValidated() {
        String email = uniqueEmail("fields");
        assertProblem(register("""
                {"email":"%s","password":"%s","name":" A ","timeZone":"Mars/Olympus","locale":"not a tag"}""".formatted(email, PASSWORD)), 400, "name", "timeZone", "locale");
    }

    @Test
    void workingHoursAreValidatedPerDay() {
        String email = uniqueEmail("hours");
        assertProblem(
                register("""
                {"email":"%s","password":"%s","name":"Test User","workingHours":{
                  "monday":{"start":"17:00","end":"09:00"},
                  "tuesday":{"start":"9am","end":"17:00"},
                  "funday":{"start":"09:00","end":"10:00"},
                  "wednesday":{"start":"09:00"}}}""".formatted(email, PASSWORD)),
                400,
                "workingHours.monday.end",
                "workingHours.tuesday.start",
                "workingHours.funday",
                "workingHours.wednesday.end");
        assertProblem(register("""
                {"email":"%s","password":"%s","name":"Test User","workingHours":{"monday":"09:00-17:00"}}""".formatted(email, PASSWORD)), 400, "workingHours.monday");
    }

    @Test
    void preferencesMustBeBoundedObjectsWithoutPasswords() {
        String email = uniqueEmail("prefs");
        assertProblem(register("""
                {"email":"%s","password":"%s","name":"Test User","preferences":[1,2],"advancedSettings":"x"}""".formatted(email, PASSWORD)), 400, "preferences", "advancedSettings");
        assertProblem(register("""
                {"email":"%s","password":"%s","name":"Test User","advancedSettings":{"apiKeys":{"smtpPassword":"x"}}}""".formatted(email, PASSWORD)), 400, "advancedSettings.apiKeys.smtpPassword");
        String big = "x".repeat(AccountInputs.MAX_SETTINGS_BYTES);
        assertProblem(register("""
                {"email":"%s","password":"%s","name":"Test User","preferences":{"note":"%s"}}""".formatted(email, PASSWORD, big)), 400, "preferences");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(register("{\"email\":"), 400);
    }
}
