package org.atom.calendar.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.atom.calendar.CalendarServiceContext;
import org.atom.calendar.share.CalendarUsers.User;
import org.atom.platform.users.UserProfiles;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/calendar/shares}: granting free/busy access by email, listing, revoking, isolation, validation. */
@CalendarServiceContext
class ShareIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    UserProfiles profiles;

    @Autowired
    JdbcTemplate jdbc;

    private TestHttp http() {
        return TestHttp.localhost(port);
    }

    @Test
    void grantingCreatesAShareThatCanBeReadAtItsLocation() {
        String owner = UUID.randomUUID().toString();
        String grantee = "Bob-" + UUID.randomUUID() + "@Example.org";

        HttpResponse<String> created = grant(owner, grantee, "free_busy");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode share = JSON.readTree(created.body());
        assertThat(share.get("granteeEmail").asString()).isEqualTo(grantee.toLowerCase(Locale.ROOT));
        assertThat(share.get("scope").asString()).isEqualTo("free_busy");
        assertThat(Instant.parse(share.get("createdAt").asString()))
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(share.get("createdAt").asString()).endsWith("Z");
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(location).getPath())
                .isEqualTo("/api/calendar/shares/" + share.get("id").asString());

        HttpResponse<String> read =
                http().get(URI.create(location).getPath()).as(owner).send();
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body())).isEqualTo(share);
    }

    @Test
    void theScopeDefaultsToFreeBusyAndTheOriginalSnakeCaseNameIsAccepted() {
        String owner = UUID.randomUUID().toString();

        HttpResponse<String> created = http().post(
                        "/api/calendar/shares", "{\"grantee_email\": \"carol-" + UUID.randomUUID() + "@example.org\"}")
                .as(owner)
                .send();

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("scope").asString()).isEqualTo("free_busy");
    }

    @Test
    void grantingTheSameAddressAgainInAnyLetterCaseAnswersTheExistingShare() {
        String owner = UUID.randomUUID().toString();
        String grantee = "dave-" + UUID.randomUUID() + "@example.org";
        JsonNode first = JSON.readTree(grant(owner, grantee, "free_busy").body());

        HttpResponse<String> again = grant(owner, " " + grantee.toUpperCase(Locale.ROOT) + " ", "free_busy");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body())).isEqualTo(first);
        assertThat(again.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l)
                        .endsWith("/api/calendar/shares/" + first.get("id").asString()));
        assertThat(list(owner, "/api/calendar/shares")).hasSize(1);
    }

    @Test
    void theOwnersSharesArePagedOldestFirstWithALinkToTheNextPageAndTheTotal() {
        String owner = UUID.randomUUID().toString();
        List<String> grantees = List.of("a", "b", "c").stream()
                .map(n -> n + "-" + UUID.randomUUID() + "@example.org")
                .toList();
        grantees.forEach(
                g -> assertThat(grant(owner, g, "free_busy").statusCode()).isEqualTo(201));

        HttpResponse<String> first =
                http().get("/api/calendar/shares?limit=2").as(owner).send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Total-Count")).contains("3");
        assertThat(JSON.readTree(first.body()))
                .extracting(s -> s.get("granteeEmail").asString())
                .containsExactly(grantees.get(0), grantees.get(1));
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).endsWith("; rel=\"next\"").contains("limit=2");
        URI next = URI.create(link.substring(1, link.indexOf('>')));

        HttpResponse<String> second =
                http().get(next.getPath() + "?" + next.getRawQuery()).as(owner).send();
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Total-Count")).contains("3");
        assertThat(second.headers().firstValue("Link")).isEmpty();
        assertThat(JSON.readTree(second.body()))
                .extracting(s -> s.get("granteeEmail").asString())
                .containsExactly(grantees.get(2));
    }

    @Test
    void aUserSeesTheSharesGrantedToTheirEmailWithTheOwnersEmail() {
        CalendarUsers users = new CalendarUsers(profiles);
        User alice = users.register();
        User bob = users.register();
        User carol = users.register();
        grant(alice.id(), bob.email(), "free_busy");
        grant(carol.id(), bob.email().toUpperCase(Locale.ROOT), "free_busy");
        grant(alice.id(), "someone-else-" + UUID.randomUUID() + "@example.org", "free_busy");

        HttpResponse<String> received =
                http().get("/api/calendar/shares/received").as(bob.id()).send();

        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        assertThat(received.headers().firstValue("X-Total-Count")).contains("2");
        assertThat(JSON.readTree(received.body()))
                .extracting(
                        s -> s.get("ownerEmail").asString(), s -> s.get("scope").asString())
                .containsExactly(tuple(alice.email(), "free_busy"), tuple(carol.email(), "free_busy"));
        assertThat(list(alice.id(), "/api/calendar/shares/received")).isEmpty();
        assertThat(list(UUID.randomUUID().toString(), "/api/calendar/shares/received"))
                .as("a user the read model does not know yet")
                .isEmpty();
    }

    @Test
    void revokingAShareDeletesIt() {
        String owner = UUID.randomUUID().toString();
        String id = JSON.readTree(grant(owner, "erin-" + UUID.randomUUID() + "@example.org", "free_busy")
                        .body())
                .get("id")
                .asString();

        HttpResponse<String> deleted =
                http().delete("/api/calendar/shares/" + id).as(owner).send();

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(http().get("/api/calendar/shares/" + id).as(owner).send().statusCode())
                .isEqualTo(404);
        assertThat(http().delete("/api/calendar/shares/" + id).as(owner).send().statusCode())
                .isEqualTo(404);
        assertThat(list(owner, "/api/calendar/shares")).isEmpty();
    }

    @Test
    void anotherUsersShareIsNotFoundOnReadAndDeleteAndIsNotListed() {
        String owner = UUID.randomUUID().toString();
        String intruder = UUID.randomUUID().toString();
        String id = JSON.readTree(grant(owner, "frank-" + UUID.randomUUID() + "@example.org", "free_busy")
                        .body())
                .get("id")
                .asString();

        HttpResponse<String> read =
                http().get("/api/calendar/shares/" + id).as(intruder).send();
        HttpResponse<String> delete =
                http().delete("/api/calendar/shares/" + id).as(intruder).send();

        assertProblem(read, 404, null);
        assertProblem(delete, 404, null);
        assertThat(list(intruder, "/api/calendar/shares")).isEmpty();
        assertThat(list(owner, "/api/calendar/shares")).hasSize(1);
        assertThat(http().get("/api/calendar/shares/" + UUID.randomUUID())
                        .as(owner)
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void invalidGrantsAreRefusedNamingTheField() {
        String owner = UUID.randomUUID().toString();
        String ok = "\"granteeEmail\": \"gina-" + UUID.randomUUID() + "@example.org\"";

        assertProblem(post(owner, "{}"), 400, "granteeEmail");
        assertProblem(post(owner, "{\"granteeEmail\": null}"), 400, "granteeEmail");
        assertProblem(post(owner, "{\"granteeEmail\": \"not an address\"}"), 400, "granteeEmail");
        assertProblem(post(owner, "{\"granteeEmail\": \"a@b\"}"), 400, "granteeEmail");
        assertProblem(post(owner, "{\"granteeEmail\": 42}"), 400, "granteeEmail");
        assertProblem(post(owner, "{\"granteeEmail\": \"" + "x".repeat(320) + "@example.org\"}"), 400, "granteeEmail");
        assertProblem(post(owner, "{" + ok + ", \"scope\": \"read\"}"), 400, "scope");
        assertProblem(post(owner, "{" + ok + ", \"scope\": null}"), 400, "scope");
        assertProblem(post(owner, "{" + ok + ", \"scope\": [\"free_busy\"]}"), 400, "scope");
        assertProblem(post(owner, "[]"), 400, "body");
        assertThat(post(owner, "{\"granteeEmail\": ").statusCode()).isEqualTo(400);
        assertThat(http().post("/api/calendar/shares", "{" + ok + "}")
                        .as(owner)
                        .header("Content-Type", "text/plain")
                        .send()
                        .statusCode())
                .isEqualTo(415);
        assertThat(list(owner, "/api/calendar/shares")).as("nothing was stored").isEmpty();
    }

    @Test
    void aUserCannotShareWithTheirOwnAddress() {
        User ada = new CalendarUsers(profiles).register();

        assertProblem(grant(ada.id(), ada.email().toUpperCase(Locale.ROOT), "free_busy"), 400, "granteeEmail");
    }

    @Test
    void badPagingParametersAndIdsAreRefusedNamingThem() {
        String owner = UUID.randomUUID().toString();

        assertProblem(http().get("/api/calendar/shares?limit=0").as(owner).send(), 400, "limit");
        assertProblem(http().get("/api/calendar/shares?limit=201").as(owner).send(), 400, "limit");
        assertProblem(http().get("/api/calendar/shares?limit=ten").as(owner).send(), 400, "limit");
        assertProblem(http().get("/api/calendar/shares?cursor=bogus").as(owner).send(), 400, "cursor");
        assertProblem(
                http().get("/api/calendar/shares/received?cursor=bogus")
                        .as(owner)
                        .send(),
                400,
                "cursor");
        assertProblem(http().get("/api/calendar/shares/not-a-uuid").as(owner).send(), 400, "id");
        assertProblem(http().delete("/api/calendar/shares/not-a-uuid").as(owner).send(), 400, "id");
    }

    @Test
    void deletingAnAccountErasesItsSharesAndTheSharesGrantedToItsAddress() {
        CalendarUsers users = new CalendarUsers(profiles);
        User leaving = users.register();
        User staying = users.register();
        String other = "hank-" + UUID.randomUUID() + "@example.org";
        grant(leaving.id(), staying.email(), "free_busy");
        grant(staying.id(), leaving.email(), "free_busy");
        grant(staying.id(), other, "free_busy");

        users.delete(leaving);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> list(leaving.id(), "/api/calendar/shares").isEmpty());
        assertThat(list(staying.id(), "/api/calendar/shares"))
                .extracting(s -> s.get("granteeEmail").asString())
                .containsExactly(other);
        assertThat(list(staying.id(), "/api/calendar/shares/received")).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_share WHERE owner_id = ? OR grantee_email = ?",
                        Long.class,
                        leaving.id(),
                        leaving.email()))
                .isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private HttpResponse<String> grant(String owner, String email, String scope) {
        return post(owner, "{\"granteeEmail\": \"" + email + "\", \"scope\": \"" + scope + "\"}");
    }

    private HttpResponse<String> post(String owner, String body) {
        return http().post("/api/calendar/shares", body).as(owner).send();
    }

    private List<JsonNode> list(String user, String path) {
        HttpResponse<String> response = http().get(path).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().toList();
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(problem.get("errors"))
                    .as(response.body())
                    .extracting(e -> e.get("field").asString())
                    .contains(field);
        }
    }
}
