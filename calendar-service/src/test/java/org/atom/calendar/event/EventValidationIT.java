package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.event.EventTestSupport.EVENTS;
import static org.atom.calendar.event.EventTestSupport.badField;
import static org.atom.calendar.event.EventTestSupport.create;
import static org.atom.calendar.event.EventTestSupport.get;
import static org.atom.calendar.event.EventTestSupport.json;
import static org.atom.calendar.event.EventTestSupport.newUser;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every bad field is a 400 problem+json naming it, and nothing changes. */
@CalendarServiceContext
class EventValidationIT {

    private static final String TIMES =
            "\"startTime\": \"2026-07-01T09:00:00Z\", \"endTime\": \"2026-07-01T10:00:00Z\"";

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
    void aBadRecurrenceLineIsNamedByItsPlaceInTheList() {
        HttpResponse<String> response = http.post(EVENTS, """
                        {"title": "t", "timeZone": "UTC", "startTime": "2026-07-01T09:00:00Z",
                         "endTime": "2026-07-01T10:00:00Z",
                         "recurrence": ["RRULE:FREQ=DAILY", "DTSTART:20260701T090000Z"]}""").as(user).send();

        assertThat(badField(response)).isEqualTo("recurrence[1]");
        assertThat(json(response).path("errors").get(0).path("message").asString())
                .isEqualTo("DTSTART does not belong in the recurrence lines; the series start is given separately");

        // every element that is no line at all, each by its place
        HttpResponse<String> notLines = http.post(EVENTS, """
                        {"title": "t", "timeZone": "UTC", "startTime": "2026-07-01T09:00:00Z",
                         "endTime": "2026-07-01T10:00:00Z", "recurrence": ["RRULE:FREQ=DAILY", 7, null]}""").as(user).send();
        assertThat(notLines.statusCode()).isEqualTo(400);
        assertThat(json(notLines).path("errors"))
                .extracting(e -> e.path("field").asString())
                .containsExactly("recurrence[1]", "recurrence[2]");
    }

