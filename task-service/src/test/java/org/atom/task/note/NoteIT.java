package org.atom.task.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.JSON;
import static org.atom.task.TaskTestSupport.assertCreatedOnceUnderOneIdempotencyKey;
import static org.atom.task.TaskTestSupport.assertNotFoundForEveryVerb;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.note.NoteTestSupport.TOPIC;
import static org.atom.task.note.NoteTestSupport.awaitEvent;
import static org.atom.task.note.NoteTestSupport.createNote;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@TaskServiceContext
class NoteIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
    }

    @Test
    void creatingANoteReturnsItWithLocationAndETagAndPublishesNoteCreated() {
        String task = create(http, user, "{\"title\":\"Prepare the board meeting\"}")
                .path("id")
                .asString();
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> response =
                    http.post("/api/notes", """
                            {"title":" Board meeting ","content":"# Agenda\\n\\n    code block\\n- budget  \\n",
                             "type":"meeting_notes","task_id":"%s","calendar_event_id":"evt_42@calendar.example",
                             "tags":["work","board","work"],"pinned":true,"id":"ignored","createdAt":"ignored"}""".formatted(task)).as(user).send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode note = json(response);
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("/api/notes/" + note.path("id").asString());
            assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
            assertThat(note.path("title").asString()).isEqualTo("Board meeting");
            // Markdown is kept as sent: indentation and trailing spaces mean something there
            assertThat(note.path("content").asString()).isEqualTo("# Agenda\n\n    code block\n- budget  \n");
            assertThat(note.path("type").asString()).isEqualTo("meeting_notes");
            assertThat(note.path("taskId").asString()).isEqualTo(task);
            assertThat(note.path("calendarEventId").asString()).isEqualTo("evt_42@calendar.example");
            assertThat(note.path("tags").toString()).isEqualTo("[\"work\",\"board\"]");
            assertThat(note.path("pinned").asBoolean()).isTrue();
            assertThat(note.path("version").asLong()).isZero();
            assertThat(note.path("createdAt").asString())
                    .endsWith("Z")
                    .isEqualTo(note.path("updatedAt").asString());
            assertThat(note.propertyNames())
                    .containsExactlyInAnyOrder(
                            "id",
                            "title",
                            "content",
                            "type",
                            "taskId",
                            "calendarEventId",
                            "tags",
                            "pinned",
                            "version",
                            "createdAt",
                            "updatedAt");

            JsonNode event = awaitEvent(events, "atom.note.created.v1", user);
            assertThat(event.path("subject").asString())
                    .isEqualTo(note.path("id").asString());
            assertThat(event.path("userid").asString()).isEqualTo(user);
            assertThat(event.path("source").asString()).isEqualTo("/task-service");
            assertThat(event.path("data")).isEqualTo(note);
            CONTRACTS.assertValid(event.toString());
            assertThat(json(http.get("/api/notes/" + note.path("id").asString())
                            .as(user)
                            .send()))
                    .isEqualTo(note);
        }
    }

    @Test
    void aNoteNeedsOnlyATitle() {
        JsonNode note = createNote(http, user, "{\"title\":\"Groceries\"}");

        assertThat(note.path("content").asString()).isEmpty();
        assertThat(note.path("type").asString()).isEqualTo("personal_memo");
        assertThat(note.path("taskId").isNull()).isTrue();
        assertThat(note.path("calendarEventId").isNull()).isTrue();
        assertThat(note.path("tags")).isEmpty();
        assertThat(note.path("pinned").asBoolean()).isFalse();
    }

    @Test
    void theOriginalDataModelsEventIdIsTheCalendarEventId() {
        JsonNode note = createNote(http, user, "{\"title\":\"Standup\",\"event_id\":\"0f1e2d3c\"}");

        assertThat(note.path("calendarEventId").asString()).isEqualTo("0f1e2d3c");
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndChangesNothing() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{}", "title");
        cases.put("{\"title\":\"  \"}", "title");
        cases.put("{\"title\":42}", "title");
        cases.put("{\"title\":null}", "title");
        cases.put("{\"title\":\"" + "x".repeat(501) + "\"}", "title");
        cases.put("{\"title\":\"a\\u0000b\"}", "title");
        cases.put("{\"title\":\"t\",\"content\":42}", "content");
        cases.put("{\"title\":\"t\",\"content\":\"" + "c".repeat(200_001) + "\"}", "content");
        cases.put("{\"title\":\"t\",\"content\":\"nul \\u0000 inside\"}", "content");
        cases.put("{\"title\":\"t\",\"content\":\"bell \\u0007\"}", "content");
        cases.put("{\"title\":\"t\",\"content\":\"half a pair \\ud800\"}", "content");
        cases.put("{\"title\":\"t\",\"type\":\"diary\"}", "type");
        cases.put("{\"title\":\"t\",\"type\":null}", "type");
        cases.put("{\"title\":\"t\",\"taskId\":\"not-a-uuid\"}", "taskId");
        cases.put("{\"title\":\"t\",\"taskId\":42}", "taskId");
        cases.put("{\"title\":\"t\",\"task_id\":\"" + UUID.randomUUID() + "\"}", "taskId");
        cases.put("{\"title\":\"t\",\"taskId\":null,\"task_id\":null}", "taskId");
        cases.put("{\"title\":\"t\",\"calendarEventId\":\"two words\"}", "calendarEventId");
        cases.put("{\"title\":\"t\",\"calendarEventId\":\"" + "e".repeat(201) + "\"}", "calendarEventId");
        cases.put("{\"title\":\"t\",\"calendar_event_id\":42}", "calendarEventId");
        cases.put("{\"title\":\"t\",\"calendar_event_id\":\"a\",\"event_id\":\"b\"}", "calendarEventId");
        cases.put("{\"title\":\"t\",\"tags\":\"work\"}", "tags");
        cases.put("{\"title\":\"t\",\"tags\":[\"\"]}", "tags");
        cases.put("{\"title\":\"t\",\"tags\":[\"" + "t".repeat(51) + "\"]}", "tags");
        cases.put("{\"title\":\"t\",\"pinned\":\"yes\"}", "pinned");
        cases.put("{\"title\":\"t\",\"pinned\":null}", "pinned");
        cases.put("{\"title\":\"t\",\"version\":-1}", "version");
        cases.put("[]", "body");

        try (EventCapture events = EventCapture.on(TOPIC)) {
            cases.forEach((body, field) -> assertThat(
                            badField(http.post("/api/notes", body).as(user).send()))
                    .as(body.length() > 200 ? body.substring(0, 200) : body)
                    .isEqualTo(field));

            HttpResponse<String> several = http.post("/api/notes", "{\"title\":\"\",\"type\":\"diary\",\"pinned\":1}")
                    .as(user)
                    .send();
            assertThat(several.statusCode()).isEqualTo(400);
            assertThat(json(several).path("errors").findValuesAsString("field"))
                    .containsExactly("title", "type", "pinned");
            assertThat(http.post("/api/notes", "{\"title\":").as(user).send().statusCode())
                    .isEqualTo(400);
            assertThat(http.post("/api/notes", "title=t")
                            .header("Content-Type", "text/plain")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(415);

            assertThat(notesOf(user)).isZero();
            createNote(http, user, "{\"title\":\"the only one\"}");
            // the one event after all those refusals is this note's
            assertThat(events.awaitEvents(e -> e.path("userid").asString().equals(user), 1))
                    .singleElement()
                    .satisfies(e ->
                            assertThat(e.path("data").path("title").asString()).isEqualTo("the only one"));
        }
    }

    @Test
    void anInvalidUpdateIsA400AndChangesNothing() {
        JsonNode note = createNote(http, user, "{\"title\":\"keep\",\"content\":\"as is\"}");
        String id = note.path("id").asString();
        String foreignTask =
                create(http, newUser(), "{\"title\":\"not yours\"}").path("id").asString();

        HttpResponse<String> invalid = http.put(
                        "/api/notes/" + id, "{\"title\":\" \",\"content\":null,\"pinned\":\"x\"}")
                .as(user)
                .send();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("errors").findValuesAsString("field")).containsExactly("title", "pinned");
        assertThat(badField(http.patch("/api/notes/" + id, "{\"content\":\"new\",\"taskId\":\"" + foreignTask + "\"}")
                        .header("Content-Type", "application/merge-patch+json")
                        .as(user)
                        .send()))
                .isEqualTo("taskId");
        assertThat(badField(http.put("/api/notes/" + id, "{\"type\":\"PERSONAL_MEMO\"}")
                        .as(user)
                        .send()))
                .isEqualTo("type");

        assertThat(json(http.get("/api/notes/" + id).as(user).send())).isEqualTo(note);
    }

    @Test
    void contentUpToTheLimitIsStoredSearchableAndPublished() {
        // 66,666 different two-ideograph words: 933 KB of words in the search index, close to its 1 MB
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 66_666; i++) {
            content.appendCodePoint(0x4E00 + i / 1000)
                    .appendCodePoint(0x5000 + i % 1000)
                    .append(' ');
        }
        content.append("zz");
        assertThat(content).hasSize(200_000);
        String word = new StringBuilder()
                .appendCodePoint(0x4E00 + 12)
                .appendCodePoint(0x5000 + 345)
                .toString();

        try (EventCapture events = EventCapture.on(TOPIC)) {
            JsonNode note = createNote(
                    http,
                    user,
                    JSON.createObjectNode()
                            .put("title", "x".repeat(500))
                            .put("content", content.toString())
                            .toString());

            assertThat(note.path("content").asString()).isEqualTo(content.toString());
            assertThat(json(http.get("/api/notes?q=" + word).as(user).send()))
                    .singleElement()
                    .satisfies(found -> assertThat(found.path("id")).isEqualTo(note.path("id")));
            JsonNode event = awaitEvent(events, "atom.note.created.v1", user);
            assertThat(event.path("data").path("content").asString()).hasSize(200_000);
            CONTRACTS.assertValid(event.toString());
        }
    }

    @Test
    void textWithMoreDistinctWordsThanTheSearchIndexHoldsIsA400NotA500() {
        // the full-text index keeps a hyphenated word and each of its parts: 4,761 different words of two distinct
        // 20-ideograph parts carry 1.1 MB of words, over PostgreSQL's 1 MB per tsvector, in 199,962 characters
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 4_761; i++) {
            content.append(part(2 * i)).append('-').append(part(2 * i + 1)).append(' ');
        }
        assertThat(content.length()).isLessThanOrEqualTo(200_000);
        String body = JSON.createObjectNode()
                .put("title", "t")
                .put("content", content.toString())
                .toString();

        assertThat(badField(http.post("/api/notes", body).as(user).send())).isEqualTo("content");
        String id = createNote(http, user, "{\"title\":\"t\"}").path("id").asString();
        assertThat(badField(http.put("/api/notes/" + id, body).as(user).send())).isEqualTo("content");
        assertThat(notesOf(user)).isOne();
    }

    @Test
    void putIsPartialAndAnExplicitNullClears() {
        String task = create(http, user, "{\"title\":\"t\"}").path("id").asString();
        JsonNode note = createNote(http, user, """
                {"title":"t","content":"c","type":"project_brief","taskId":"%s","calendarEventId":"e1",
                 "tags":["a"],"pinned":true}""".formatted(task));
        String id = note.path("id").asString();

        HttpResponse<String> updated = http.put(
                        "/api/notes/" + id,
                        "{\"content\":null,\"task_id\":null,\"calendarEventId\":null,\"tags\":null,\"pinned\":false}")
                .as(user)
                .send();

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode after = json(updated);
        assertThat(after.path("title").asString()).isEqualTo("t");
        assertThat(after.path("type").asString()).isEqualTo("project_brief");
        assertThat(after.path("content").asString()).isEmpty();
        assertThat(after.path("taskId").isNull()).isTrue();
        assertThat(after.path("calendarEventId").isNull()).isTrue();
        assertThat(after.path("tags")).isEmpty();
        assertThat(after.path("pinned").asBoolean()).isFalse();
        assertThat(after.path("version").asLong()).isEqualTo(1);
        assertThat(after.path("createdAt")).isEqualTo(note.path("createdAt"));
        assertThat(after.path("updatedAt").asString())
                .isNotEqualTo(note.path("updatedAt").asString());
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(http.get("/api/notes/" + id).as(user).send())).isEqualTo(after);
    }

    @Test
    void mergePatchChangesTheStatedFieldsAndPublishesNoteUpdated() {
        String task = create(http, user, "{\"title\":\"t\"}").path("id").asString();
        JsonNode note = createNote(http, user, "{\"title\":\"t\",\"content\":\"c\",\"tags\":[\"a\",\"b\"]}");
        String id = note.path("id").asString();
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> patched = http.patch(
                            "/api/notes/" + id,
                            "{\"taskId\":\"" + task + "\",\"tags\":[\"b\"],\"type\":\"meeting_notes\",\"version\":0}")
                    .header("Content-Type", "application/merge-patch+json")
                    .as(user)
                    .send();

            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            JsonNode after = json(patched);
            assertThat(after.path("taskId").asString()).isEqualTo(task);
            assertThat(after.path("tags").toString()).isEqualTo("[\"b\"]");
            assertThat(after.path("type").asString()).isEqualTo("meeting_notes");
            assertThat(after.path("content").asString()).isEqualTo("c");
            JsonNode event = awaitEvent(events, "atom.note.updated.v1", user);
            assertThat(event.path("subject").asString()).isEqualTo(id);
            assertThat(event.path("data")).isEqualTo(after);
            CONTRACTS.assertValid(event.toString());
        }
    }

    @Test
    void staleVersionsAndETagsAreRefused() {
        String id = createNote(http, user, "{\"title\":\"t\"}").path("id").asString();
        http.put("/api/notes/" + id, "{\"title\":\"t2\"}").as(user).send();

        assertThat(http.put("/api/notes/" + id, "{\"title\":\"t3\",\"version\":0}")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(409);
        assertThat(http.patch("/api/notes/" + id, "{\"title\":\"t3\"}")
                        .header("If-Match", "\"0\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);
        assertThat(http.delete("/api/notes/" + id)
                        .header("If-Match", "\"0\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);
        HttpResponse<String> notModified = http.get("/api/notes/" + id)
                .header("If-None-Match", "\"1\"")
                .as(user)
                .send();
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).hasValue("\"1\"");
        HttpResponse<String> current = http.get("/api/notes/" + id)
                .header("If-None-Match", "\"0\"")
                .as(user)
                .send();
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(json(current).path("title").asString()).isEqualTo("t2");
        assertThat(http.put("/api/notes/" + id, "{\"title\":\"t3\"}")
                        .header("If-Match", "\"1\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void deletingANoteIs204AndPublishesNoteDeleted() {
        String id = createNote(http, user, "{\"title\":\"t\",\"content\":\"secret\"}")
                .path("id")
                .asString();
        try (EventCapture events = EventCapture.on(TOPIC)) {
            HttpResponse<String> deleted = http.delete("/api/notes/" + id)
                    .header("If-Match", "\"0\"")
                    .as(user)
                    .send();

            assertThat(deleted.statusCode()).isEqualTo(204);
            JsonNode event = awaitEvent(events, "atom.note.deleted.v1", user);
            assertThat(event.path("subject").asString()).isEqualTo(id);
            assertThat(event.path("data").toString()).isEqualTo("{\"id\":\"" + id + "\"}");
            CONTRACTS.assertValid(event.toString());
        }
        assertThat(http.get("/api/notes/" + id).as(user).send().statusCode()).isEqualTo(404);
        assertThat(http.delete("/api/notes/" + id).as(user).send().statusCode()).isEqualTo(404);
    }

    @Test
    void anotherUsersNoteIsNotFoundForEveryVerbAndTheirTasksCannotBeLinked() {
        String task = create(http, user, "{\"title\":\"mine\"}").path("id").asString();
        String id = createNote(http, user, "{\"title\":\"mine\",\"taskId\":\"" + task + "\",\"calendarEventId\":\"e\"}")
                .path("id")
                .asString();
        String other = newUser();

        assertNotFoundForEveryVerb(http, other, "/api/notes/" + id, "{\"title\":\"x\"}");
        assertThat(badField(http.post("/api/notes", "{\"title\":\"x\",\"taskId\":\"" + task + "\"}")
                        .as(other)
                        .send()))
                .isEqualTo("taskId");
        String theirs =
                createNote(http, other, "{\"title\":\"theirs\"}").path("id").asString();
        assertThat(badField(http.put("/api/notes/" + theirs, "{\"taskId\":\"" + task + "\"}")
                        .as(other)
                        .send()))
                .isEqualTo("taskId");
        assertThat(json(http.get("/api/notes").as(other).send()))
                .singleElement()
                .satisfies(note -> assertThat(note.path("id").asString()).isEqualTo(theirs));
        assertThat(json(http.get("/api/notes?taskId=" + task).as(other).send())).isEmpty();
        assertThat(json(http.get("/api/notes?calendarEventId=e").as(other).send()))
                .isEmpty();
        assertThat(json(http.get("/api/notes/" + id).as(user).send())
                        .path("title")
                        .asString())
                .isEqualTo("mine");
    }

    @Test
    void anIdempotencyKeyCreatesOnceAndReplaysTheFirstResponse() {
        assertCreatedOnceUnderOneIdempotencyKey(
                http, user, "/api/notes", "{\"title\":\"once\"}", "{\"title\":\"twice\"}");
        assertThat(notesOf(user)).isOne();
    }

    @Test
    void withoutATokenEverythingIs401() {
        String id = createNote(http, user, "{\"title\":\"t\"}").path("id").asString();

        assertThat(http.get("/api/notes").send().statusCode()).isEqualTo(401);
        assertThat(http.post("/api/notes", "{\"title\":\"t\"}").send().statusCode())
                .isEqualTo(401);
        assertThat(http.get("/api/notes/" + id).send().statusCode()).isEqualTo(401);
        assertThat(http.delete("/api/notes/" + id).send().statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentListsTheNoteEndpointsAndDescribesTheNoteBody() {
        JsonNode document = json(http.get("/v3/api-docs").send());

        assertThat(document.path("paths").propertyNames()).contains("/api/notes", "/api/notes/{id}");
        assertThat(document.path("paths").path("/api/notes/{id}").propertyNames())
                .contains("get", "put", "patch", "delete");
        assertThat(document.path("paths")
                        .path("/api/notes")
                        .path("post")
                        .path("requestBody")
                        .toString())
                .contains("NoteView");
        assertThat(List.of("type", "taskId", "calendarEventId", "pinned", "tag", "q", "sort", "limit", "cursor"))
                .allSatisfy(name -> assertThat(document.path("paths")
                                .path("/api/notes")
                                .path("get")
                                .path("parameters")
                                .findValuesAsString("name"))
                        .contains(name));
    }

    /** Twenty ideographs, different for every {@code k} below 20,000. */
    private static String part(int k) {
        return new StringBuilder().appendCodePoint(0x4E00 + k).toString() + "\u4E2D".repeat(19);
    }

    private long notesOf(String owner) {
        return jdbc.queryForObject("SELECT count(*) FROM note WHERE owner_id = ?", Long.class, owner);
    }
}
