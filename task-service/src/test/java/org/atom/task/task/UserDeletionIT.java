package org.atom.task.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.createProject;
import static org.atom.task.TaskTestSupport.newUser;
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

/** {@code atom.user.deleted.v1} from auth-service erases the user's tasks and projects, and only theirs. */
@TaskServiceContext
class UserDeletionIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deletingAUserErasesTheirTasksAndProjectsAndNobodyElses() {
        TestHttp http = TestHttp.localhost(port);
        String leaving = newUser();
        String staying = newUser();
        String project =
                createProject(http, leaving, "{\"name\":\"p\"}").path("id").asString();
        createProject(http, leaving, "{\"name\":\"empty\",\"kind\":\"development\"}");
        create(http, leaving, "{\"title\":\"a\",\"projectId\":\"" + project + "\",\"subtasks\":[{\"title\":\"b\"}]}");
        create(http, staying, "{\"title\":\"c\"}");
        String kept =
                createProject(http, staying, "{\"name\":\"kept\"}").path("id").asString();
        create(http, staying, "{\"title\":\"d\",\"projectId\":\"" + kept + "\"}");

        String event = """
                {"specversion":"1.0","id":"%s","type":"atom.user.deleted.v1","source":"/auth-service",
                 "subject":"%s","time":"2026-11-27T10:00:00Z","datacontenttype":"application/json",
                 "userid":"%s","data":{"id":"%s"}}""".formatted(UUID.randomUUID(), leaving, leaving, leaving);
        CONTRACTS.assertValid(event);
        TestKafka.broker().send("auth-service.user.v1", leaving, event);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("task", leaving) == 0);
        assertThat(count("project", leaving)).isZero();
        assertThat(count("task", staying)).isEqualTo(2);
        assertThat(count("project", staying)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM task WHERE owner_id = ? AND project_id = ?::uuid",
                        Long.class,
                        staying,
                        kept))
                .isEqualTo(1);
    }

    private long count(String table, String user) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE owner_id = ?", Long.class, user);
    }
}
