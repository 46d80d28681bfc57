package org.atom.task.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.CONTRACTS;
import static org.atom.task.TaskTestSupport.JSON;
import static org.atom.task.TaskTestSupport.create;
import static org.atom.task.TaskTestSupport.newUser;
import static org.atom.task.reminder.ReminderTestSupport.get;
import static org.atom.task.reminder.ReminderTestSupport.nextFireAt;
import static org.atom.task.reminder.ReminderTestSupport.remind;
import static org.atom.task.reminder.ReminderTestSupport.remindAt;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.atom.platform.outbox.Outbox;
import org.atom.task.TaskServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reminders fire through the outbox as {@code atom.task.reminder.fired.v1}, once per occurrence and under the
 * occurrence's own event id, also with several scanners at once (the context's own scanner runs every 200 ms
 * besides the ones a test starts). Where a reminder must be due now, the test moves the rows, not the clock.
 */
@TaskServiceContext
class ReminderFiringIT {

    static final String TOPIC = "task-service.task.v1";
    static final String FIRED = "atom.task.reminder.fired.v1";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReminderFiring firing;

    @Autowired
    Outbox outbox;

    TransactionTemplate transactions;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp(@Autowired PlatformTransactionManager transactionManager) {
        transactions = new TransactionTemplate(transactionManager);
        http = TestHttp.localhost(port);
        user = newUser();
    }

    @Test
    void aDueReminderFiresOnceWithItsTaskAndOccurrence() {
        Instant due = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode task = create(
                http, user, "{\"title\":\"Call the bank\",\"dueDate\":\"" + due + "\",\"timeZone\":\"Europe/Berlin\"}");
        String taskId = task.path("id").asString();
        try (EventCapture events = EventCapture.on(TOPIC)) {
            Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
            String id = remindAt(http, user, taskId, at).path("id").asString();

            JsonNode event = events.awaitEvents(firedFor(id), 1).getFirst();

            assertThat(event.path("type").asString()).isEqualTo(FIRED);
            assertThat(event.path("source").asString()).isEqualTo("/task-service");
            assertThat(event.path("subject").asString()).isEqualTo(taskId);
            assertThat(event.path("userid").asString()).isEqualTo(user);
            assertThat(event.path("id").asString())
                    .isEqualTo(occurrenceId(id, at).toString());
            JsonNode data = event.path("data");
            assertThat(data.path("reminderId").asString()).isEqualTo(id);
            assertThat(data.path("taskId").asString()).isEqualTo(taskId);
            assertThat(data.path("title").asString()).isEqualTo("Call the bank");
            assertThat(data.path("dueDate").asString()).isEqualTo(due.toString());
            assertThat(data.path("timeZone").asString()).isEqualTo("Europe/Berlin");
            assertThat(Instant.parse(data.path("scheduledFor").asString())).isEqualTo(at);
            assertThat(Instant.parse(data.path("firedAt").asString())).isAfterOrEqualTo(at);
            CONTRACTS.assertValid(event.toString());
            assertThat(events.records().stream()
                            .filter(r -> r.value().contains(id))
                            .map(r -> r.key()))
                    .containsOnly(user);

            JsonNode reminder = get(http, user, taskId, id);
            assertThat(reminder.path("nextFireAt").isNull()).isTrue();
            assertThat(Instant.parse(reminder.path("firedAt").asString()))
                    .isEqualTo(Instant.parse(data.path("firedAt").asString()));
            firing.fireDue();
            assertThat(outboxEventsOf(id)).hasSize(1);
        }
    }

    @Test
    void aRelativeReminderFiresAgainForANewDueDateButNotForOneWhoseOccurrenceHasPassed() {
        Instant due = Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        String taskId = create(http, user, "{\"title\":\"standup\",\"dueDate\":\"" + due + "\"}")
                .path("id")
                .asString();
        try (EventCapture events = EventCapture.on(TOPIC)) {
            String id = remind(http, user, taskId, "{\"minutesBefore\":30}")
                    .path("id")
                    .asString();

            JsonNode first = events.awaitEvents(firedFor(id), 1).getFirst();
            assertThat(Instant.parse(first.path("data").path("scheduledFor").asString()))
                    .isEqualTo(due.minus(30, ChronoUnit.MINUTES));

            Instant later = due.plus(1, ChronoUnit.DAYS);
            update(taskId, "{\"dueDate\":\"" + later + "\"}");
            JsonNode reminder = get(http, user, taskId, id);
            assertThat(Instant.parse(reminder.path("nextFireAt").asString()))
                    .isEqualTo(later.minus(30, ChronoUnit.MINUTES));
            assertThat(reminder.path("firedAt").asString())
                    .isEqualTo(first.path("data").path("firedAt").asString());

            update(taskId, "{\"dueDate\":\"" + due + "\"}");
            assertThat(nextFireAt(http, user, taskId, id)).isNull();
        }
    }

