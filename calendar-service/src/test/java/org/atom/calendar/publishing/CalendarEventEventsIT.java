package org.atom.calendar.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.event.EventTestSupport.CONTRACTS;
import static org.atom.calendar.event.EventTestSupport.EVENTS;
import static org.atom.calendar.event.EventTestSupport.JSON;
import static org.atom.calendar.event.EventTestSupport.create;
import static org.atom.calendar.event.EventTestSupport.delete;
import static org.atom.calendar.event.EventTestSupport.get;
import static org.atom.calendar.event.EventTestSupport.json;
import static org.atom.calendar.event.EventTestSupport.newUser;
import static org.atom.calendar.event.EventTestSupport.put;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every change publishes exactly one event per resource it changes on {@code calendar-service.calendar-event.v1},
 * keyed by the owner, each valid against its contract: the event, series or occurrence as the API returns it, or its
 * id when deleted. What a change publishes is taken exactly: everything of the user's between two markers (events
 * created and awaited before and after the change; one user's events keep their order).
 */
@CalendarServiceContext
class CalendarEventEventsIT {

    private static final String CREATED = "atom.calendar.event.created.v1";
    private static final String UPDATED = "atom.calendar.event.updated.v1";
    private static final String DELETED = "atom.calendar.event.deleted.v1";
    private static final String MONDAYS = """
            {"title": "Standup", "startTime": "2026-03-02T09:00:00", "endTime": "2026-03-02T09:30:00",
             "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=6"]}""";

    @LocalServerPort
    int port;

