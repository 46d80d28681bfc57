package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.event.EventTestSupport.EVENTS;
import static org.atom.calendar.event.EventTestSupport.badField;
import static org.atom.calendar.event.EventTestSupport.create;
import static org.atom.calendar.event.EventTestSupport.each;
import static org.atom.calendar.event.EventTestSupport.get;
import static org.atom.calendar.event.EventTestSupport.json;
import static org.atom.calendar.event.EventTestSupport.newUser;
import static org.atom.calendar.event.EventTestSupport.put;
import static org.atom.calendar.event.EventTestSupport.window;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Writing single events: create ({@code Location}, {@code ETag}, {@code Idempotency-Key}), partial {@code PUT}
 * ({@code null} clears), merge-patch {@code PATCH}, {@code DELETE}; conditional requests; colours; how times are read
 * (local times in {@code timeZone}, offsets without one, DST gaps); all-day events with an exclusive end date.
 */
@CalendarServiceContext
class EventCrudIT {

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
    void creatingAnEventReturnsItWithLocationAndETag() {
        HttpResponse<String> response = http.post(EVENTS, """
                        {"title": "  Planning  ", "description": "Q3 goals", "location": "Room 4.12",
                         "start_time": "2026-07-01T09:00:00", "end_time": "2026-07-01T10:30:00",
                         "time_zone": "Europe/Berlin", "color": "Blue", "status": "tentative", "event_type": "focusTime",
                         "attendees": ["Ada@Example.com",
                                       {"email": "grace@example.org", "name": "Grace", "optional": true,
                                        "responseStatus": "accepted"}],
                         "reminders": {"useDefault": false, "overrides": [{"method": "popup", "minutes": 10}]}}""").as(user).send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode event = json(response);
        String id = event.path("id").asString();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/calendar/events/" + id);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(event.path("iCalUID").asString()).isEqualTo(id + "@atom");
        assertThat(event.path("title").asString()).isEqualTo("Planning");
        assertThat(event.path("description").asString()).isEqualTo("Q3 goals");
        assertThat(event.path("location").asString()).isEqualTo("Room 4.12");
        assertThat(event.path("color").asString()).isEqualTo("blue");
        assertThat(event.path("status").asString()).isEqualTo("tentative");
        assertThat(event.path("eventType").asString()).isEqualTo("focusTime");
        assertThat(event.path("transparency").asString()).as("the default").isEqualTo("opaque");
        assertThat(event.path("allDay").asBoolean()).isFalse();
        // 09:00 CEST
        assertThat(event.path("startTime").asString()).isEqualTo("2026-07-01T07:00:00Z");
        assertThat(event.path("endTime").asString()).isEqualTo("2026-07-01T08:30:00Z");
        assertThat(event.path("startDate").isNull()).isTrue();
        assertThat(event.path("endDate").isNull()).isTrue();
        assertThat(event.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(event.path("recurrence").toString()).isEqualTo("[]");
        assertThat(event.path("recurringEventId").isNull()).isTrue();
        assertThat(event.path("originalStartTime").isNull()).isTrue();
        assertThat(event.path("attendees").toString())
                .isEqualTo("[{\"email\":\"ada@example.com\",\"name\":null,\"optional\":false,"
                        + "\"responseStatus\":\"needsAction\"},{\"email\":\"grace@example.org\",\"name\":\"Grace\","
                        + "\"optional\":true,\"responseStatus\":\"accepted\"}]");
        assertThat(event.path("reminders").toString())
                .isEqualTo("{\"useDefault\":false,\"overrides\":[{\"method\":\"popup\",\"minutes\":10}]}");
        assertThat(event.path("version").asLong()).isEqualTo(1);
        assertThat(event.path("updatedAt")).isEqualTo(event.path("createdAt"));
        assertThat(get(http, user, "/" + id)).isEqualTo(event);
    }

    @Test
    void localTimesAreReadInTheTimeZoneAndOffsetsNeedNone() {
        JsonNode local = create(http, user, """
                {"title": "t", "startTime": "2026-07-01T09:00:00", "endTime": "2026-07-01T10:00:00",
                 "timeZone": "America/New_York"}""");
        assertThat(local.path("startTime").asString()).isEqualTo("2026-07-01T13:00:00Z");
        assertThat(local.path("timeZone").asString()).isEqualTo("America/New_York");

        // without a zone the event is shown in the user's (UTC until auth-service says otherwise)
        JsonNode offset = create(http, user, """
                {"title": "t", "startTime": "2026-07-01T09:00:00+02:00", "endTime": "2026-07-01T10:00:00+02:00"}""");
        assertThat(offset.path("startTime").asString()).isEqualTo("2026-07-01T07:00:00Z");
        assertThat(offset.path("endTime").asString()).isEqualTo("2026-07-01T08:00:00Z");
        assertThat(offset.path("timeZone").asString()).isEqualTo("UTC");

        JsonNode both = create(http, user, """
                {"title": "t", "startTime": "2026-07-01T09:00:00-04:00", "endTime": "2026-07-01T10:00:00",
                 "timeZone": "America/New_York"}""");
        assertThat(both.path("startTime").asString()).isEqualTo("2026-07-01T13:00:00Z");
        assertThat(both.path("endTime").asString()).isEqualTo("2026-07-01T14:00:00Z");

        // 02:30 does not exist in Berlin on 29 March 2026: moved forward by the gap, to 03:30 CEST
        JsonNode gap = create(http, user, """
                {"title": "t", "startTime": "2026-03-29T02:30:00", "endTime": "2026-03-29T04:00:00",
                 "timeZone": "Europe/Berlin"}""");
        assertThat(gap.path("startTime").asString()).isEqualTo("2026-03-29T01:30:00Z");
        assertThat(gap.path("endTime").asString()).isEqualTo("2026-03-29T02:00:00Z");
    }

    @Test
    void allDayEventsHaveDatesWithAnExclusiveEnd() {
        JsonNode trip = create(http, user, """
                {"title": "Trip", "startDate": "2026-07-01", "endDate": "2026-07-03"}""");
        assertThat(trip.path("allDay").asBoolean()).isTrue();
        assertThat(trip.path("startDate").asString()).isEqualTo("2026-07-01");
        assertThat(trip.path("endDate").asString()).isEqualTo("2026-07-03");
        assertThat(trip.path("startTime").isNull()).isTrue();
        assertThat(trip.path("endTime").isNull()).isTrue();
        assertThat(trip.path("timeZone").isNull()).isTrue();

        JsonNode day = create(http, user, """
                {"title": "Holiday", "all_day": true, "start_date": "2026-07-10"}""");
        assertThat(day.path("endDate").asString()).isEqualTo("2026-07-11");

        // the days are the viewer's: 1 and 2 July, not 3 July, wherever the viewer is
        for (String zone : new String[] {"UTC", "Pacific/Auckland", "America/Los_Angeles"}) {
            assertThat(each(window(http, user, "start=2026-07-02&end=2026-07-02&timeZone=" + zone), "title"))
                    .as(zone)
                    .containsExactly("Trip");
            assertThat(window(http, user, "start=2026-07-03&end=2026-07-09&timeZone=" + zone))
                    .as(zone)
                    .isEmpty();
            assertThat(window(http, user, "start=2026-06-30&end=2026-06-30&timeZone=" + zone))
                    .as(zone)
                    .isEmpty();
        }

        JsonNode longer = put(http, user, trip.path("id").asString(), "{\"endDate\": \"2026-07-05\"}");
        assertThat(longer.path("startDate").asString()).isEqualTo("2026-07-01");
        assertThat(longer.path("endDate").asString()).isEqualTo("2026-07-05");
    }

    @Test
    void anAllDayEventKeepsNoTimeZoneAndOneSentWithItOnlyReadsTheRequest() {
        JsonNode holiday = create(http, user, """
                {"title": "Holiday", "startDate": "2026-07-10", "timeZone": "Europe/Berlin"}""");
        assertThat(holiday.path("timeZone").isNull()).isTrue();
        assertThat(get(http, user, "/" + holiday.path("id").asString())
                        .path("timeZone")
                        .isNull())
                .isTrue();

        // Sundays from 1 March: the EXDATE and the UNTIL are Berlin midnights (23:00Z the day before), so 8 March
        // goes and 29 March stays — stored as the dates they stand for, the same days for every viewer
        JsonNode runs = create(http, user, """
                {"title": "Long run", "startDate": "2026-03-01", "timeZone": "Europe/Berlin",
                 "recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20260328T230000Z", "EXDATE:20260307T230000Z"]}""");
        assertThat(runs.path("timeZone").isNull()).isTrue();
        assertThat(runs.path("recurrence").toString())
                .isEqualTo("[\"RRULE:FREQ=WEEKLY;UNTIL=20260329\",\"EXDATE;VALUE=DATE:20260308\"]");
        for (String zone : new String[] {"UTC", "Pacific/Auckland", "America/Los_Angeles"}) {
            assertThat(each(window(http, user, "start=2026-03-01&end=2026-03-31&timeZone=" + zone), "startDate"))
                    .as(zone)
                    .containsExactly("2026-03-01", "2026-03-15", "2026-03-22", "2026-03-29");
        }

        // a timed event made all-day takes the date of its start in its zone, and keeps no zone
        String id = create(http, user, """
                        {"title": "Late", "startTime": "2026-07-01T00:30:00", "endTime": "2026-07-01T01:30:00",
                         "timeZone": "Europe/Berlin"}""").path("id").asString();
        JsonNode allDay = put(http, user, id, "{\"allDay\": true}");
        assertThat(allDay.path("startDate").asString()).isEqualTo("2026-07-01");
        assertThat(allDay.path("endDate").asString()).isEqualTo("2026-07-02");
        assertThat(allDay.path("timeZone").isNull()).isTrue();
        // so back to timed, times without offset need a zone again
        String timed = """
                {"allDay": false, "startTime": "2026-07-01T09:00:00", "endTime": "2026-07-01T10:00:00"%s}""";
        assertThat(badField(http.put(EVENTS + "/" + id, timed.formatted(""))
                        .as(user)
                        .send()))
                .isEqualTo("timeZone");
        JsonNode again = put(http, user, id, timed.formatted(", \"timeZone\": \"Europe/Berlin\""));
        assertThat(again.path("startTime").asString()).isEqualTo("2026-07-01T07:00:00Z");
        assertThat(again.path("timeZone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void putIsPartialAnExplicitNullClearsAndTimesMoveTogether() {
        String id = create(http, user, """
                        {"title": "t", "description": "d", "location": "l", "color": "#00ff00",
                         "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();

        HttpResponse<String> response =
                http.put(EVENTS + "/" + id, """
                        {"title": "New", "location": null, "color": null}""").as(user).send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        JsonNode updated = json(response);
        assertThat(updated.path("title").asString()).isEqualTo("New");
        assertThat(updated.path("description").asString()).isEqualTo("d");
        assertThat(updated.path("location").isNull()).isTrue();
        assertThat(updated.path("color").isNull()).isTrue();
        assertThat(updated.path("startTime").asString()).isEqualTo("2026-07-01T09:00:00Z");
        assertThat(updated.path("version").asLong()).isEqualTo(2);

        // a new start alone keeps the length
        JsonNode moved = put(http, user, id, "{\"startTime\": \"2026-07-01T15:00:00Z\"}");
        assertThat(moved.path("startTime").asString()).isEqualTo("2026-07-01T15:00:00Z");
        assertThat(moved.path("endTime").asString()).isEqualTo("2026-07-01T16:00:00Z");

        // and a single event becomes a series
        JsonNode series = put(http, user, id, """
                {"timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"]}""");
        assertThat(series.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=DAILY;COUNT=2\"]");
        assertThat(each(window(http, user, "start=2026-07-01&end=2026-07-31&timeZone=UTC"), "startTime"))
                .containsExactly("2026-07-01T15:00:00Z", "2026-07-02T15:00:00Z");
        assertThat(put(http, user, id, "{\"recurrence\": null}")
                        .path("recurrence")
                        .toString())
                .isEqualTo("[]");
    }

    @Test
    void patchTakesAMergePatch() {
        String id = create(http, user, """
                        {"title": "t", "description": "d", "startTime": "2026-07-01T09:00:00Z",
                         "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();

        HttpResponse<String> patched = http.patch(EVENTS + "/" + id, """
                        {"description": null, "status": "cancelled", "reminders": {"useDefault": true}}""")
                .header("Content-Type", "application/merge-patch+json")
                .as(user)
                .send();

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode event = json(patched);
        assertThat(event.path("description").isNull()).isTrue();
        assertThat(event.path("status").asString()).isEqualTo("cancelled");
        assertThat(event.path("title").asString()).isEqualTo("t");
        assertThat(event.path("version").asLong()).isEqualTo(2);
        assertThat(get(http, user, "/" + id)).isEqualTo(event);
    }

    @Test
    void transparencyIsStoredKeptByPartialWritesAndChangedByPutAndPatch() {
        JsonNode created = create(http, user, """
                {"title": "Lunch", "startTime": "2026-07-01T12:00:00Z", "endTime": "2026-07-01T13:00:00Z",
                 "transparency": "transparent"}""");
        String id = created.path("id").asString();
        assertThat(created.path("transparency").asString()).isEqualTo("transparent");
        assertThat(get(http, user, "/" + id).path("transparency").asString()).isEqualTo("transparent");
        assertThat(window(http, user, "year=2026&month=7&timeZone=UTC"))
                .singleElement()
                .satisfies(e -> assertThat(e.path("transparency").asString()).isEqualTo("transparent"));

        // a PUT that does not state it keeps it
        assertThat(put(http, user, id, "{\"title\": \"Long lunch\"}")
                        .path("transparency")
                        .asString())
                .isEqualTo("transparent");
        assertThat(put(http, user, id, "{\"transparency\": \"opaque\"}")
                        .path("transparency")
                        .asString())
                .isEqualTo("opaque");

        HttpResponse<String> patched = http.patch(EVENTS + "/" + id, "{\"transparency\": \"transparent\"}")
                .header("Content-Type", "application/merge-patch+json")
                .as(user)
                .send();
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).path("transparency").asString()).isEqualTo("transparent");
        assertThat(json(patched).path("version").asLong()).isEqualTo(4);
        assertThat(get(http, user, "/" + id)).isEqualTo(json(patched));

        // out of office is always opaque: an event that becomes one becomes opaque
        JsonNode away = put(http, user, id, "{\"eventType\": \"outOfOffice\"}");
        assertThat(away.path("eventType").asString()).isEqualTo("outOfOffice");
        assertThat(away.path("transparency").asString()).isEqualTo("opaque");
    }

    @Test
    void deletingAnEventRemovesIt() {
        String id = create(http, user, """
                        {"title": "t", "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();

        HttpResponse<String> deleted = http.delete(EVENTS + "/" + id).as(user).send();

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.get(EVENTS + "/" + id).as(user).send().statusCode()).isEqualTo(404);
        assertThat(http.delete(EVENTS + "/" + id).as(user).send().statusCode()).isEqualTo(404);
        assertThat(window(http, user, "year=2026&month=7&timeZone=UTC")).isEmpty();
    }

    @Test
    void conditionalRequestsUseTheVersion() {
        String id = create(http, user, """
                        {"title": "t", "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();

        HttpResponse<String> notModified = http.get(EVENTS + "/" + id)
                .header("If-None-Match", "\"1\"")
                .as(user)
                .send();
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(notModified.body()).isEmpty();

        put(http, user, id, "{\"title\": \"t2\"}");
        assertThat(http.get(EVENTS + "/" + id)
                        .header("If-None-Match", "\"1\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.put(EVENTS + "/" + id, "{\"title\": \"t3\"}")
                        .header("If-Match", "\"1\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);
        assertThat(http.patch(EVENTS + "/" + id, "{\"title\": \"t3\", \"version\": 1}")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(409);
        assertThat(http.delete(EVENTS + "/" + id)
                        .header("If-Match", "\"1\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(412);
        JsonNode unchanged = get(http, user, "/" + id);
        assertThat(unchanged.path("title").asString()).isEqualTo("t2");
        assertThat(unchanged.path("version").asLong()).isEqualTo(2);

        assertThat(http.put(EVENTS + "/" + id, "{\"title\": \"t3\", \"version\": 2}")
                        .header("If-Match", "\"2\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.delete(EVENTS + "/" + id)
                        .header("If-Match", "\"3\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstCreate() {
        String body = """
                {"title": "Once", "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""";
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first =
                http.post(EVENTS, body).header("Idempotency-Key", key).as(user).send();
        HttpResponse<String> again =
                http.post(EVENTS, body).header("Idempotency-Key", key).as(user).send();
        HttpResponse<String> different = http.post(EVENTS, body.replace("Once", "Twice"))
                .header("Idempotency-Key", key)
                .as(user)
                .send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(json(again)).isEqualTo(json(first));
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(http.get(EVENTS).as(user).send().headers().firstValue("X-Total-Count"))
                .hasValue("1");
        // the key is the user's: another user's create under it is their own
        String other = newUser();
        HttpResponse<String> theirs =
                http.post(EVENTS, body).header("Idempotency-Key", key).as(other).send();
        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(json(theirs).path("id")).isNotEqualTo(json(first).path("id"));
    }

    @Test
    void coloursAreFrontendNamesOrHexKeptUpperCase() {
        String times = "\"startTime\": \"2026-07-01T09:00:00Z\", \"endTime\": \"2026-07-01T10:00:00Z\"";
        assertThat(create(http, user, "{\"title\": \"t\", \"color\": \"#ff8800\", " + times + "}")
                        .path("color")
                        .asString())
                .isEqualTo("#FF8800");
        assertThat(create(http, user, "{\"title\": \"t\", \"color\": \" TEAL \", " + times + "}")
                        .path("color")
                        .asString())
                .isEqualTo("teal");
        for (String name : new String[] {"blue", "green", "red", "purple", "orange"}) {
            assertThat(create(http, user, "{\"title\": \"t\", \"color\": \"" + name + "\", " + times + "}")
                            .path("color")
                            .asString())
                    .isEqualTo(name);
        }
        assertThat(create(http, user, "{\"title\": \"t\", " + times + "}")
                        .path("color")
                        .isNull())
                .isTrue();
    }
}
