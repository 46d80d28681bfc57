package org.atom.task.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.note.NoteTestSupport.TOPIC;
import static org.atom.task.note.NoteTestSupport.awaitEvent;
import static org.atom.task.note.NoteTestSupport.createNote;
import static org.atom.task.note.NoteTestSupport.ofTypeFor;

import java.util.List;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A note never points at a deleted task: deleting the task unlinks its notes, as a change with an event. */
@TaskServiceContext
class NoteTaskLinkIT {

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
    void deletingALinkedTaskUnlinksItsNotesAndThoseOfItsSubtasksWithAnEventEach() {
        JsonNode task = create(http, user, "{\"title\":\"launch\",\"subtasks\":[{\"title\":\"press\"}]}");
        String taskId = task.path("id").asString();
        String subtaskId = task.path("subtasks").get(0).path("id").asString();
        String keptTask = create(http, user, "{\"title\":\"kept\"}").path("id").asString();
        JsonNode onTask = createNote(http, user, "{\"title\":\"plan\",\"taskId\":\"" + taskId + "\"}");
        JsonNode onSubtask = createNote(http, user, "{\"title\":\"release\",\"taskId\":\"" + subtaskId + "\"}");
        JsonNode onKept = createNote(http, user, "{\"title\":\"other\",\"taskId\":\"" + keptTask + "\"}");
        JsonNode free = createNote(http, user, "{\"title\":\"free\"}");

        try (EventCapture events = EventCapture.on(TOPIC)) {
            assertThat(http.delete("/api/tasks/" + taskId).as(user).send().statusCode())
                    .isEqualTo(204);

            List<JsonNode> updated = events.awaitEvents(ofTypeFor("atom.note.updated.v1", user), 2);
            assertThat(updated)
                    .extracting(e -> e.path("subject").asString())
                    .containsExactlyInAnyOrder(
                            onTask.path("id").asString(), onSubtask.path("id").asString());
            for (JsonNode event : updated) {
                CONTRACTS.assertValid(event.toString());
                assertThat(event.path("userid").asString()).isEqualTo(user);
                JsonNode data = event.path("data");
                assertThat(data.path("taskId").isNull()).isTrue();
                assertThat(data.path("version").asLong()).isEqualTo(1);
                assertThat(json(http.get("/api/notes/" + data.path("id").asString())
                                .as(user)
                                .send()))
                        .isEqualTo(data);
            }
            // one event per unlinked note, none for the untouched ones
            assertThat(events.events(ofTypeFor("atom.note.updated.v1", user))).hasSize(2);
        }
        JsonNode kept = json(
                http.get("/api/notes/" + onKept.path("id").asString()).as(user).send());
        assertThat(kept).isEqualTo(onKept);
        assertThat(json(http.get("/api/notes/" + free.path("id").asString())
                        .as(user)
                        .send()))
                .isEqualTo(free);
        assertThat(json(http.get("/api/notes?taskId=" + taskId).as(user).send()))
                .isEmpty();
    }

    @Test
    void droppingASubtaskFromTheInlineArrayUnlinksItsNotes() {
        JsonNode task = create(http, user, "{\"title\":\"trip\",\"subtasks\":[{\"title\":\"visa\"}]}");
        String subtaskId = task.path("subtasks").get(0).path("id").asString();
        String noteId = createNote(http, user, "{\"title\":\"visa papers\",\"taskId\":\"" + subtaskId + "\"}")
                .path("id")
                .asString();

        try (EventCapture events = EventCapture.on(TOPIC)) {
            assertThat(http.put("/api/tasks/" + task.path("id").asString(), "{\"subtasks\":[]}")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(200);

            JsonNode event = awaitEvent(events, "atom.note.updated.v1", user);
            assertThat(event.path("subject").asString()).isEqualTo(noteId);
            assertThat(event.path("data").path("taskId").isNull()).isTrue();
            CONTRACTS.assertValid(event.toString());
        }
    }

    @Test
    void aTaskDeletionThatFailsLeavesItsNotesLinked() {
        String taskId = create(http, user, "{\"title\":\"t\"}").path("id").asString();
        JsonNode note = createNote(http, user, "{\"title\":\"n\",\"taskId\":\"" + taskId + "\"}");

        assertThat(http.delete("/api/tasks/" + taskId)
                        .header("If-Match", "\"7\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);

        assertThat(json(http.get("/api/notes/" + note.path("id").asString())
                        .as(user)
                        .send()))
                .isEqualTo(note);
    }

    @Test
    void aNoteCanBeLinkedToASubtaskAndRelinkedToAnotherTask() {
        JsonNode task = create(http, user, "{\"title\":\"p\",\"subtasks\":[{\"title\":\"c\"}]}");
        String subtaskId = task.path("subtasks").get(0).path("id").asString();
        String note = createNote(http, user, "{\"title\":\"n\",\"taskId\":\"" + subtaskId + "\"}")
                .path("id")
                .asString();

        JsonNode relinked = json(http.put(
                        "/api/notes/" + note, "{\"taskId\":\"" + task.path("id").asString() + "\"}")
                .as(user)
                .send());

        assertThat(relinked.path("taskId").asString()).isEqualTo(task.path("id").asString());
        assertThat(relinked.path("version").asLong()).isEqualTo(1);
    }
}
