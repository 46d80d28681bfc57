package org.atom.task.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.assertCreatedOnceUnderOneIdempotencyKey;
import static org.atom.task.TaskTestSupport.assertNotFoundForEveryVerb;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.createProject;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

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
class ProjectCrudIT {

    private static final String PROJECTS = "task-service.project.v1";
    private static final String TASKS = "task-service.task.v1";

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
    void creatingAProjectReturnsItWithLocationAndETagAndPublishesProjectCreated() {
        try (EventCapture events = EventCapture.on(PROJECTS)) {
            HttpResponse<String> response = http.post("/api/projects", """
                            {"name":" Move house ","description":"Boxes first","color":" Blue ","progress":80,
                             "taskCount":7,"id":"%s"}""".formatted(UUID.randomUUID()))
                    .as(user)
                    .send();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode project = json(response);
            String id = project.path("id").asString();
            assertThat(response.headers().firstValue("Location")).hasValue("/api/projects/" + id);
            assertThat(response.headers().firstValue("ETag")).hasValue("\"0.0.0\"");
            assertThat(project.path("name").asString()).isEqualTo("Move house");
            assertThat(project.path("description").asString()).isEqualTo("Boxes first");
            assertThat(project.path("color").asString()).isEqualTo("blue");
            assertThat(project.path("archived").asBoolean()).isFalse();
            assertThat(project.path("kind").asString()).isEqualTo("standard");
            // read-only fields sent along are ignored
            assertThat(project.path("progress").asInt()).isZero();
            assertThat(project.path("taskCount").asLong()).isZero();
            assertThat(project.path("completedTaskCount").asLong()).isZero();
            assertThat(project.path("progressOverride").isNull()).isTrue();
            assertThat(project.path("development").isNull()).isTrue();
            assertThat(project.path("position").asDouble()).isEqualTo(1.0);
            assertThat(project.path("version").asLong()).isZero();

            JsonNode event = events.awaitEvent("atom.project.created.v1");
            assertThat(event.path("subject").asString()).isEqualTo(id);
            assertThat(event.path("userid").asString()).isEqualTo(user);
            assertThat(event.path("data")).isEqualTo(project);
            CONTRACTS.assertValid(event.toString());
        }
        JsonNode second = createProject(http, user, "{\"name\":\"second\",\"color\":\"#FF8800\"}");
        assertThat(second.path("color").asString()).isEqualTo("#ff8800");
        assertThat(second.path("position").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aDevelopmentProjectCarriesItsDeploymentWhoseMetricsPutReplacesAndPatchMerges() {
        JsonNode created = createProject(http, user, """
                {"name":"atom.app","kind":"development","development":{"status":"live",
                 "live_url":"https://atom.example.com","previewUrl":"http://localhost:3000/pr/1",
                 "metrics":{"performance":92,"mobile":88.5,"rebuildTime":"2.3s"}}}""");
        String id = created.path("id").asString();
        JsonNode development = created.path("development");
        assertThat(development.path("status").asString()).isEqualTo("live");
        assertThat(development.path("liveUrl").asString()).isEqualTo("https://atom.example.com");
        assertThat(development.path("previewUrl").asString()).isEqualTo("http://localhost:3000/pr/1");
        assertThat(development.path("metrics").path("mobile").asDouble()).isEqualTo(88.5);

        try (EventCapture events = EventCapture.on(PROJECTS)) {
            JsonNode patched = json(http.patch("/api/projects/" + id, """
                            {"development":{"status":"error","previewUrl":null,"metrics":{"seo":100,"mobile":null}}}""")
                    .header("Content-Type", "application/merge-patch+json")
                    .as(user)
                    .send());
            assertThat(patched.path("development").path("status").asString()).isEqualTo("error");
            assertThat(patched.path("development").path("liveUrl").asString()).isEqualTo("https://atom.example.com");
            assertThat(patched.path("development").path("previewUrl").isNull()).isTrue();
            assertThat(patched.path("development").path("metrics").propertyNames())
                    .containsExactlyInAnyOrder("performance", "rebuildTime", "seo");

            JsonNode event = events.awaitEvent("atom.project.updated.v1");
            assertThat(event.path("data")).isEqualTo(patched);
            CONTRACTS.assertValid(event.toString());
        }

        JsonNode put = json(http.put("/api/projects/" + id, "{\"development\":{\"metrics\":{\"seo\":90}}}")
                .as(user)
                .send());
        assertThat(put.path("development").path("metrics").toString()).isEqualTo("{\"seo\":90}");
        assertThat(put.path("development").path("status").asString()).isEqualTo("error");

        // a merge that would grow the metrics past their limit is refused as a whole
        StringBuilder twenty = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            twenty.append(i == 0 ? "" : ",")
                    .append("\"m")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        assertThat(badField(http.patch("/api/projects/" + id, "{\"development\":{\"metrics\":" + twenty + "}}}")
                        .as(user)
                        .send()))
                .isEqualTo("development.metrics");
        assertThat(json(http.get("/api/projects/" + id).as(user).send()).path("version"))
                .isEqualTo(put.path("version"));

        JsonNode cleared = json(http.put("/api/projects/" + id, "{\"development\":null}")
                .as(user)
                .send());
        assertThat(cleared.path("development").path("status").asString()).isEqualTo("building");
        assertThat(cleared.path("development").path("liveUrl").isNull()).isTrue();
        assertThat(cleared.path("development").path("metrics").isEmpty()).isTrue();

        JsonNode standard = json(http.put("/api/projects/" + id, "{\"kind\":\"standard\"}")
                .as(user)
                .send());
        assertThat(standard.path("kind").asString()).isEqualTo("standard");
        assertThat(standard.path("development").isNull()).isTrue();
        // a standard project has no deployment: sending one back as null is fine, an object is not
        assertThat(http.put("/api/projects/" + id, "{\"development\":null}")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
        assertThat(badField(http.put("/api/projects/" + id, "{\"development\":{\"status\":\"live\"}}")
                        .as(user)
                        .send()))
                .isEqualTo("development");

        JsonNode again = json(http.put("/api/projects/" + id, "{\"kind\":\"development\"}")
                .as(user)
                .send());
        assertThat(again.path("development").path("status").asString()).isEqualTo("building");
        assertThat(again.path("development").path("metrics").isEmpty()).isTrue();
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndChangesNothing() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{}", "name");
        cases.put("{\"name\":\"  \"}", "name");
        cases.put("{\"name\":42}", "name");
        cases.put("{\"name\":null}", "name");
        cases.put("{\"name\":\"" + "x".repeat(201) + "\"}", "name");
        cases.put("{\"name\":\"p\",\"description\":\"" + "d".repeat(20_001) + "\"}", "description");
        cases.put("{\"name\":\"p\",\"color\":\"bleu\"}", "color");
        cases.put("{\"name\":\"p\",\"color\":\"#f80\"}", "color");
        cases.put("{\"name\":\"p\",\"color\":\"#gg8800\"}", "color");
        cases.put("{\"name\":\"p\",\"color\":12}", "color");
        cases.put("{\"name\":\"p\",\"archived\":\"yes\"}", "archived");
        cases.put("{\"name\":\"p\",\"archived\":null}", "archived");
        cases.put("{\"name\":\"p\",\"kind\":\"dev\"}", "kind");
        cases.put("{\"name\":\"p\",\"kind\":null}", "kind");
        cases.put("{\"name\":\"p\",\"progressOverride\":101}", "progressOverride");
        cases.put("{\"name\":\"p\",\"progress_override\":-1}", "progressOverride");
        cases.put("{\"name\":\"p\",\"progressOverride\":50.5}", "progressOverride");
        cases.put("{\"name\":\"p\",\"position\":\"first\"}", "position");
        cases.put("{\"name\":\"p\",\"version\":\"1\"}", "version");
        cases.put("{\"name\":\"p\",\"development\":{\"status\":\"live\"}}", "development");
        cases.put("{\"name\":\"p\",\"kind\":\"development\",\"development\":[]}", "development");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"status\":\"deployed\"}}",
                "development.status");
        cases.put("{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"status\":null}}", "development.status");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"liveUrl\":\"ftp://x.org\"}}",
                "development.liveUrl");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"live_url\":\"atom.example.com\"}}",
                "development.liveUrl");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"previewUrl\":\"https://bücher.de\"}}",
                "development.previewUrl");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"previewUrl\":\"https://x.org/"
                        + "a".repeat(2000) + "\"}}",
                "development.previewUrl");
        cases.put("{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"metrics\":[1]}}", "development.metrics");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"metrics\":{\"lcp\":{\"p75\":1}}}}",
                "development.metrics");
        cases.put(
                "{\"name\":\"p\",\"kind\":\"development\",\"development\":{\"metrics\":{\"note\":\"" + "n".repeat(201)
                        + "\"}}}",
                "development.metrics");
        cases.put("[]", "body");

        cases.forEach((body, field) -> assertThat(
                        badField(http.post("/api/projects", body).as(user).send()))
                .as(body)
                .isEqualTo(field));
        assertThat(http.post("/api/projects", "{\"name\":").as(user).send().statusCode())
                .isEqualTo(400);
        assertThat(projectsOf(user)).isZero();

        // every bad field at once, each named
        JsonNode problem = json(http.post("/api/projects", "{\"name\":\"\",\"color\":\"x\",\"kind\":\"k\"}")
                .as(user)
                .send());
        List<String> fields = new java.util.ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "color", "kind");

        // updates are checked the same way and change nothing either
        JsonNode project = createProject(http, user, "{\"name\":\"p\",\"kind\":\"development\"}");
        String id = project.path("id").asString();
        StringBuilder metrics = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            metrics.append(i == 0 ? "" : ",")
                    .append("\"m")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        String tooMany = metrics.append('}').toString();
        assertThat(badField(http.put("/api/projects/" + id, "{\"development\":{\"metrics\":" + tooMany + "}}")
                        .as(user)
                        .send()))
                .isEqualTo("development.metrics");
        assertThat(badField(http.put("/api/projects/" + id, "{\"name\":null}")
                        .as(user)
                        .send()))
                .isEqualTo("name");
        assertThat(badField(http.patch("/api/projects/" + id, "{\"color\":\"plaid\"}")
                        .as(user)
                        .send()))
                .isEqualTo("color");
        assertThat(json(http.get("/api/projects/" + id).as(user).send())
                        .path("version")
                        .asLong())
                .isZero();
    }

    @Test
    void putIsPartialAndAnExplicitNullClears() {
        String id = createProject(
                        http, user, "{\"name\":\"p\",\"description\":\"d\",\"color\":\"red\",\"progressOverride\":30}")
                .path("id")
                .asString();

        HttpResponse<String> updated = http.put(
                        "/api/projects/" + id, "{\"color\":null,\"archived\":true,\"progress_override\":null}")
                .as(user)
                .send();

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode after = json(updated);
        assertThat(after.path("color").isNull()).isTrue();
        assertThat(after.path("archived").asBoolean()).isTrue();
        assertThat(after.path("progressOverride").isNull()).isTrue();
        assertThat(after.path("description").asString()).isEqualTo("d");
        assertThat(after.path("name").asString()).isEqualTo("p");
        assertThat(after.path("version").asLong()).isEqualTo(1);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"1.0.0\"");

        // a client may send back the project it read
        JsonNode echoed =
                json(http.put("/api/projects/" + id, after.toString()).as(user).send());
        assertThat(echoed.path("version").asLong()).isEqualTo(2);
        assertThat(echoed.path("archived").asBoolean()).isTrue();
    }

    @Test
    void staleVersionsAndETagsAreRefusedAndTheETagFollowsTheTaskCounts() {
        String id = createProject(http, user, "{\"name\":\"p\"}").path("id").asString();
        http.put("/api/projects/" + id, "{\"name\":\"p2\"}").as(user).send();

        assertThat(http.put("/api/projects/" + id, "{\"name\":\"p3\",\"version\":0}")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(409);
        assertThat(http.put("/api/projects/" + id, "{\"name\":\"p3\"}")
                        .header("If-Match", "\"0.0.0\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);
        assertThat(http.delete("/api/projects/" + id)
                        .header("If-Match", "\"0\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);
        assertThat(ifNoneMatch(id, "\"1.0.0\"").statusCode()).isEqualTo(304);

        // a task in the project changes the representation (counts, progress) but not the project's version
        create(http, user, "{\"title\":\"t\",\"projectId\":\"" + id + "\"}");
        HttpResponse<String> changed = ifNoneMatch(id, "\"1.0.0\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValue("\"1.1.0\"");
        assertThat(json(changed).path("taskCount").asLong()).isEqualTo(1);
        assertThat(ifNoneMatch(id, "W/\"1.1.0\"").statusCode()).isEqualTo(304);

        // If-Match guards the project's own fields: a tag read before the task came, or the bare version, admits it
        assertThat(http.put("/api/projects/" + id, "{\"name\":\"p3\"}")
                        .header("If-Match", "\"1.0.0\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.put("/api/projects/" + id, "{\"name\":\"p4\"}")
                        .header("If-Match", "\"2\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
        assertThat(json(http.get("/api/projects/" + id).as(user).send())
                        .path("name")
                        .asString())
                .isEqualTo("p4");
    }

    @Test
    void anotherUsersProjectIsNotFoundForEveryVerb() {
        String id = createProject(http, user, "{\"name\":\"mine\"}").path("id").asString();
        create(http, user, "{\"title\":\"in it\",\"projectId\":\"" + id + "\"}");
        String other = newUser();

        assertNotFoundForEveryVerb(http, other, "/api/projects/" + id, "{\"name\":\"x\"}");
        assertThat(http.get("/api/projects/" + id + "/tasks").as(other).send().statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/projects/" + id + "/progress")
                        .as(other)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        // nor can another user put a task into it, or find it or its tasks in their lists
        assertThat(badField(http.post("/api/tasks", "{\"title\":\"t\",\"projectId\":\"" + id + "\"}")
                        .as(other)
                        .send()))
                .isEqualTo("projectId");
        String theirs = create(http, other, "{\"title\":\"theirs\"}").path("id").asString();
        assertThat(badField(http.patch("/api/tasks/" + theirs, "{\"project_id\":\"" + id + "\"}")
                        .as(other)
                        .send()))
                .isEqualTo("projectId");
        assertThat(json(http.get("/api/projects").as(other).send())).isEmpty();
        assertThat(json(http.get("/api/tasks?projectId=" + id).as(other).send()))
                .isEmpty();

        JsonNode mine = json(http.get("/api/projects/" + id).as(user).send());
        assertThat(mine.path("name").asString()).isEqualTo("mine");
        assertThat(mine.path("taskCount").asLong()).isEqualTo(1);
        assertThat(mine.path("version").asLong()).isZero();
    }

    @Test
    void anUnknownProjectIsNotFoundToo() {
        String unknown = UUID.randomUUID().toString();
        assertThat(http.get("/api/projects/" + unknown).as(user).send().statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/projects/" + unknown + "/tasks")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/projects/" + unknown + "/progress")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/projects/not-a-uuid").as(user).send().statusCode())
                .isEqualTo(400);
    }

    @Test
    void deletingAProjectDetachesItsTasksEachWithATaskUpdatedEvent() {
        String id = createProject(http, user, "{\"name\":\"p\"}").path("id").asString();
        JsonNode parent =
                create(http, user, "{\"title\":\"a\",\"projectId\":\"" + id + "\",\"subtasks\":[{\"title\":\"a1\"}]}");
        JsonNode single = create(http, user, "{\"title\":\"b\",\"project_id\":\"" + id + "\"}");
        JsonNode elsewhere = create(http, user, "{\"title\":\"c\"}");
        String child = parent.path("subtasks").get(0).path("id").asString();
        List<String> detached =
                List.of(parent.path("id").asString(), child, single.path("id").asString());

        try (EventCapture events = EventCapture.on(PROJECTS, TASKS)) {
            HttpResponse<String> deleted =
                    http.delete("/api/projects/" + id).as(user).send();

            assertThat(deleted.statusCode()).isEqualTo(204);
            JsonNode gone = events.awaitEvent("atom.project.deleted.v1");
            assertThat(gone.path("data").path("id").asString()).isEqualTo(id);
            CONTRACTS.assertValid(gone.toString());
            List<JsonNode> updates = events.awaitEvents(EventCapture.ofType("atom.task.updated.v1"), 3);
            assertThat(updates)
                    .extracting(e -> e.path("subject").asString())
                    .containsExactlyInAnyOrderElementsOf(detached);
            for (JsonNode update : updates) {
                assertThat(update.path("data").path("projectId").isNull()).isTrue();
                assertThat(update.path("data").path("version").asLong()).isEqualTo(1);
                CONTRACTS.assertValid(update.toString());
            }
        }
        for (String task : detached) {
            JsonNode after = json(http.get("/api/tasks/" + task).as(user).send());
            assertThat(after.path("projectId").isNull()).as(task).isTrue();
        }
        assertThat(json(http.get("/api/tasks/" + parent.path("id").asString())
                                .as(user)
                                .send())
                        .path("subtasks"))
                .hasSize(1);
        assertThat(json(http.get("/api/tasks/" + elsewhere.path("id").asString())
                                .as(user)
                                .send())
                        .path("version")
                        .asLong())
                .isZero();
        assertThat(http.get("/api/projects/" + id).as(user).send().statusCode()).isEqualTo(404);
        assertThat(http.delete("/api/projects/" + id).as(user).send().statusCode())
                .isEqualTo(404);
    }

    @Test
    void anIdempotencyKeyCreatesOnceAndReplaysTheFirstResponse() {
        assertCreatedOnceUnderOneIdempotencyKey(
                http, user, "/api/projects", "{\"name\":\"once\"}", "{\"name\":\"twice\"}");
        assertThat(projectsOf(user)).isEqualTo(1);
    }

    @Test
    void withoutATokenEverythingIs401() {
        assertThat(http.get("/api/projects").send().statusCode()).isEqualTo(401);
        assertThat(http.post("/api/projects", "{\"name\":\"p\"}").send().statusCode())
                .isEqualTo(401);
    }

    private HttpResponse<String> ifNoneMatch(String id, String tag) {
        return http.get("/api/projects/" + id)
                .header("If-None-Match", tag)
                .as(user)
                .send();
    }

    private long projectsOf(String owner) {
        return jdbc.queryForObject("SELECT count(*) FROM project WHERE owner_id = ?", Long.class, owner);
    }
}
