package org.atom.task.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.note.NoteTestSupport.createNote;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.TestHttp;
import org.atom.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code atom.user.deleted.v1} from auth-service erases the user's notes (with the tasks they link), only theirs. */
@TaskServiceContext
class NoteErasureIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deletingAUserErasesTheirNotesAndTasksAndNobodyElses() {
        TestHttp http = TestHttp.localhost(port);
        String leaving = newUser();
        String staying = newUser();
        String task = create(http, leaving, "{\"title\":\"a\",\"subtasks\":[{\"title\":\"b\"}]}")
                .path("id")
                .asString();
        createNote(http, leaving, "{\"title\":\"linked\",\"taskId\":\"" + task + "\"}");
        createNote(http, leaving, "{\"title\":\"free\"}");
        String stayingTask =
                create(http, staying, "{\"title\":\"c\"}").path("id").asString();
        createNote(http, staying, "{\"title\":\"kept\",\"taskId\":\"" + stayingTask + "\"}");

        String event = """
                {"specversion":"1.0","id":"%s","type":"atom.user.deleted.v1","source":"/auth-service",
                 "subject":"%s","time":"2026-11-27T10:00:00Z","datacontenttype":"application/json",
                 "userid":"%s","data":{"id":"%s"}}""".formatted(UUID.randomUUID(), leaving, leaving, leaving);
        CONTRACTS.assertValid(event);
        TestKafka.broker().send("auth-service.user.v1", leaving, event);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("note", leaving) == 0);
        assertThat(count("task", leaving)).isZero();
        assertThat(count("note", staying)).isOne();
        assertThat(count("task", staying)).isOne();
    }

    private long count(String table, String owner) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE owner_id = ?", Long.class, owner);
    }
}
