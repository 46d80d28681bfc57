package org.atom.task.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.badField;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.note.NoteTestSupport.allPages;
import static org.atom.task.note.NoteTestSupport.createNote;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
class NoteListIT {

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
    void filtersSelectTheMatchingNotesOnly() {
        String task = create(http, user, "{\"title\":\"launch\"}").path("id").asString();
        String otherTask =
                create(http, user, "{\"title\":\"hiring\"}").path("id").asString();
        createNote(http, user, """
                {"title":"a memo","tags":["home"]}""");
        createNote(http, user, """
                {"title":"b minutes","type":"meeting_notes","calendarEventId":"evt-1","taskId":"%s",
                 "tags":["work","q4"],"pinned":true}""".formatted(task));
        createNote(http, user, """
                {"title":"c brief","type":"project_brief","taskId":"%s","tags":["work"]}""".formatted(task));
        createNote(http, user, """
                {"title":"d minutes","type":"meeting_notes","calendarEventId":"evt-2","taskId":"%s",
                 "pinned":true}""".formatted(otherTask));

        assertThat(byTitle("")).containsExactly("a memo", "b minutes", "c brief", "d minutes");
        assertThat(byTitle("&type=meeting_notes")).containsExactly("b minutes", "d minutes");
        assertThat(byTitle("&type=meeting_notes&type=project_brief"))
                .containsExactly("b minutes", "c brief", "d minutes");
        assertThat(byTitle("&taskId=" + task)).containsExactly("b minutes", "c brief");
        assertThat(byTitle("&task_id=" + otherTask)).containsExactly("d minutes");
        assertThat(byTitle("&calendarEventId=evt-1")).containsExactly("b minutes");
        assertThat(byTitle("&calendar_event_id=evt-2")).containsExactly("d minutes");
        assertThat(byTitle("&pinned=true")).containsExactly("b minutes", "d minutes");
        assertThat(byTitle("&pinned=false")).containsExactly("a memo", "c brief");
        assertThat(byTitle("&tag=work")).containsExactly("b minutes", "c brief");
        assertThat(byTitle("&tag=work&tag=q4")).containsExactly("b minutes");
        assertThat(byTitle("&type=meeting_notes&pinned=true&taskId=" + task)).containsExactly("b minutes");
        assertThat(byTitle("&type=personal_memo&pinned=true")).isEmpty();
    }

    @Test
    void textSearchFindsWordsInTheTitleOrTheContent() {
        createNote(http, user, """
                {"title":"Quarterly Review","content":"Revenue **grew**; hiring paused."}""");
        createNote(http, user, """
                {"title":"Groceries","content":"- milk\\n- bread\\n- review the budget"}""");
        createNote(http, user, """
                {"title":"Trip","content":"Pack light."}""");

        assertThat(byTitle("&q=review")).containsExactly("Groceries", "Quarterly Review");
        assertThat(byTitle("&q=REVENUE")).containsExactly("Quarterly Review");
        assertThat(byTitle("&q=grew")).containsExactly("Quarterly Review");
        assertThat(byTitle("&q=review%20budget")).containsExactly("Groceries");
        assertThat(byTitle("&q=milk&pinned=false")).containsExactly("Groceries");
        assertThat(byTitle("&q=unicorn")).isEmpty();
        assertThat(byTitle("&q=%20")).containsExactly("Groceries", "Quarterly Review", "Trip");
        HttpResponse<String> found = http.get("/api/notes?q=review").as(user).send();
        assertThat(found.headers().firstValue("X-Total-Count")).hasValue("2");
    }

    @Test
    void theNewestEditIsFirstByDefaultAndEverySortHasADirection() {
        String first = createNote(http, user, "{\"title\":\"beta\"}").path("id").asString();
        createNote(http, user, "{\"title\":\"Alpha\"}");
        createNote(http, user, "{\"title\":\"gamma\"}");
        setTimes(first, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        http.put("/api/notes/" + first, "{\"content\":\"edited last\"}")
                .as(user)
                .send();

        assertThat(titles("")).containsExactly("beta", "gamma", "Alpha");
        assertThat(titles("&sort=-updatedAt")).containsExactly("beta", "gamma", "Alpha");
        assertThat(titles("&sort=updatedAt")).containsExactly("Alpha", "gamma", "beta");
        assertThat(titles("&sort=createdAt")).containsExactly("beta", "Alpha", "gamma");
        assertThat(titles("&sort=-createdAt")).containsExactly("gamma", "Alpha", "beta");
        // titles sort without regard to case
        assertThat(titles("&sort=title")).containsExactly("Alpha", "beta", "gamma");
        assertThat(titles("&sort=-title")).containsExactly("gamma", "beta", "Alpha");
    }

    @Test
    void pagesFollowTheLinkThroughTiesWithoutRepeatingOrSkipping() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // three titles differing only in case and one timestamp for all: the id decides between them
            ids.add(createNote(
                            http, user, "{\"title\":\"" + (i % 3 == 0 ? "Same" : i % 3 == 1 ? "same" : "other") + "\"}")
                    .path("id")
                    .asString());
        }
        for (String id : ids) {
            setTimes(id, "2026-05-01T12:00:00.123456Z", "2026-06-01T08:30:00.654321Z");
        }
        // PostgreSQL orders uuids bytewise, as their lower-case text sorts (java.util.UUID compares signed longs)
        List<String> byId = ids.stream().sorted().toList();
        List<String> byIdDescending = byId.reversed();

