package org.atom.task.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@TaskServiceContext
class TaskBulkIT {

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
    void eachOperationSucceedsOrFailsOnItsOwnWithAResultInOrder() {
        String toUpdate = create(http, user, "{\"title\":\"old\"}").path("id").asString();
        String toComplete = create(http, user, "{\"title\":\"do\"}").path("id").asString();
        String toDelete = create(http, user, "{\"title\":\"gone\"}").path("id").asString();
        String foreign =
                create(http, newUser(), "{\"title\":\"not yours\"}").path("id").asString();

        HttpResponse<String> response = http.post(
                        "/api/tasks/bulk", """
                        {"operations":[
                          {"op":"create","ref":"a","task":{"title":"new one","priority":"high"}},
                          {"op":"create","ref":"b","task":{"title":""}},
                          {"op":"update","id":"%s","task":{"title":"renamed"}},
                          {"op":"complete","id":"%s"},
                          {"op":"delete","id":"%s"},
                          {"op":"delete","id":"%s"},
                          {"op":"archive","id":"%s"},
                          {"op":"update","id":"nope","task":{}}
                        ]}""".formatted(toUpdate, toComplete, toDelete, foreign, toUpdate))
                .as(user)
                .send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        JsonNode results = body.path("results");
        assertThat(results).hasSize(8);
        assertThat(body.path("succeeded").asInt()).isEqualTo(4);
        assertThat(body.path("failed").asInt()).isEqualTo(4);

        assertThat(results.get(0).path("status").asInt()).isEqualTo(201);
        assertThat(results.get(0).path("ref").asString()).isEqualTo("a");
        assertThat(results.get(0).path("task").path("priority").asString()).isEqualTo("high");
        assertThat(results.get(1).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).path("ref").asString()).isEqualTo("b");
        assertThat(results.get(1)
                        .path("error")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("title");
        assertThat(results.get(2).path("task").path("title").asString()).isEqualTo("renamed");
        assertThat(results.get(3).path("task").path("status").asString()).isEqualTo("completed");
        assertThat(results.get(4).path("status").asInt()).isEqualTo(204);
        assertThat(results.get(5).path("status").asInt())
                .as("another user's task")
                .isEqualTo(404);
        assertThat(results.get(6)
                        .path("error")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("op");
        assertThat(results.get(7)
                        .path("error")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("id");

        assertThat(http.get("/api/tasks/" + toDelete).as(user).send().statusCode())
                .isEqualTo(404);
        assertThat(http.get("/api/tasks/" + foreign).as(user).send().statusCode())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM task WHERE id = ?::uuid", Long.class, foreign))
                .isEqualTo(1);
        assertThat(json(http.get("/api/tasks").as(user).send())).hasSize(3);
    }

    @Test
    void aStaleVersionFailsOnlyItsOperation() {
        String id = create(http, user, "{\"title\":\"t\"}").path("id").asString();
        http.put("/api/tasks/" + id, "{\"title\":\"t2\"}").as(user).send();

        JsonNode results = json(http.post("/api/tasks/bulk", """
                        {"operations":[{"op":"complete","id":"%s","version":0},{"op":"create","task":{"title":"x"}}]}""".formatted(id))
                        .as(user)
                        .send())
                .path("results");

        assertThat(results.get(0).path("status").asInt()).isEqualTo(409);
        assertThat(results.get(1).path("status").asInt()).isEqualTo(201);
    }

    @Test
    void theRequestItselfMustHoldOneToAHundredOperations() {
        assertThat(badField(http.post("/api/tasks/bulk", "{}").as(user).send())).isEqualTo("operations");
        assertThat(badField(http.post("/api/tasks/bulk", "{\"operations\":[]}")
                        .as(user)
                        .send()))
                .isEqualTo("operations");
        StringBuilder tooMany = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",")
                    .append("{\"op\":\"delete\",\"id\":\"")
                    .append(UUID.randomUUID())
                    .append("\"}");
        }
        assertThat(badField(
                        http.post("/api/tasks/bulk", tooMany + "]}").as(user).send()))
                .isEqualTo("operations");
    }
}
