package org.atom.task.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.util.ArrayList;
import java.util.List;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** "Blocked by" relations: validation, cycles, the {@code ready} filter, and what deleting a blocker does. */
@TaskServiceContext
class TaskDependencyIT {

    @LocalServerPort
    int port;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
    }

    @Test
    void aTaskBlockedByUnfinishedTasksIsNotReadyUntilTheyAreFinished() {
        String a = create(http, user, "{\"title\":\"a\"}").path("id").asString();
        String b = create(http, user, "{\"title\":\"b\"}").path("id").asString();
        JsonNode c = create(http, user, "{\"title\":\"c\",\"blocked_by\":[\"%s\",\"%s\"]}".formatted(a, b));
        assertThat(ids(c.path("blockedBy"))).containsExactlyInAnyOrder(a, b);

        assertThat(titles("?ready=true")).containsExactly("a", "b");
        assertThat(titles("?ready=false")).containsExactly("c");

        http.patch("/api/tasks/" + a, "{\"status\":\"completed\"}").as(user).send();
        assertThat(titles("?ready=false")).containsExactly("c");
        http.patch("/api/tasks/" + b, "{\"status\":\"cancelled\"}").as(user).send();
        assertThat(titles("?ready=true")).containsExactly("a", "b", "c");
        assertThat(ids(json(http.get("/api/tasks/" + c.path("id").asString())
                                .as(user)
                                .send())
                        .path("blockedBy")))
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void cyclesSelfReferencesAndForeignTasksAreRefused() {
        String a = create(http, user, "{\"title\":\"a\"}").path("id").asString();
        String b = create(http, user, "{\"title\":\"b\",\"blockedBy\":[\"" + a + "\"]}")
                .path("id")
                .asString();
        String c = create(http, user, "{\"title\":\"c\",\"blockedBy\":[\"" + b + "\"]}")
                .path("id")
                .asString();
        String foreign = create(http, newUser(), "{\"title\":\"x\"}").path("id").asString();

        // a → c → b → a would loop
        assertThat(badField(http.put("/api/tasks/" + a, "{\"blockedBy\":[\"" + c + "\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("blockedBy");
        assertThat(badField(http.put("/api/tasks/" + a, "{\"blockedBy\":[\"" + a + "\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("blockedBy");
        assertThat(badField(http.put("/api/tasks/" + a, "{\"blockedBy\":[\"" + foreign + "\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("blockedBy");
        assertThat(badField(http.put("/api/tasks/" + a, "{\"blockedBy\":[\"x\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("blockedBy");
        assertThat(badField(http.post("/api/tasks", "{\"title\":\"d\",\"blockedBy\":\"" + a + "\"}")
                        .as(user)
                        .send()))
                .isEqualTo("blockedBy");
        assertThat(json(http.get("/api/tasks/" + a).as(user).send()).path("blockedBy"))
                .isEmpty();

        // replacing and clearing
        JsonNode replaced = json(http.put("/api/tasks/" + c, "{\"blockedBy\":[\"" + a + "\"]}")
                .as(user)
                .send());
        assertThat(ids(replaced.path("blockedBy"))).containsExactly(a);
        JsonNode cleared = json(
                http.put("/api/tasks/" + c, "{\"blockedBy\":null}").as(user).send());
        assertThat(cleared.path("blockedBy")).isEmpty();
    }

    @Test
    void deletingABlockerUpdatesTheTasksThatWaitedForIt() {
        String a = create(http, user, "{\"title\":\"a\"}").path("id").asString();
        String b = create(http, user, "{\"title\":\"b\",\"blockedBy\":[\"" + a + "\"]}")
                .path("id")
                .asString();

        try (EventCapture events = EventCapture.on("task-service.task.v1")) {
            assertThat(http.delete("/api/tasks/" + a).as(user).send().statusCode())
                    .isEqualTo(204);

            JsonNode updated = events.awaitEvents(
                            e -> e.path("subject").asString().equals(b)
                                    && e.path("type").asString().equals("atom.task.updated.v1"),
                            1)
                    .getFirst();
            assertThat(updated.path("data").path("blockedBy")).isEmpty();
            CONTRACTS.assertValid(updated.toString());
        }
        assertThat(titles("?ready=true")).containsExactly("b");
    }

    private List<String> titles(String query) {
        List<String> titles = new ArrayList<>();
        json(http.get("/api/tasks" + query).as(user).send())
                .forEach(t -> titles.add(t.path("title").asString()));
        return titles;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asString()));
        return ids;
    }
}