        for (String sort : List.of("updatedAt", "createdAt")) {
            assertThat(idsOf(allPages(http, user, "/api/notes?limit=3&sort=" + sort, 7, 3)))
                    .as(sort)
                    .containsExactlyElementsOf(byId);
            assertThat(idsOf(allPages(http, user, "/api/notes?limit=3&sort=-" + sort, 7, 3)))
                    .as("-" + sort)
                    .containsExactlyElementsOf(byIdDescending);
        }
        assertThat(idsOf(allPages(http, user, "/api/notes?limit=3", 7, 3))).containsExactlyElementsOf(byIdDescending);

        List<JsonNode> byTitle = allPages(http, user, "/api/notes?limit=2&sort=title", 7, 4);
        assertThat(byTitle.stream()
                        .map(n -> n.path("title").asString().toLowerCase(Locale.ROOT))
                        .toList())
                .isSorted();
        assertThat(idsOf(byTitle)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        List<JsonNode> byTitleDescending = allPages(http, user, "/api/notes?limit=2&sort=-title", 7, 4);
        assertThat(idsOf(byTitleDescending))
                .containsExactlyElementsOf(idsOf(byTitle).reversed());

        // paging keeps the filters: the next link of a filtered list stays filtered
        assertThat(allPages(http, user, "/api/notes?limit=1&q=same&sort=title", 5, 5))
                .allSatisfy(n -> assertThat(n.path("title").asString()).isEqualToIgnoringCase("same"));
    }

    @Test
    void aCursorOnlyContinuesTheOrderThatMadeIt() {
        for (int i = 0; i < 3; i++) {
            createNote(http, user, "{\"title\":\"n" + i + "\"}");
        }
        HttpResponse<String> page =
                http.get("/api/notes?limit=1&sort=title").as(user).send();
        String link = page.headers().firstValue("Link").orElseThrow();
        URI next = URI.create(link.substring(1, link.indexOf('>')));
        String cursor = next.getRawQuery().replaceAll(".*cursor=([^&]+).*", "$1");

        assertThat(badField(http.get("/api/notes?sort=-updatedAt&cursor=" + cursor)
                        .as(user)
                        .send()))
                .isEqualTo("cursor");
        assertThat(badField(http.get("/api/notes?sort=-title&cursor=" + cursor)
                        .as(user)
                        .send()))
                .isEqualTo("cursor");
        assertThat(http.get("/api/notes?sort=title&cursor=" + cursor)
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void badQueryParametersAreA400NamingTheParameter() {
        assertThat(badField(http.get("/api/notes?type=diary").as(user).send())).isEqualTo("type");
        assertThat(badField(http.get("/api/notes?taskId=x").as(user).send())).isEqualTo("taskId");
        assertThat(badField(http.get("/api/notes?task_id=" + "1".repeat(36))
                        .as(user)
                        .send()))
                .isEqualTo("taskId");
        assertThat(badField(http.get("/api/notes?calendarEventId=" + encode("two words"))
                        .as(user)
                        .send()))
                .isEqualTo("calendarEventId");
        assertThat(badField(http.get("/api/notes?pinned=maybe").as(user).send()))
                .isEqualTo("pinned");
        assertThat(badField(http.get("/api/notes?tag=%20").as(user).send())).isEqualTo("tag");
        assertThat(badField(
                        http.get("/api/notes?tag=" + "t".repeat(51)).as(user).send()))
                .isEqualTo("tag");
        assertThat(badField(http.get("/api/notes?q=a%00b").as(user).send())).isEqualTo("q");
        assertThat(badField(http.get("/api/notes?q=" + "w".repeat(201)).as(user).send()))
                .isEqualTo("q");
        assertThat(badField(http.get("/api/notes?sort=priority").as(user).send()))
                .isEqualTo("sort");
        assertThat(badField(http.get("/api/notes?limit=0").as(user).send())).isEqualTo("limit");
        assertThat(badField(http.get("/api/notes?cursor=garbage").as(user).send()))
                .isEqualTo("cursor");
        assertThat(badField(http.get("/api/notes/not-a-uuid").as(user).send())).isEqualTo("id");
    }

    @Test
    void aListPageCostsTheSameTwoStatementsWhateverTheNumberOfNotes() {
        createNote(http, user, "{\"title\":\"seed report\",\"tags\":[\"bulk\"]}");
        long few = statementsOfOneListRequest();
        jdbc.update("""
                INSERT INTO note (id, owner_id, title, content, tags, created_at, updated_at)
                SELECT gen_random_uuid(), ?, 'bulk report ' || n, repeat('text ', 200), '{bulk}', now(), now()
                FROM generate_series(1, 1000) AS n
                """, user);
        long many = statementsOfOneListRequest();

        assertThat(many).isEqualTo(few).isEqualTo(2);
    }

    private long statementsOfOneListRequest() {
        return StatementCounter.during(() -> {
            HttpResponse<String> page = http.get("/api/notes?limit=200&tag=bulk&q=report&sort=title")
                    .as(user)
                    .send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        });
    }

    private void setTimes(String id, String createdAt, String updatedAt) {
        jdbc.update(
                "UPDATE note SET created_at = ?, updated_at = ? WHERE id = ?::uuid",
                Timestamp.from(Instant.parse(createdAt)),
                Timestamp.from(Instant.parse(updatedAt).truncatedTo(ChronoUnit.MICROS)),
                id);
    }

    /** Titles of the first page in title order. */
    private List<String> byTitle(String query) {
        return titles("&sort=title" + query);
    }

    private List<String> titles(String query) {
        HttpResponse<String> response =
                http.get("/api/notes?limit=200" + query).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(response).forEach(note -> titles.add(note.path("title").asString()));
        return titles;
    }

    private static List<String> idsOf(List<JsonNode> notes) {
        return notes.stream().map(n -> n.path("id").asString()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
