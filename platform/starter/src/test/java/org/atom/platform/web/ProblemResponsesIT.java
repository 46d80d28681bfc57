package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.platform.web.WebApi.SAMPLES;
import static org.atom.platform.web.WebApi.assertBadRequestNaming;
import static org.atom.platform.web.WebApi.assertProblem;
import static org.atom.platform.web.WebApi.create;
import static org.atom.platform.web.WebApi.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.testkit.TestHttp;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SampleServiceContext
class ProblemResponsesIT {

    @LocalServerPort
    int port;

    TestHttp http;
    final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void creatingASampleAnswers201WithLocationETagAndTheCamelCaseBody() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": "write tests", "priority": "high", "dueDate": "2025-01-10T10:00:00Z"}""").as(user).send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.path("title").asString()).isEqualTo("write tests");
        assertThat(body.path("priority").asString()).isEqualTo("high");
        assertThat(body.path("dueDate").asString()).isEqualTo("2025-01-10T10:00:00Z");
        assertThat(response.headers().firstValue("Location"))
                .hasValue(SAMPLES + "/" + body.path("id").asString());
        assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(http.get(SAMPLES + "/" + body.path("id").asString())
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anotherUsersSampleIsNotFoundOnReadUpdateAndDelete() {
        String id = create(http, user, "private").path("id").asString();
        String stranger = "user-" + UUID.randomUUID();

        assertProblem(http.get(SAMPLES + "/" + id).as(stranger).send(), 404);
        assertProblem(
                http.put(SAMPLES + "/" + id, "{\"title\":\"mine now\"}")
                        .as(stranger)
                        .send(),
                404);
        assertProblem(http.delete(SAMPLES + "/" + id).as(stranger).send(), 404);
        assertThat(json(http.get(SAMPLES + "/" + id).as(user).send())
                        .path("title")
                        .asString())
                .isEqualTo("private");
    }

    @Test
    void failedValidationIs400NamingTheField() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": " ", "priority": "low"}""").as(user).send();

        assertThat(assertBadRequestNaming(response, "title")).isEqualTo("must not be blank");
        assertThat(json(response).path("detail").asString()).contains("title");
    }

    @Test
    void anInvalidPartialUpdateIs400NamingTheField() {
        String id = create(http, user, "valid").path("id").asString();

        HttpResponse<String> response =
                http.put(SAMPLES + "/" + id, "{\"title\": \" \"}").as(user).send();

        assertThat(assertBadRequestNaming(response, "title")).isEqualTo("must not be blank");
    }

    @Test
    void aHeaderViolatingItsConstraintIs400NamingIt() {
        String id = create(http, user, "valid").path("id").asString();

        HttpResponse<String> response = http.put(SAMPLES + "/" + id, "{\"title\": \"ok\"}")
                .header("If-Match", "\"" + "9".repeat(300) + "\"")
                .as(user)
                .send();

        assertBadRequestNaming(response, "If-Match");
    }

    @Test
    void malformedJsonIs400NamingTheFieldWhereItBroke() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": "x", "priority": hig}""").as(user).send();

        assertBadRequestNaming(response, "priority");
        assertThat(json(response).path("detail").asString()).contains("not valid JSON");
    }

    @Test
    void aWrongJsonTypeIs400NamingTheFieldAndTheExpectedType() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": {"text": "x"}, "priority": "low"}""").as(user).send();

        assertThat(assertBadRequestNaming(response, "title")).isEqualTo("must be a string");
    }

    @Test
    void anUnknownEnumValueIs400ListingTheAllowedValues() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": "x", "priority": "urgent"}""").as(user).send();

        assertThat(assertBadRequestNaming(response, "priority"))
                .isEqualTo("must be one of: low, medium, high, critical");
    }

    @Test
    void aBadTimestampIs400NamingTheField() {
        HttpResponse<String> response = http.post(SAMPLES, """
                        {"title": "x", "priority": "low", "dueDate": "tomorrow"}""").as(user).send();

        assertThat(assertBadRequestNaming(response, "dueDate")).contains("RFC 3339");
    }

    @Test
    void aMissingBodyIs400() {
        HttpResponse<String> response = http.post(SAMPLES, "").as(user).send();

        assertBadRequestNaming(response, "$");
    }

    @Test
    void aLimitThatIsNotAnIntegerIs400NamingLimit() {
        assertThat(assertBadRequestNaming(
                        http.get(SAMPLES + "?limit=abc").as(user).send(), "limit"))
                .isEqualTo("must be an integer");
    }

    @Test
    void aLimitOutside1To200Is400NamingLimit() {
        assertBadRequestNaming(http.get(SAMPLES + "?limit=0").as(user).send(), "limit");
        assertBadRequestNaming(http.get(SAMPLES + "?limit=201").as(user).send(), "limit");
        assertThat(http.get(SAMPLES + "?limit=200").as(user).send().statusCode())
                .isEqualTo(200);
    }

    @Test
    void aQueryParameterViolatingItsConstraintIs400NamingIt() {
        assertBadRequestNaming(
                http.get(SAMPLES + "?titleContains=" + "x".repeat(51)).as(user).send(), "titleContains");
    }

    @Test
    void aPathIdThatIsNotAUuidIs400NamingIt() {
        assertThat(assertBadRequestNaming(
                        http.get(SAMPLES + "/not-a-uuid").as(user).send(), "id"))
                .isEqualTo("must be a UUID");
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIs413() {
        String big = "{\"title\":\"" + "x".repeat(1024 * 1024) + "\",\"priority\":\"low\"}";

        JsonNode problem = assertProblem(http.post(SAMPLES, big).as(user).send(), 413);
        assertThat(problem.path("detail").asString()).contains("1 MB");
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIs413() throws IOException, InterruptedException {
        byte[] big = ("{\"title\":\"" + "x".repeat(1024 * 1024) + "\",\"priority\":\"low\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SAMPLES))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestJwtIssuer.get().token(user))
                // no Content-Length: the limit must hold on the stream itself
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertProblem(client.send(request, HttpResponse.BodyHandlers.ofString()), 413);
        }
    }

    @Test
    void aWrongContentTypeIs415() {
        HttpResponse<String> response = http.post(SAMPLES, "title=x")
                .header("Content-Type", "text/plain")
                .as(user)
                .send();

        assertProblem(response, 415);
        assertThat(response.headers().firstValue("Accept")).isPresent();
    }

    @Test
    void anUnacceptableAcceptHeaderIs406() {
        String id = create(http, user, "xml?").path("id").asString();

        assertProblem(
                http.get(SAMPLES + "/" + id)
                        .header("Accept", "application/xml")
                        .as(user)
                        .send(),
                406);
    }

    @Test
    void anUnknownPathIs404Problem() {
        JsonNode problem = assertProblem(http.get("/api/no-such-thing").as(user).send(), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("No endpoint GET /api/no-such-thing");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/no-such-thing");
    }

    @Test
    void anUnknownIdIs404Problem() {
        UUID id = UUID.randomUUID();

        JsonNode problem = assertProblem(http.get(SAMPLES + "/" + id).as(user).send(), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("WebSample " + id + " not found");
    }

    @Test
    void anUnsupportedMethodIs405WithAllow() {
        HttpResponse<String> response = http.delete(SAMPLES).as(user).send();

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET").contains("POST"));
    }

    @Test
    void aLostOptimisticLockRaceIs409() {
        String id = create(http, user, "contended").path("id").asString();

        assertProblem(
                http.put(SAMPLES + "/" + id + "?simulateConcurrentWrite=true", "{\"title\":\"mine\"}")
                        .as(user)
                        .send(),
                409);
    }

    @Test
    void anUnexpectedExceptionIs500WithoutItsMessageOrStackTrace() {
        HttpResponse<String> response = http.get(SAMPLES + "/boom").as(user).send();

        JsonNode problem = assertProblem(response, 500);
        assertThat(problem.path("detail").asString()).isEqualTo("An unexpected error occurred");
        assertThat(response.body())
                .doesNotContain("secret-internal-detail")
                .doesNotContain("IllegalStateException")
                .doesNotContain("\tat ")
                .doesNotContain("trace");
        assertThat(problem.path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aResponseStatusExceptionKeepsItsStatusAndDetail() {
        JsonNode problem =
                assertProblem(http.get(SAMPLES + "/unavailable").as(user).send(), 503);

        assertThat(problem.path("detail").asString()).isEqualTo("The calendar provider is down");
    }

    @Test
    void errorsRaisedOutsideSpringMvcAreProblemsOfTheOriginalPath() {
        HttpResponse<String> response = http.get(SAMPLES + "/send-error")
                .header("Accept", "text/html")
                .as(user)
                .send();

        JsonNode problem = assertProblem(response, 503);
        assertThat(problem.path("instance").asString()).isEqualTo(SAMPLES + "/send-error");
        assertThat(response.body()).doesNotContain("secret-internal-detail");
    }
}