    @Test
    void aBadFieldOnCreateIsA400NamingItAndCreatesNothing() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{" + TIMES + "}", "title");
        cases.put("{\"title\": \"  \", " + TIMES + "}", "title");
        cases.put("{\"title\": 42, " + TIMES + "}", "title");
        cases.put("{\"title\": null, " + TIMES + "}", "title");
        cases.put("{\"title\": \"" + "x".repeat(501) + "\", " + TIMES + "}", "title");
        cases.put("{\"title\": \"a\\u0000b\", " + TIMES + "}", "title");
        cases.put("{\"title\": \"t\", \"endTime\": \"2026-07-01T10:00:00Z\"}", "startTime");
        cases.put("{\"title\": \"t\", \"startTime\": \"2026-07-01T09:00:00Z\"}", "endTime");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"tomorrow\", \"endTime\": \"2026-07-01T10:00:00Z\"}", "startTime");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"2026-07-01\", \"endTime\": \"2026-07-01T10:00:00Z\"}",
                "startTime");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"1800-07-01T09:00:00Z\", \"endTime\": \"2026-07-01T10:00:00Z\"}",
                "startTime");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"2026-07-01T09:00:00Z\", \"endTime\": \"2026-07-01T08:00:00Z\"}",
                "endTime");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"2026-07-01T09:00:00Z\", \"endTime\": \"2026-07-01T09:00:00Z\"}",
                "endTime");
        cases.put("{\"title\": \"t\", \"startTime\": \"2026-07-01T09:00:00Z\", \"end_time\": 42}", "endTime");
        cases.put("{\"title\": \"t\", \"timeZone\": \"Mars/Olympus\", " + TIMES + "}", "timeZone");
        cases.put("{\"title\": \"t\", \"timeZone\": \"+02:00\", " + TIMES + "}", "timeZone");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"2026-07-01T09:00:00\", \"endTime\": \"2026-07-01T10:00:00\"}",
                "timeZone");
        cases.put("{\"title\": \"t\", \"recurrence\": [\"RRULE:FREQ=DAILY\"], " + TIMES + "}", "timeZone");
        cases.put(
                "{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": [\"FREQ=DAILY\"], " + TIMES + "}",
                "recurrence[0]");
        cases.put(
                "{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": [\"RRULE:FREQ=WEEKLY;BYDAY=XX\"], " + TIMES
                        + "}",
                "recurrence[0]");
        cases.put(
                "{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": [\"RRULE:FREQ=HOURLY\"], " + TIMES + "}",
                "recurrence[0]");
        cases.put(
                "{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": [\"RRULE:FREQ=MINUTELY;COUNT=5\"], " + TIMES
                        + "}",
                "recurrence[0]");
        cases.put(
                "{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": [\"DTSTART:20260701T090000Z\"], " + TIMES
                        + "}",
                "recurrence[0]");
        cases.put(
                "{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": \"RRULE:FREQ=DAILY\", " + TIMES + "}",
                "recurrence");
        cases.put("{\"title\": \"t\", \"timeZone\": \"UTC\", \"recurrence\": [42], " + TIMES + "}", "recurrence[0]");
        cases.put("{\"title\": \"t\", \"attendees\": [{\"email\": \"nope\"}], " + TIMES + "}", "attendees[0].email");
        cases.put(
                "{\"title\": \"t\", \"attendees\": [\"a@b.co\", {\"email\": \"A@B.CO\"}], " + TIMES + "}",
                "attendees[1].email");
        cases.put(
                "{\"title\": \"t\", \"attendees\": [{\"email\": \"a@b.co\", \"responseStatus\": \"maybe\"}], " + TIMES
                        + "}",
                "attendees[0].responseStatus");
        cases.put("{\"title\": \"t\", \"attendees\": \"a@b.co\", " + TIMES + "}", "attendees");
        cases.put("{\"title\": \"t\", \"reminders\": \"soon\", " + TIMES + "}", "reminders");
        cases.put(
                "{\"title\": \"t\", \"reminders\": {\"overrides\": [{\"method\": \"sms\", \"minutes\": 5}]}, " + TIMES
                        + "}",
                "reminders.overrides[0].method");
        cases.put(
                "{\"title\": \"t\", \"reminders\": {\"overrides\": [{\"method\": \"popup\", \"minutes\": -1}]}, "
                        + TIMES + "}",
                "reminders.overrides[0].minutes");
        cases.put("{\"title\": \"t\", \"color\": \"magenta\", " + TIMES + "}", "color");
        cases.put("{\"title\": \"t\", \"color\": \"#FFF\", " + TIMES + "}", "color");
        cases.put("{\"title\": \"t\", \"color\": 255, " + TIMES + "}", "color");
        cases.put("{\"title\": \"t\", \"status\": \"busy\", " + TIMES + "}", "status");
        cases.put("{\"title\": \"t\", \"eventType\": \"meeting\", " + TIMES + "}", "eventType");
        cases.put("{\"title\": \"t\", \"transparency\": \"free\", " + TIMES + "}", "transparency");
        cases.put("{\"title\": \"t\", \"transparency\": \"TRANSPARENT\", " + TIMES + "}", "transparency");
        cases.put("{\"title\": \"t\", \"transparency\": true, " + TIMES + "}", "transparency");
        cases.put("{\"title\": \"t\", \"transparency\": null, " + TIMES + "}", "transparency");
        cases.put(
                "{\"title\": \"t\", \"eventType\": \"outOfOffice\", \"transparency\": \"transparent\", " + TIMES + "}",
                "transparency");
        cases.put("{\"title\": \"t\", \"allDay\": \"yes\", " + TIMES + "}", "allDay");
        cases.put("{\"title\": \"t\", \"startDate\": \"2026-02-30\"}", "startDate");
        cases.put("{\"title\": \"t\", \"startDate\": \"2026-07-03\", \"endDate\": \"2026-07-03\"}", "endDate");
        cases.put("{\"title\": \"t\", \"allDay\": true}", "startDate");
        cases.put(
                "{\"title\": \"t\", \"startTime\": \"2026-07-01T09:00:00Z\", \"start_time\": "
                        + "\"2026-07-01T09:00:00Z\", \"endTime\": \"2026-07-01T10:00:00Z\"}",
                "startTime");
        cases.put("[]", "body");

        cases.forEach((body, field) -> assertThat(
                        badField(http.post(EVENTS, body).as(user).send()))
                .as(body)
                .isEqualTo(field));
        HttpResponse<String> malformed =
                http.post(EVENTS, "{\"title\":").as(user).send();
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> text = http.post(EVENTS, "{\"title\": \"t\", " + TIMES + "}")
                .header("Content-Type", "text/plain")
                .as(user)
                .send();
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(http.get(EVENTS).as(user).send().headers().firstValue("X-Total-Count"))
                .hasValue("0");
    }

    @Test
    void aProblemNamesTheFieldInErrorsAndError() {
        HttpResponse<String> response = http.post(EVENTS, "{\"title\": \"t\", \"color\": \"magenta\", " + TIMES + "}")
                .as(user)
                .send();

        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("instance").asString()).isEqualTo("/api/calendar/events");
        assertThat(problem.path("errors").get(0).path("message").asString())
                .isEqualTo("must be #RRGGBB or one of [blue, green, red, purple, orange, yellow, pink, teal, gray,"
                        + " brown]");
        assertThat(problem.path("error").asString()).contains("color");
    }

    @Test
    void aBadFieldOnUpdateIsA400AndChangesNothing() {
        JsonNode event = create(http, user, "{\"title\": \"t\", " + TIMES + "}");
        String id = event.path("id").asString();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"title\": null}", "title");
        cases.put("{\"title\": \"\"}", "title");
        cases.put("{\"startTime\": null}", "startTime");
        cases.put("{\"endTime\": \"2026-07-01T08:00:00Z\"}", "endTime");
        cases.put("{\"startTime\": \"2026-07-01T11:00:00Z\", \"endTime\": \"2026-07-01T10:30:00Z\"}", "endTime");
        cases.put("{\"startTime\": \"2026-07-01T09:00:00\"}", "timeZone");
        cases.put("{\"timeZone\": \"Nowhere/Town\"}", "timeZone");
        cases.put("{\"recurrence\": [\"RRULE:FREQ=DAILY\"]}", "timeZone");
        cases.put("{\"timeZone\": \"UTC\", \"recurrence\": [\"RRULE:FREQ=SECONDLY\"]}", "recurrence[0]");
        cases.put("{\"attendees\": [{\"email\": \"@example.com\"}]}", "attendees[0].email");
        cases.put(
                "{\"reminders\": {\"overrides\": [{\"method\": \"popup\", \"minutes\": 40321}]}}",
                "reminders.overrides[0].minutes");
        cases.put("{\"color\": \"#GGGGGG\"}", "color");
        cases.put("{\"status\": \"CONFIRMED\"}", "status");
        cases.put("{\"eventType\": \"birthday\"}", "eventType");
        cases.put("{\"transparency\": \"busy\"}", "transparency");
        cases.put("{\"transparency\": null}", "transparency");
        cases.put("{\"eventType\": \"outOfOffice\", \"transparency\": \"transparent\"}", "transparency");

        cases.forEach((body, field) -> {
            assertThat(badField(http.put(EVENTS + "/" + id, body).as(user).send()))
                    .as("PUT " + body)
                    .isEqualTo(field);
            assertThat(badField(http.patch(EVENTS + "/" + id, body)
                            .header("Content-Type", "application/merge-patch+json")
                            .as(user)
                            .send()))
                    .as("PATCH " + body)
                    .isEqualTo(field);
        });
        assertThat(get(http, user, "/" + id)).isEqualTo(event);
    }

    @Test
    void anOutOfOfficeEventCannotBeMadeTransparentAndStaysAsItWas() {
        JsonNode away = create(http, user, "{\"title\": \"Away\", \"eventType\": \"outOfOffice\", " + TIMES + "}");
        String id = away.path("id").asString();
        assertThat(away.path("transparency").asString()).isEqualTo("opaque");

        HttpResponse<String> put = http.put(EVENTS + "/" + id, "{\"transparency\": \"transparent\"}")
                .as(user)
                .send();
        assertThat(badField(put)).isEqualTo("transparency");
        assertThat(json(put).path("errors").get(0).path("message").asString()).contains("outOfOffice");
        assertThat(badField(http.patch(EVENTS + "/" + id, "{\"title\": \"x\", \"transparency\": \"transparent\"}")
                        .header("Content-Type", "application/merge-patch+json")
                        .as(user)
                        .send()))
                .isEqualTo("transparency");

        assertThat(get(http, user, "/" + id)).isEqualTo(away);
    }

    @Test
    void aBadScopeOrAChangeAnOccurrenceCannotTakeIsA400AndChangesNothing() {
        JsonNode series = create(http, user, """
                {"title": "Standup", "startTime": "2026-07-06T09:00:00", "endTime": "2026-07-06T09:30:00",
                 "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}""");
        String id = series.path("id").asString();
        String occurrence = id + "_20260713T070000Z";

        assertThat(badField(http.put(EVENTS + "/" + occurrence + "?scope=some", "{\"title\": \"x\"}")
                        .as(user)
                        .send()))
                .isEqualTo("scope");
        assertThat(badField(http.delete(EVENTS + "/" + occurrence + "?scope=everything")
                        .as(user)
                        .send()))
                .isEqualTo("scope");
        assertThat(badField(http.patch(EVENTS + "/" + occurrence, "{\"recurrence\": [\"RRULE:FREQ=DAILY\"]}")
                        .as(user)
                        .send()))
                .isEqualTo("recurrence");
        assertThat(badField(http.put(EVENTS + "/" + occurrence + "?scope=all", "{\"allDay\": true}")
                        .as(user)
                        .send()))
                .isEqualTo("allDay");
        assertThat(badField(http.put(EVENTS + "/" + occurrence + "?scope=following", "{\"title\": \"\"}")
                        .as(user)
                        .send()))
                .isEqualTo("title");
        assertThat(badField(http.put(
                                EVENTS + "/" + occurrence,
                                "{\"eventType\": \"outOfOffice\", \"transparency\": \"transparent\"}")
                        .as(user)
                        .send()))
                .isEqualTo("transparency");

        assertThat(get(http, user, "/" + id)).isEqualTo(series);
        assertThat(get(http, user, "/" + occurrence).path("version").asLong()).isEqualTo(1);
        assertThat(http.get(EVENTS).as(user).send().headers().firstValue("X-Total-Count"))
                .hasValue("1");
    }
}
