package org.atom.task.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.createProject;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.atom.task.StatementCounter;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@TaskServiceContext
class ProjectListIT {

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
    void filtersSelectTheMatchingProjectsOnly() {
        createProject(http, user, "{\"name\":\"Garden\",\"description\":\"plant the roses\"}");
        createProject(http, user, "{\"name\":\"Old flat\",\"archived\":true}");
        createProject(http, user, "{\"name\":\"atom.app\",\"kind\":\"development\"}");
        createProject(http, user, "{\"name\":\"Legacy site\",\"kind\":\"development\",\"archived\":true}");

        assertThat(names("")).containsExactly("Garden", "Old flat", "atom.app", "Legacy site");
        assertThat(names("?archived=false")).containsExactly("Garden", "atom.app");
        assertThat(names("?archived=true")).containsExactly("Old flat", "Legacy site");
        assertThat(names("?kind=development")).containsExactly("atom.app", "Legacy site");
        assertThat(names("?kind=development&kind=standard")).hasSize(4);
        assertThat(names("?kind=standard&archived=false")).containsExactly("Garden");
        assertThat(names("?q=roses")).containsExactly("Garden");
        assertThat(names("?q=site&archived=true")).containsExactly("Legacy site");
    }

    @Test
    void sortsOrderByTheirKeyAndTheDefaultIsThePosition() {
        createProject(http, user, "{\"name\":\"beta\",\"position\":3}");
        createProject(http, user, "{\"name\":\"Alpha\",\"position\":2}");
        createProject(http, user, "{\"name\":\"gamma\",\"position\":1}");

        assertThat(names("")).containsExactly("gamma", "Alpha", "beta");
        assertThat(names("?sort=position")).containsExactly("gamma", "Alpha", "beta");
        assertThat(names("?sort=-position")).containsExactly("beta", "Alpha", "gamma");
        // case-insensitive
        assertThat(names("?sort=name")).containsExactly("Alpha", "beta", "gamma");
        assertThat(names("?sort=-name")).containsExactly("gamma", "beta", "Alpha");
        assertThat(names("?sort=createdAt")).containsExactly("beta", "Alpha", "gamma");
        assertThat(names("?sort=-createdAt")).containsExactly("gamma", "Alpha", "beta");
    }

    @Test
    void pagesFollowTheLinkWithTheTotalCountAndNeitherRepeatNorSkipInEverySort() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // equal names and positions: the id decides between them, so pages must cut through ties correctly
            created.add(createProject(http, user, "{\"name\":\"p" + (i % 2) + "\",\"position\":" + (i % 3) + "}")
                    .path("id")
                    .asString());
        }
        for (String sort : List.of("position", "-position", "name", "-name", "createdAt", "-createdAt")) {
            List<String> seen = new ArrayList<>();
            String next = "/api/projects?sort=" + sort + "&limit=3";
            int pages = 0;
            while (next != null) {
                HttpResponse<String> page = http.get(next).as(user).send();
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                assertThat(page.headers().firstValue("X-Total-Count")).hasValue("7");
                json(page).forEach(project -> seen.add(project.path("id").asString()));
                next = page.headers()
                        .firstValue("Link")
                        .map(link -> URI.create(link.substring(1, link.indexOf('>'))))
                        .map(uri -> uri.getRawPath() + "?" + uri.getRawQuery())
                        .orElse(null);
                pages++;
            }
            assertThat(pages).as(sort).isEqualTo(3);
            assertThat(seen).as(sort).hasSize(7).containsExactlyInAnyOrderElementsOf(created);
        }
    }

    @Test
    void badQueryParametersAreA400NamingTheParameter() {
        assertThat(badField(http.get("/api/projects?kind=dev").as(user).send())).isEqualTo("kind");
        assertThat(badField(http.get("/api/projects?sort=progress").as(user).send()))
                .isEqualTo("sort");
        assertThat(badField(http.get("/api/projects?limit=0").as(user).send())).isEqualTo("limit");
        assertThat(badField(
                        http.get("/api/projects?q=" + "q".repeat(201)).as(user).send()))
                .isEqualTo("q");
        assertThat(http.get("/api/projects?archived=maybe").as(user).send().statusCode())
                .isEqualTo(400);
        assertThat(badField(http.get("/api/projects?cursor=garbage").as(user).send()))
                .isEqualTo("cursor");
    }

    @Test
    void aListPageCostsTheSameFewStatementsWhateverTheNumbersOfProjectsAndTasks() {
        createProject(http, user, "{\"name\":\"seed\"}");
        long few = statementsOfOneListRequest();
        jdbc.update("""
                INSERT INTO project (id, owner_id, name, kind, position, created_at, updated_at)
                SELECT gen_random_uuid(), ?, 'bulk ' || n, 'standard', n, now(), now()
                FROM generate_series(1, 300) AS n
                """, user);
        jdbc.update("""
                INSERT INTO task (id, owner_id, title, status, completed_at, priority, position, created_at, updated_at,
                  project_id)
                SELECT gen_random_uuid(), p.owner_id, 'task ' || n,
                  CASE WHEN n % 2 = 0 THEN 'completed' ELSE 'pending' END, CASE WHEN n % 2 = 0 THEN now() END,
                  'medium', n, now(), now(), p.id
                FROM project p CROSS JOIN generate_series(1, 4) AS n WHERE p.owner_id = ?
                """, user);
        long many = statementsOfOneListRequest();

        assertThat(many).isEqualTo(few).isLessThanOrEqualTo(5);
        JsonNode first = json(http.get("/api/projects?sort=-name&limit=1")
                        .as(user)
                        .send())
                .get(0);
        assertThat(first.path("taskCount").asLong()).isEqualTo(4);
        assertThat(first.path("completedTaskCount").asLong()).isEqualTo(2);
        assertThat(first.path("progress").asInt()).isEqualTo(50);
    }

    private long statementsOfOneListRequest() {
        return StatementCounter.during(() -> {
            assertThat(http.get("/api/projects?limit=200").as(user).send().statusCode())
                    .isEqualTo(200);
        });
    }

    private List<String> names(String query) {
        HttpResponse<String> response =
                http.get("/api/projects" + query).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).forEach(project -> names.add(project.path("name").asString()));
        return names;
    }
}
