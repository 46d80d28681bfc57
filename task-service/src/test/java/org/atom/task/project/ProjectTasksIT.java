package org.atom.task.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.createProject;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tasks in projects: {@code projectId} on tasks, a project's tasks, and its progress. */
@TaskServiceContext
class ProjectTasksIT {

    @LocalServerPort
    int port;

    TestHttp http;
    String user;
    String project;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
        project = createProject(http, user, "{\"name\":\"p\"}").path("id").asString();
    }

    @Test
    void aTaskJoinsChangesAndLeavesAProjectAndItsEventsSaySo() {
        String other =
                createProject(http, user, "{\"name\":\"other\"}").path("id").asString();
        try (EventCapture events = EventCapture.on("task-service.task.v1")) {
            JsonNode task = create(http, user, "{\"title\":\"t\",\"projectId\":\"" + project + "\"}");
            String id = task.path("id").asString();
            assertThat(task.path("projectId").asString()).isEqualTo(project);
            JsonNode created = events.awaitEvent("atom.task.created.v1");
            assertThat(created.path("data").path("projectId").asString()).isEqualTo(project);
            CONTRACTS.assertValid(created.toString());

            JsonNode moved = json(http.patch("/api/tasks/" + id, "{\"project_id\":\"" + other + "\"}")
                    .as(user)
                    .send());
            assertThat(moved.path("projectId").asString()).isEqualTo(other);

            JsonNode unchanged = json(
                    http.put("/api/tasks/" + id, "{\"title\":\"t2\"}").as(user).send());
            assertThat(unchanged.path("projectId").asString()).isEqualTo(other);

            JsonNode left = json(http.put("/api/tasks/" + id, "{\"projectId\":null}")
                    .as(user)
                    .send());
            assertThat(left.path("projectId").isNull()).isTrue();
            List<JsonNode> updates = events.awaitEvents(EventCapture.ofType("atom.task.updated.v1"), 3);
            assertThat(updates.getLast().path("data").path("projectId").isNull())
                    .isTrue();
            updates.forEach(update -> CONTRACTS.assertValid(update.toString()));
        }
    }

    @Test
    void newSubtasksInheritTheirParentsProjectUnlessTheyStateOne() {
        JsonNode parent = create(
                http,
                user,
                "{\"title\":\"parent\",\"projectId\":\"" + project + "\",\"subtasks\":[{\"title\":\"a\"}]}");
        String parentId = parent.path("id").asString();
        String inline = parent.path("subtasks").get(0).path("id").asString();
        assertThat(json(http.get("/api/tasks/" + inline).as(user).send())
                        .path("projectId")
                        .asString())
                .isEqualTo(project);

        JsonNode child = create(http, user, "{\"title\":\"b\",\"parentId\":\"" + parentId + "\"}");
        assertThat(child.path("projectId").asString()).isEqualTo(project);
        JsonNode outside = create(http, user, "{\"title\":\"c\",\"parentId\":\"" + parentId + "\",\"projectId\":null}");
        assertThat(outside.path("projectId").isNull()).isTrue();

        JsonNode replaced = json(http.put("/api/tasks/" + parentId, "{\"subtasks\":[{\"title\":\"d\"}]}")
                .as(user)
                .send());
        String added = replaced.path("subtasks").get(0).path("id").asString();
        assertThat(json(http.get("/api/tasks/" + added).as(user).send())
                        .path("projectId")
                        .asString())
                .isEqualTo(project);
    }

    @Test
    void aProjectsTasksListWithTheFiltersSortsAndPagingOfTheTaskList() {
        create(http, user, "{\"title\":\"outside\"}");
        create(http, user, "{\"title\":\"a\",\"priority\":\"low\",\"projectId\":\"" + project + "\"}");
        create(
                http,
                user,
                "{\"title\":\"b\",\"priority\":\"high\",\"status\":\"completed\",\"projectId\":\"" + project
                        + "\",\"subtasks\":[{\"title\":\"b1\"}]}");
        create(http, user, "{\"title\":\"c\",\"priority\":\"critical\",\"projectId\":\"" + project + "\"}");

        assertThat(titles("/api/projects/" + project + "/tasks")).containsExactly("a", "b", "c");
        assertThat(titles("/api/tasks?projectId=" + project)).containsExactly("a", "b", "c");
        // a subtask is created with its parent, at the same instant: the two are in either order
        assertThat(titles("/api/tasks?project_id=" + project + "&parentId=any"))
                .containsExactlyInAnyOrder("a", "b", "b1", "c");
        assertThat(titles("/api/projects/" + project + "/tasks?sort=-priority")).containsExactly("c", "b", "a");
        assertThat(titles("/api/projects/" + project + "/tasks?status=pending")).containsExactly("a", "c");
        assertThat(titles("/api/projects/" + project + "/tasks?q=b1&parent_id=any"))
                .containsExactly("b1");

        List<String> seen = new ArrayList<>();
        String next = "/api/projects/" + project + "/tasks?parentId=any&limit=3";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = http.get(next).as(user).send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("4");
            json(page).forEach(task -> seen.add(task.path("title").asString()));
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> URI.create(link.substring(1, link.indexOf('>'))))
                    .map(uri -> uri.getRawPath() + "?" + uri.getRawQuery())
                    .orElse(null);
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "b1", "c");

        assertThat(badField(http.get("/api/tasks?projectId=inbox").as(user).send()))
                .isEqualTo("projectId");
        assertThat(badField(http.get("/api/projects/" + project + "/tasks?status=done")
                        .as(user)
                        .send()))
                .isEqualTo("status");
    }

    @Test
    void progressIsDerivedFromTheTasksUnlessOverridden() {
        assertThat(progress()).isEqualTo(new Progress(0, 0, 0, true));

        create(http, user, "{\"title\":\"done\",\"status\":\"completed\",\"projectId\":\"" + project + "\"}");
        create(http, user, "{\"title\":\"dropped\",\"status\":\"cancelled\",\"projectId\":\"" + project + "\"}");
        // subtasks are tasks of the project too
        create(http, user, "{\"title\":\"open\",\"projectId\":\"" + project + "\",\"subtasks\":[{\"title\":\"s\"}]}");

        // cancelled tasks do not count; 1 of 3 is 33 % (rounded down)
        assertThat(progress()).isEqualTo(new Progress(3, 1, 33, true));
        JsonNode view = json(http.get("/api/projects/" + project).as(user).send());
        assertThat(view.path("progress").asInt()).isEqualTo(33);
        assertThat(view.path("taskCount").asLong()).isEqualTo(3);
        assertThat(view.path("completedTaskCount").asLong()).isEqualTo(1);

        JsonNode overridden = json(http.patch("/api/projects/" + project, "{\"progressOverride\":80}")
                .as(user)
                .send());
        assertThat(overridden.path("progress").asInt()).isEqualTo(80);
        assertThat(overridden.path("progressOverride").asInt()).isEqualTo(80);
        assertThat(overridden.path("taskCount").asLong()).isEqualTo(3);
        assertThat(progress()).isEqualTo(new Progress(3, 1, 80, false));

        json(http.patch("/api/projects/" + project, "{\"progressOverride\":null}")
                .as(user)
                .send());
        assertThat(progress()).isEqualTo(new Progress(3, 1, 33, true));
    }

    private record Progress(long total, long completed, int progress, boolean derived) {}

    private Progress progress() {
        HttpResponse<String> response =
                http.get("/api/projects/" + project + "/progress").as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        return new Progress(
                body.path("total").asLong(),
                body.path("completed").asLong(),
                body.path("progress").asInt(),
                body.path("derived").asBoolean());
    }

    private List<String> titles(String path) {
        HttpResponse<String> response = http.get(path).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(response).forEach(task -> titles.add(task.path("title").asString()));
        return titles;
    }
}