    TestHttp http;
    String user;
    EventCapture capture;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
        capture = EventCapture.on(CalendarEventEvents.TOPIC);
    }

    @AfterEach
    void tearDown() {
        capture.close();
    }

    @Test
    void creatingAnEventPublishesCreatedWithTheEventAsTheApiReturnsIt() {
        AtomicReference<JsonNode> timed = new AtomicReference<>();
        AtomicReference<JsonNode> allDay = new AtomicReference<>();

        List<JsonNode> events = publishedBy(() -> {
            timed.set(create(http, user, """
                    {"title": "Planning", "startTime": "2026-07-01T09:00:00", "endTime": "2026-07-01T10:00:00",
                     "timeZone": "Europe/Berlin", "color": "#ff8800", "attendees": ["ada@example.com"]}"""));
            allDay.set(create(http, user, """
                    {"title": "Leap day", "startDate": "2024-02-29", "recurrence": ["RRULE:FREQ=YEARLY"]}"""));
        });

        assertThat(summary(events))
                .containsExactly(
                        created(timed.get().path("id")), created(allDay.get().path("id")));
        assertThat(events.get(0).path("data")).isEqualTo(timed.get());
        assertThat(events.get(1).path("data")).isEqualTo(allDay.get());
    }

    @Test
    void updatingOrPatchingAnEventPublishesUpdatedWithTheWholeEvent() {
        String id = create(http, user, """
                        {"title": "t", "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();
        AtomicReference<JsonNode> afterPut = new AtomicReference<>();
        AtomicReference<JsonNode> afterPatch = new AtomicReference<>();

        List<JsonNode> events = publishedBy(() -> {
            afterPut.set(put(http, user, id, "{\"title\": \"t2\", \"description\": \"d\"}"));
            HttpResponse<String> patched = http.patch(EVENTS + "/" + id, "{\"description\": null}")
                    .header("Content-Type", "application/merge-patch+json")
                    .as(user)
                    .send();
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            afterPatch.set(json(patched));
        });

        assertThat(summary(events)).containsExactly(UPDATED + " " + id, UPDATED + " " + id);
        assertThat(events.get(0).path("data")).isEqualTo(afterPut.get());
        assertThat(events.get(1).path("data")).isEqualTo(afterPatch.get());
    }

    @Test
    void theTransparencyOfASeriesAndOfAnEditedOccurrenceIsPublished() {
        AtomicReference<JsonNode> series = new AtomicReference<>();
        AtomicReference<JsonNode> edited = new AtomicReference<>();

        List<JsonNode> events = publishedBy(() -> {
            series.set(create(http, user, MONDAYS.replace("}", ", \"transparency\": \"transparent\"}")));
            edited.set(put(
                    http,
                    user,
                    series.get().path("id").asString() + "_20260309T080000Z",
                    "{\"transparency\": \"opaque\"}"));
        });

        assertThat(summary(events))
                .containsExactly(
                        created(series.get().path("id")),
                        UPDATED + " " + edited.get().path("id").asString());
        assertThat(events.get(0).path("data").path("transparency").asString()).isEqualTo("transparent");
        assertThat(events.get(1).path("data").path("transparency").asString()).isEqualTo("opaque");
        assertThat(events.get(1).path("data")).isEqualTo(edited.get());
    }

    @Test
    void deletingAnEventPublishesDeletedWithOnlyItsId() {
        String id = create(http, user, """
                        {"title": "t", "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();

        List<JsonNode> events = publishedBy(() -> delete(http, user, id));

        assertThat(summary(events)).containsExactly(DELETED + " " + id);
        assertThat(events.getFirst().path("data"))
                .isEqualTo(JSON.createObjectNode().put("id", id));
    }

    @Test
    void editingOneOccurrencePublishesUpdatedForThatOccurrenceOnly() {
        String series = create(http, user, MONDAYS).path("id").asString();
        String occurrence = series + "_20260309T080000Z";
        List<JsonNode> edits = new ArrayList<>();

        List<JsonNode> events = publishedBy(() -> {
            edits.add(put(http, user, occurrence, "{\"title\": \"Special\"}"));
            edits.add(put(http, user, occurrence + "?scope=this", "{\"location\": \"Room 2\"}"));
        });

        assertThat(summary(events)).containsExactly(UPDATED + " " + occurrence, UPDATED + " " + occurrence);
        assertThat(events.get(0).path("data")).isEqualTo(edits.get(0));
        assertThat(events.get(1).path("data")).isEqualTo(edits.get(1));
        assertThat(events.get(1).path("data").path("recurringEventId").asString())
                .isEqualTo(series);
        assertThat(events.get(1).path("data").path("version").asLong()).isEqualTo(2);
    }

    @Test
    void thisAndFollowingPublishesTheOldSeriesUpdatedTheNewSeriesCreatedAndMovesLaterEdits() {
        String series = create(http, user, MONDAYS).path("id").asString();
        put(http, user, series + "_20260330T070000Z", "{\"title\": \"Special\"}");
        AtomicReference<JsonNode> rest = new AtomicReference<>();

        List<JsonNode> events = publishedBy(() ->
                rest.set(put(http, user, series + "_20260316T080000Z?scope=following", "{\"location\": \"Room 2\"}")));

        String restId = rest.get().path("id").asString();
        assertThat(summary(events))
                .containsExactly(
                        UPDATED + " " + series,
                        CREATED + " " + restId,
                        DELETED + " " + series + "_20260330T070000Z",
                        UPDATED + " " + restId + "_20260330T070000Z");
        assertThat(events.get(0).path("data")).isEqualTo(get(http, user, "/" + series));
        assertThat(events.get(1).path("data")).isEqualTo(rest.get());
        assertThat(events.get(2).path("data"))
                .isEqualTo(JSON.createObjectNode()
                        .put("id", series + "_20260330T070000Z")
                        .put("recurringEventId", series));
        assertThat(events.get(3).path("data")).isEqualTo(get(http, user, "/" + restId + "_20260330T070000Z"));
        assertThat(events.get(3).path("data").path("title").asString()).isEqualTo("Special");
    }

    @Test
    void thisAndFollowingWithOtherTimesDeletesTheLaterEdits() {
        String series = create(http, user, MONDAYS).path("id").asString();
        put(http, user, series + "_20260330T070000Z", "{\"title\": \"Special\"}");
        AtomicReference<JsonNode> rest = new AtomicReference<>();

        List<JsonNode> events = publishedBy(() -> rest.set(put(
                http,
                user,
                series + "_20260316T080000Z?scope=following",
                "{\"startTime\": \"2026-03-16T10:00:00\", \"endTime\": \"2026-03-16T10:30:00\"}")));

        assertThat(summary(events))
                .containsExactly(
                        UPDATED + " " + series,
                        CREATED + " " + rest.get().path("id").asString(),
                        DELETED + " " + series + "_20260330T070000Z");
    }

    @Test
    void changingTheWholeSeriesPublishesTheSeriesUpdatedAndDeletesTheEditsItNoLongerHas() {
        String series = create(http, user, MONDAYS).path("id").asString();
        AtomicReference<JsonNode> renamed = new AtomicReference<>();
        List<JsonNode> rename = publishedBy(
                () -> renamed.set(put(http, user, series + "_20260309T080000Z?scope=all", "{\"title\": \"Daily\"}")));
        assertThat(summary(rename)).containsExactly(UPDATED + " " + series);
        assertThat(rename.getFirst().path("data")).isEqualTo(renamed.get());

        put(http, user, series + "_20260316T080000Z", "{\"location\": \"Room 2\"}");
        AtomicReference<JsonNode> moved = new AtomicReference<>();
        List<JsonNode> move = publishedBy(() -> moved.set(put(
                http, user, series, "{\"startTime\": \"2026-03-02T10:00:00\", \"endTime\": \"2026-03-02T10:30:00\"}")));
        assertThat(summary(move)).containsExactly(DELETED + " " + series + "_20260316T080000Z", UPDATED + " " + series);
        assertThat(move.get(1).path("data")).isEqualTo(moved.get());
    }

    @Test
    void deletingOneOccurrencePublishesItsDeletionAndTheSeriesUpdatedWithTheExclusion() {
        String series = create(http, user, MONDAYS).path("id").asString();
        put(http, user, series + "_20260316T080000Z", "{\"title\": \"Special\"}");

        List<JsonNode> events = publishedBy(() -> {
            delete(http, user, series + "_20260309T080000Z");
            delete(http, user, series + "_20260316T080000Z?scope=this");
        });

        assertThat(summary(events))
                .containsExactly(
                        DELETED + " " + series + "_20260309T080000Z",
                        UPDATED + " " + series,
                        DELETED + " " + series + "_20260316T080000Z",
                        UPDATED + " " + series);
        assertThat(events.get(0).path("data"))
                .isEqualTo(JSON.createObjectNode()
                        .put("id", series + "_20260309T080000Z")
                        .put("recurringEventId", series));
        assertThat(events.get(1).path("data").path("recurrence").toString())
                .isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=6\",\"EXDATE;TZID=Europe/Berlin:20260309T090000\"]");
        assertThat(events.get(3).path("data")).isEqualTo(get(http, user, "/" + series));
    }

    @Test
    void deletingThisAndFollowingPublishesTheSeriesUpdatedAndDeletesLaterEdits() {
        String series = create(http, user, MONDAYS).path("id").asString();
        put(http, user, series + "_20260330T070000Z", "{\"title\": \"Special\"}");

        List<JsonNode> events = publishedBy(() -> delete(http, user, series + "_20260316T080000Z?scope=following"));

        assertThat(summary(events))
                .containsExactly(DELETED + " " + series + "_20260330T070000Z", UPDATED + " " + series);
        assertThat(events.get(1).path("data")).isEqualTo(get(http, user, "/" + series));
    }

    @Test
    void deletingASeriesPublishesTheDeletionOfEachEditedOccurrenceThenItsOwn() {
        // a whole series goes by its id, from an occurrence with scope=all, or "this and following" from the first
        for (String how : List.of("%s", "%s_20260316T080000Z?scope=all", "%s_20260302T080000Z?scope=following")) {
            String series = create(http, user, MONDAYS).path("id").asString();
            put(http, user, series + "_20260330T070000Z", "{\"title\": \"Special\"}");
            put(http, user, series + "_20260309T080000Z", """
                    {"startTime": "2026-05-01T09:00:00", "endTime": "2026-05-01T09:30:00"}""");

            List<JsonNode> events = publishedBy(() -> delete(http, user, how.formatted(series)));

            // edited occurrences in the order of their original starts, then the series
            assertThat(summary(events))
                    .as(how)
                    .containsExactly(
                            DELETED + " " + series + "_20260309T080000Z",
                            DELETED + " " + series + "_20260330T070000Z",
                            DELETED + " " + series);
            assertThat(events.get(0).path("data"))
                    .isEqualTo(JSON.createObjectNode()
                            .put("id", series + "_20260309T080000Z")
                            .put("recurringEventId", series));
            assertThat(events.get(2).path("data"))
                    .isEqualTo(JSON.createObjectNode().put("id", series));
            assertThat(http.get(EVENTS + "/" + series + "_20260309T080000Z")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void deletingAnAllDaySeriesPublishesItsEditedOccurrencesDeletedByDate() {
        String series = create(http, user, """
                        {"title": "Office day", "startDate": "2026-03-02", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}""").path("id").asString();
        put(http, user, series + "_20260316", "{\"title\": \"Home day\"}");

        List<JsonNode> events = publishedBy(() -> delete(http, user, series));

        assertThat(summary(events)).containsExactly(DELETED + " " + series + "_20260316", DELETED + " " + series);
        assertThat(events.get(0).path("data"))
                .isEqualTo(
                        JSON.createObjectNode().put("id", series + "_20260316").put("recurringEventId", series));
    }

    @Test
    void endingTheRecurrenceOfASeriesDeletesItsEditedOccurrencesBeforeTheUpdate() {
        String series = create(http, user, MONDAYS).path("id").asString();
        put(http, user, series + "_20260316T080000Z", "{\"title\": \"Special\"}");
        put(http, user, series + "_20260309T080000Z", "{\"title\": \"Special\"}");
        AtomicReference<JsonNode> single = new AtomicReference<>();

        // a single event now: it has no occurrences, edited or not
        List<JsonNode> events = publishedBy(() -> single.set(put(http, user, series, "{\"recurrence\": null}")));

        assertThat(summary(events))
                .containsExactly(
                        DELETED + " " + series + "_20260309T080000Z",
                        DELETED + " " + series + "_20260316T080000Z",
                        UPDATED + " " + series);
        assertThat(events.get(2).path("data")).isEqualTo(single.get());
        assertThat(single.get().path("recurrence").toString()).isIn("[]", "null");
    }

    @Test
    void aRefusedChangePublishesNothing() {
        String series = create(http, user, MONDAYS).path("id").asString();
        String other = newUser();

        List<JsonNode> events = publishedBy(() -> {
            assertThat(http.post(EVENTS, "{\"title\": \"\"}").as(user).send().statusCode())
                    .isEqualTo(400);
            assertThat(http.put(EVENTS + "/" + series, "{\"color\": \"magenta\"}")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(400);
            assertThat(http.put(EVENTS + "/" + series, "{\"title\": \"x\"}")
                            .header("If-Match", "\"7\"")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(412);
            assertThat(http.put(EVENTS + "/" + series, "{\"title\": \"x\", \"version\": 7}")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(409);
            assertThat(http.delete(EVENTS + "/" + series + "_20260309T080000Z?scope=all")
                            .as(other)
                            .send()
                            .statusCode())
                    .isEqualTo(404);
            assertThat(http.delete(EVENTS + "/" + series + "_20260310T080000Z")
                            .as(user)
                            .send()
                            .statusCode())
                    .isEqualTo(404);
        });

        assertThat(events).isEmpty();
    }

    /**
     * The user's events the action publishes, in order, each checked: valid against its contract, keyed by and
     * naming the owner, from calendar-service, about data.id.
     */
    private List<JsonNode> publishedBy(Runnable action) {
        String before = marker();
        action.run();
        String after = marker();
        List<ConsumerRecord<String, String>> mine =
                capture.records().stream().filter(r -> user.equals(r.key())).toList();
        int from = indexOf(mine, before);
        int to = indexOf(mine, after);
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : mine.subList(from + 1, to)) {
            CONTRACTS.assertValid(record.value());
            JsonNode event = JSON.readTree(record.value());
            assertThat(event.path("userid").asString()).isEqualTo(user);
            assertThat(event.path("source").asString()).isEqualTo("/calendar-service");
            assertThat(event.path("subject").asString())
                    .isEqualTo(event.path("data").path("id").asString());
            if (!event.path("type").asString().equals(DELETED)) {
                // optional in the schema (older events lack it), always sent now
                assertThat(event.path("data").path("transparency").asString()).isIn("opaque", "transparent");
            }
            events.add(event);
        }
        return events;
    }

    /** Creates an event and waits for its created event: everything the user published before has arrived then. */
    private String marker() {
        String id = create(http, user, """
                        {"title": "marker", "startTime": "2020-01-01T00:00:00Z", "endTime": "2020-01-01T00:01:00Z"}""").path("id").asString();
        capture.awaitEvents(e -> id.equals(e.path("subject").asString()), 1);
        return id;
    }

    private static int indexOf(List<ConsumerRecord<String, String>> records, String markerId) {
        for (int i = 0; i < records.size(); i++) {
            JsonNode event = JSON.readTree(records.get(i).value());
            if (event.path("subject").asString().equals(markerId)) {
                assertThat(event.path("type").asString()).isEqualTo(CREATED);
                return i;
            }
        }
        throw new AssertionError("marker " + markerId + " not captured");
    }

    private static List<String> summary(List<JsonNode> events) {
        return events.stream()
                .map(e -> e.path("type").asString() + " " + e.path("subject").asString())
                .toList();
    }

    private static String created(JsonNode id) {
        return CREATED + " " + id.asString();
    }
}
