package org.atom.task.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.json;
import static org.atom.task.TaskTestSupport.newUser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
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
class TaskStatsIT {

    /** Zones from UTC-11 to UTC+14: whatever the hour, one of them is at mid-day, far from both midnights. */
    private static final List<ZoneId> ZONES = List.of(
                    "Pacific/Pago_Pago",
                    "Pacific/Honolulu",
                    "America/Los_Angeles",
                    "America/Chicago",
                    "America/Sao_Paulo",
                    "Atlantic/Azores",
                    "UTC",
                    "Europe/Berlin",
                    "Europe/Moscow",
                    "Asia/Dubai",
                    "Asia/Kolkata",
                    "Asia/Bangkok",
                    "Asia/Shanghai",
                    "Asia/Tokyo",
                    "Australia/Sydney",
                    "Pacific/Noumea",
                    "Pacific/Auckland",
                    "Pacific/Kiritimati")
            .stream()
            .map(ZoneId::of)
            .toList();

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
    void statsCountInTheCallersTimeZone() {
        ZoneId zone = zoneAtMidday();
        ZonedDateTime now = ZonedDateTime.now(zone);
        LocalDate today = now.toLocalDate();
        Instant tomorrowStart = today.plusDays(1).atStartOfDay(zone).toInstant();
        Instant todayStart = today.atStartOfDay(zone).toInstant();

        // due today: on the date, and at an instant just before this zone's midnight
        create(http, user, "{\"title\":\"d1\",\"dueDate\":\"" + today + "\",\"timeZone\":\"" + zone + "\"}");
        create(
                http,
                user,
                "{\"title\":\"d2\",\"priority\":\"high\",\"dueDate\":\"" + tomorrowStart.minusSeconds(60) + "\"}");
        // due tomorrow (just after midnight here): not today
        create(http, user, "{\"title\":\"d3\",\"dueDate\":\"" + tomorrowStart.plusSeconds(60) + "\"}");
        // overdue: yesterday's date and an instant passed an hour ago; a finished one is not overdue
        create(
                http,
                user,
                "{\"title\":\"o1\",\"dueDate\":\"" + today.minusDays(1) + "\",\"timeZone\":\"" + zone + "\"}");
        create(
                http,
                user,
                "{\"title\":\"o2\",\"status\":\"in_progress\",\"dueDate\":\""
                        + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        create(http, user, "{\"title\":\"c1\",\"status\":\"completed\",\"dueDate\":\"" + today.minusDays(1) + "\"}");
        create(http, user, "{\"title\":\"x1\",\"status\":\"cancelled\",\"priority\":\"critical\"}");
        String completedYesterday = create(http, user, "{\"title\":\"c2\",\"status\":\"completed\"}")
                .path("id")
                .asString();
        jdbc.update(
                "UPDATE task SET completed_at = ? WHERE id = ?::uuid",
                java.sql.Timestamp.from(todayStart.minusSeconds(60)),
                completedYesterday);

        JsonNode stats =
                json(http.get("/api/tasks/stats?timeZone=" + zone).as(user).send());

        assertThat(stats.path("timeZone").asString()).isEqualTo(zone.getId());
        assertThat(stats.path("total").asLong()).isEqualTo(8);
        assertThat(stats.path("completed").asLong()).isEqualTo(2);
        assertThat(stats.path("pending").asLong()).isEqualTo(4);
        assertThat(stats.path("inProgress").asLong()).isEqualTo(1);
        assertThat(stats.path("cancelled").asLong()).isEqualTo(1);
        assertThat(stats.path("overdue").asLong()).isEqualTo(2);
        // d1, d2, and o2: due an hour ago is due today too (and overdue)
        assertThat(stats.path("dueToday").asLong()).isEqualTo(3);
        assertThat(stats.path("completedToday").asLong()).isEqualTo(1);
        assertThat(stats.path("byPriority").path("high").asLong()).isEqualTo(1);
        assertThat(stats.path("byPriority").path("critical").asLong()).isEqualTo(1);
        assertThat(stats.path("byPriority").path("medium").asLong()).isEqualTo(6);
        assertThat(stats.path("byStatus").path("in_progress").asLong()).isEqualTo(1);
        // the week holds today and, depending on the weekday, yesterday (o1) and tomorrow (d3)
        assertThat(stats.path("dueThisWeek").asLong()).isBetween(3L, 5L);
        assertThat(stats.path("completedThisWeek").asLong()).isBetween(1L, 2L);
    }

    @Test
    void anotherUsersTasksNeverCount() {
        create(http, user, "{\"title\":\"mine\"}");

        JsonNode stats = json(http.get("/api/tasks/stats").as(newUser()).send());

        assertThat(stats.path("total").asLong()).isZero();
        assertThat(stats.path("timeZone").asString()).isEqualTo("UTC");
    }

    @Test
    void aListPageCostsTheSameFewStatementsWhateverTheNumberOfTasks() {
        create(http, user, "{\"title\":\"seed\",\"subtasks\":[{\"title\":\"s\"}]}");
        long few = statementsOfOneListRequest();
        jdbc.update("""
                INSERT INTO task (id, owner_id, title, status, priority, position, created_at, updated_at, tags)
                SELECT gen_random_uuid(), ?, 'bulk ' || n, 'pending', 'medium', n, now(), now(), '{bulk}'
                FROM generate_series(1, 1000) AS n
                """, user);
        long many = statementsOfOneListRequest();

        // the four of TaskQuery; the user's zone is looked up only when a date filter needs it
        assertThat(many).isEqualTo(few).isEqualTo(4);
    }

    private long statementsOfOneListRequest() {
        return StatementCounter.during(() -> {
            assertThat(http.get("/api/tasks?limit=200&parentId=any")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(200);
        });
    }

    private static ZoneId zoneAtMidday() {
        Instant now = Instant.now();
        return ZONES.stream()
                .filter(zone -> {
                    LocalTime local = now.atZone(zone).toLocalTime();
                    return local.isAfter(LocalTime.of(8, 0)) && local.isBefore(LocalTime.of(16, 0));
                })
                .findFirst()
                .orElseThrow();
    }
}