    @Test
    void twoScannersRacingFireEachOccurrenceOnceUnderItsOwnEventId() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String taskId = create(http, user, "{\"title\":\"task " + t + "\"}")
                    .path("id")
                    .asString();
            for (int r = 0; r < 20; r++) {
                ids.add(remindAt(http, user, taskId, Instant.now().plus(1, ChronoUnit.DAYS))
                        .path("id")
                        .asString());
            }
        }
        Instant due = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try (EventCapture events = EventCapture.on(TOPIC)) {
            // the two scanners start together as the time of all 60 comes at once
            CyclicBarrier together = new CyclicBarrier(3);
            List<Future<Integer>> scanners = List.of(
                    instances.submit(() -> {
                        together.await();
                        return firing.fireDue();
                    }),
                    instances.submit(() -> {
                        together.await();
                        return firing.fireDue();
                    }));
            jdbc.update(
                    "UPDATE task_reminder SET at = ?, next_fire_at = ? WHERE owner_id = ?",
                    Timestamp.from(due),
                    Timestamp.from(due),
                    user);
            together.await(30, TimeUnit.SECONDS);
            int firedByTheTwo =
                    scanners.get(0).get(30, TimeUnit.SECONDS) + scanners.get(1).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> jdbc.queryForObject(
                                    "SELECT count(*) FROM task_reminder WHERE owner_id = ? AND fired_at IS NOT NULL",
                                    Integer.class,
                                    user),
                            fired -> fired == 60);
            assertThat(firedByTheTwo).isBetween(0, 60);
            Map<String, String> eventIdByReminder = new HashMap<>();
            jdbc.query(
                    "SELECT id, payload FROM outbox_event WHERE type = ? AND message_key = ?",
                    rs -> {
                        String reminder = JSON.readTree(rs.getString("payload"))
                                .path("data")
                                .path("reminderId")
                                .asString();
                        assertThat(eventIdByReminder.put(reminder, rs.getString("id")))
                                .as("a second outbox event for reminder %s", reminder)
                                .isNull();
                    },
                    FIRED,
                    user);
            assertThat(eventIdByReminder).hasSize(60).containsOnlyKeys(ids);
            ids.forEach(id -> assertThat(eventIdByReminder.get(id))
                    .isEqualTo(occurrenceId(id, due).toString()));

            List<JsonNode> published = events.awaitEvents(
                    e -> FIRED.equals(e.path("type").asString())
                            && user.equals(e.path("userid").asString()),
                    60);
            Map<String, Set<String>> publishedIds = new HashMap<>();
            published.forEach(e -> publishedIds
                    .computeIfAbsent(e.path("data").path("reminderId").asString(), k -> new HashSet<>())
                    .add(e.path("id").asString()));
            assertThat(publishedIds).hasSize(60);
            publishedIds.forEach((reminder, eventIds) -> assertThat(eventIds)
                    .as("event ids of reminder %s", reminder)
                    .containsExactly(occurrenceId(reminder, due).toString()));
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void anOccurrenceFiredAgainIsTheSameEventAndIsNotPublishedTwice() {
        String taskId = create(http, user, "{\"title\":\"t\"}").path("id").asString();
        String id = remindAt(http, user, taskId, Instant.now().plus(1, ChronoUnit.DAYS))
                .path("id")
                .asString();
        Instant due = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        try (EventCapture events = EventCapture.on(TOPIC)) {
            setDue(id, due);
            firing.fireDue();
            awaitFired(id);
            // an instance whose clock lags behind, or a retry, arms and fires the same occurrence once more
            setDue(id, due);
            firing.fireDue();
            awaitFired(id);
            String marker =
                    create(http, user, "{\"title\":\"after\"}").path("id").asString();
            events.awaitEvents(e -> marker.equals(e.path("subject").asString()), 1);

            assertThat(outboxEventsOf(id)).containsExactly(occurrenceId(id, due).toString());
            assertThat(events.events(firedFor(id)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.path("id").asString())
                            .isEqualTo(occurrenceId(id, due).toString()));
        }
    }

    @Test
    void aScannerGivesWayToAChangeHoldingTheOwnersOutboxLockAndFiresOnceItIsGone() throws Exception {
        String taskId = create(http, user, "{\"title\":\"t\"}").path("id").asString();
        String id = remindAt(http, user, taskId, Instant.now().plus(1, ChronoUnit.DAYS))
                .path("id")
                .asString();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        try {
            // a change of this user's that has written its event and has not committed yet
            Future<?> change = elsewhere.submit(() -> transactions.executeWithoutResult(status -> {
                outbox.publish(TOPIC, "atom.task.updated.v1", taskId, user, Map.of("id", taskId));
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status.setRollbackOnly();
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            setDue(id, Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS));

            assertThat(firing.fireDue()).isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT next_fire_at IS NOT NULL FROM task_reminder WHERE id = ?",
                            Boolean.class,
                            UUID.fromString(id)))
                    .isTrue();

            release.countDown();
            change.get(30, TimeUnit.SECONDS);
            awaitFired(id);
            assertThat(outboxEventsOf(id)).hasSize(1);
        } finally {
            release.countDown();
            elsewhere.shutdownNow();
        }
    }

    /** The documented event id of an occurrence, derived here independently of the code under test. */
    private static UUID occurrenceId(String reminderId, Instant scheduledFor) {
        return UUID.nameUUIDFromBytes((reminderId + "/" + scheduledFor).getBytes(StandardCharsets.UTF_8));
    }

    private static Predicate<JsonNode> firedFor(String reminderId) {
        return e -> FIRED.equals(e.path("type").asString())
                && reminderId.equals(e.path("data").path("reminderId").asString());
    }

    private List<String> outboxEventsOf(String reminderId) {
        return jdbc.queryForList(
                "SELECT id::text FROM outbox_event WHERE type = ? AND (payload::jsonb -> 'data' ->> 'reminderId') = ?",
                String.class,
                FIRED,
                reminderId);
    }

    private void setDue(String reminderId, Instant due) {
        jdbc.update(
                "UPDATE task_reminder SET at = ?, next_fire_at = ? WHERE id = ?",
                Timestamp.from(due),
                Timestamp.from(due),
                UUID.fromString(reminderId));
    }

    private void awaitFired(String reminderId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                        "SELECT next_fire_at IS NULL FROM task_reminder WHERE id = ?",
                        Boolean.class,
                        UUID.fromString(reminderId)));
    }

    private void update(String task, String body) {
        var response = http.put("/api/tasks/" + task, body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
