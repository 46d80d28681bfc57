package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.atom.e2e.Accounts.Session;
import org.atom.testkit.AtomSuite;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** task-service through the gateway — tasks, projects, notes, bulk and stats — with real auth-service accounts. */
@ExtendWith(RunningSuite.class)
class TasksIT {

    private final TestHttp gateway = RunningSuite.gateway();

    @Test
    void tasksArePagedThroughTheGatewayWithLinksThatWorkThere() {
        Session ada = Accounts.register(Accounts.uniqueEmail("tasks"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = gateway.post("/api/tasks", "{\"title\":\"t" + i + "\"}")
                    .bearer(ada.accessToken())
                    .send();
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }

        HttpResponse<String> first =
                gateway.get("/api/tasks?limit=2").bearer(ada.accessToken()).send();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("3");
        String link = first.headers().firstValue("Link").orElseThrow();
        String next = link.substring(1, link.indexOf('>'));
        assertThat(next).startsWith("http://127.0.0.1:" + RunningSuite.suite().port(AtomSuite.GATEWAY) + "/api/tasks?");
        HttpResponse<String> second = gateway.get(next.substring(next.indexOf("/api/")))
                .bearer(ada.accessToken())
                .send();
        assertThat(json(second)).hasSize(1);
    }

    @Test
    void anotherUsersTaskIsNotFoundThroughTheGateway() {
        Session ada = Accounts.register(Accounts.uniqueEmail("owner"));
        Session eve = Accounts.register(Accounts.uniqueEmail("intruder"));
        String id = json(gateway.post("/api/tasks", "{\"title\":\"private\"}")
                        .bearer(ada.accessToken())
                        .send())
                .path("id")
                .asString();

        assertThat(gateway.get("/api/tasks/" + id)
                        .bearer(eve.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(gateway.delete("/api/tasks/" + id)
                        .bearer(eve.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(gateway.get("/api/tasks/" + id)
                        .bearer(ada.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void projectsNotesBulkAndStatsWorkThroughTheGateway() {
        String token = Accounts.register(Accounts.uniqueEmail("projects")).accessToken();

        HttpResponse<String> project = gateway.post(
                        "/api/projects", "{\"name\":\"atom.app\",\"kind\":\"development\",\"color\":\"Blue\"}")
                .bearer(token)
                .send();
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        String projectId = json(project).path("id").asString();
        assertThat(json(project).path("development").path("status").asString()).isEqualTo("building");

        HttpResponse<String> bulk = gateway.post("/api/tasks/bulk", """
                        {"operations":[
                          {"op":"create","task":{"title":"design","projectId":"%s","status":"completed"}},
                          {"op":"create","task":{"title":"build","projectId":"%s"}},
                          {"op":"create","task":{"title":""}}
                        ]}""".formatted(projectId, projectId))
                .bearer(token)
                .send();
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
        assertThat(json(bulk).path("succeeded").asInt()).isEqualTo(2);
        assertThat(json(bulk).path("results").get(2).path("status").asInt()).isEqualTo(400);

        JsonNode progress = json(gateway.get("/api/projects/" + projectId + "/progress")
                .bearer(token)
                .send());
        assertThat(progress.path("progress").asInt()).isEqualTo(50);
        assertThat(json(gateway.get("/api/projects/" + projectId + "/tasks")
                        .bearer(token)
                        .send()))
                .hasSize(2);

        HttpResponse<String> note = gateway.post(
                        "/api/notes", "{\"title\":\"Kick-off\",\"content\":\"# Agenda\",\"type\":\"meeting_notes\"}")
                .bearer(token)
                .send();
        assertThat(note.statusCode()).as(note.body()).isEqualTo(201);
        assertThat(json(gateway.get("/api/notes?q=agenda").bearer(token).send()))
                .hasSize(1);

        JsonNode stats = json(gateway.get("/api/tasks/stats").bearer(token).send());
        assertThat(stats.path("total").asInt()).isEqualTo(2);
        assertThat(stats.path("completed").asInt()).isEqualTo(1);
    }

    @Test
    void deletingTheAccountErasesTheUsersTasksInTaskService() {
        Session ada = Accounts.register(Accounts.uniqueEmail("erased-tasks"));
        gateway.post("/api/tasks", "{\"title\":\"soon gone\"}")
                .bearer(ada.accessToken())
                .send();
        assertThat(json(gateway.get("/api/tasks").bearer(ada.accessToken()).send()))
                .hasSize(1);

        assertThat(gateway.delete("/api/auth/account")
                        .bearer(ada.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(204);

        // the access token outlives the account by at most its TTL: long enough to watch the erasure arrive
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode tasks =
                    json(gateway.get("/api/tasks").bearer(ada.accessToken()).send());
            assertThat(tasks).isEmpty();
        });
    }
}
