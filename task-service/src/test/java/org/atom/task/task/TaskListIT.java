package org.atom.task.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TaskServiceContext
class TaskListIT {

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
    void filtersSelectTheMatchingTasksOnly() {
        String past = Instant.now()
                .minus(2, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String future = Instant.now()
                .plus(2, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        create(
                http,
                user,
                "{\"title\":\"a late report\",\"priority\":\"high\",\"tags\":[\"work\",\"q4\"],\"dueDate\":\"" + past
                        + "\"}");
        create(
                http,
                user,
                "{\"title\":\"b done late\",\"status\":\"completed\",\"tags\":[\"work\"],\"dueDate\":\"" + past
                        + "\"}");
        create(
                http,
                user,
                "{\"title\":\"c future\",\"priority\":\"low\",\"tags\":[\"home\"],\"dueDate\":\"" + future + "\"}");
        JsonNode parent = create(
                http,
                user,
                "{\"title\":\"d no date\",\"status\":\"in_progress\",\"subtasks\":[{\"title\":\"e child report\"}]}");

        assertThat(titles("")).containsExactly("a late report", "b done late", "c future", "d no date");
        assertThat(titles("?status=pending&status=in_progress"))
                .containsExactly("a late report", "c future", "d no date");
        assertThat(titles("?priority=high")).containsExactly("a late report");
        assertThat(titles("?tag=work")).containsExactly("a late report", "b done late");
        assertThat(titles("?tag=work&tag=q4")).containsExactly("a late report");
        assertThat(titles("?overdue=true")).containsExactly("a late report");
        assertThat(titles("?overdue=false")).containsExactly("b done late", "c future", "d no date");
        assertThat(titles("?dueBefore=" + Instant.now())).containsExactly("a late report", "b done late");
        assertThat(titles("?due_after=" + Instant.now())).containsExactly("c future");
        assertThat(titles("?q=report")).containsExactly("a late report");
        assertThat(titles("?q=report&parentId=any")).containsExactly("a late report", "e child report");
        assertThat(titles("?parentId=" + parent.path("id").asString())).containsExactly("e child report");
    }

    @Test
    void sortsOrderByTheirKeyWithTasksLackingItLast() {
        create(http, user, "{\"title\":\"low soon\",\"priority\":\"low\",\"dueDate\":\"2030-01-01\"}");
        create(http, user, "{\"title\":\"critical none\",\"priority\":\"critical\"}");
        create(http, user, "{\"title\":\"medium later\",\"priority\":\"medium\",\"dueDate\":\"2030-06-01T10:00:00Z\"}");

        assertThat(titles("?sort=dueDate")).containsExactly("low soon", "medium later", "critical none");
        assertThat(titles("?sort=-dueDate")).containsExactly("medium later", "low soon", "critical none");
        assertThat(titles("?sort=-priority")).containsExactly("critical none", "medium later", "low soon");
        assertThat(titles("?sort=position")).containsExactly("low soon", "critical none", "medium later");
        assertThat(titles("?sort=-createdAt")).containsExactly("medium later", "critical none", "low soon");
    }

    @Test
    void pagesFollowTheLinkWithTheTotalCountAndNeitherRepeatNorSkip() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // equal priorities: the id decides between them, so pages must cut through ties correctly
            created.add(create(
                            http,
                            user,
                            "{\"title\":\"t" + i + "\",\"priority\":\"" + (i % 2 == 0 ? "low" : "high") + "\"}")
                    .path("id")
                    .asString());
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/tasks?sort=-priority&limit=3";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = http.get(next).as(user).send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("7");
            json(page).forEach(task -> seen.add(task.path("id").asString()));
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> URI.create(link.substring(1, link.indexOf('>'))))
                    .map(uri -> uri.getRawPath() + "?" + uri.getRawQuery())
                    .orElse(null);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void badQueryParametersAreA400NamingTheParameter() {
        assertThat(badField(http.get("/api/tasks?status=done").as(user).send())).isEqualTo("status");
        assertThat(badField(http.get("/api/tasks?priority=p1").as(user).send())).isEqualTo("priority");
        assertThat(badField(http.get("/api/tasks?sort=title").as(user).send())).isEqualTo("sort");
        assertThat(badField(http.get("/api/tasks?dueBefore=soon").as(user).send()))
                .isEqualTo("dueBefore");
        assertThat(badField(http.get("/api/tasks?parentId=x").as(user).send())).isEqualTo("parentId");
        assertThat(badField(http.get("/api/tasks?projectId=1-2-3-4-5").as(user).send()))
                .isEqualTo("projectId");
        assertThat(badField(http.get("/api/tasks?timeZone=Mars/Base").as(user).send()))
                .isEqualTo("timeZone");
        assertThat(badField(http.get("/api/tasks?limit=201").as(user).send())).isEqualTo("limit");
        assertThat(badField(http.get("/api/tasks?q=a%00b").as(user).send())).isEqualTo("q");
        assertThat(badField(http.get("/api/tasks?tag=%20").as(user).send())).isEqualTo("tag");
        // the original parsed any non-empty value as true; here it must be a boolean
        assertThat(http.get("/api/tasks?overdue=nope").as(user).send().statusCode())
                .isEqualTo(400);
        assertThat(http.get("/api/tasks?cursor=garbage").as(user).send().statusCode())
                .isEqualTo(400);
    }

    private List<String> titles(String query) {
        HttpResponse<String> response = http.get("/api/tasks" + query).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(response).forEach(task -> titles.add(task.path("title").asString()));
        return titles;
    }
}
