package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.atom.calendar.CalendarServiceContext;
import org.atom.calendar.publishing.CalendarEventEvents;
import org.atom.testkit.EventCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Export, then import into another user: the same occurrences (a weekly series across the DST change with a deleted
 * and an edited occurrence shown as free, a yearly all-day event, a single event shown as free with attendees and
 * reminders, a focus-time block without reminders); importing a file again changes nothing.
 */
@CalendarServiceContext
class IcsRoundTripIT {

    /** Covers the series, both birthdays (2026 and 2027) and stays within the 400-day limit of a window. */
    private static final String WINDOW = "start=2026-03-10&end=2027-04-12&timeZone=Europe/Berlin";

    @LocalServerPort
    int port;

    private IcsTestSupport ics;
    private String ada;
    private String seriesUid;

    @BeforeEach
    void adaHasACalendar() {
        ics = new IcsTestSupport(port);
        ada = IcsTestSupport.newUser();
        JsonNode standup = ics.create(ada, """
                {"title": "Standup", "startTime": "2026-03-16T09:00:00", "endTime": "2026-03-16T09:15:00",
                 "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=8"], "color": "blue",
                 "description": "Daily; well, weekly.\\nBring coffee, C:\\\\notes"}""");
        seriesUid = standup.get("iCalUID").asString();
        String series = standup.get("id").asString();
        // 23 March deleted (an EXDATE), 6 April (after the DST change: 07:00Z) moved and renamed
        assertThat(ics.http()
                        .delete("/api/calendar/events/" + series + "_20260323T080000Z")
                        .as(ada)
                        .send()
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> moved = ics.http()
                .put("/api/calendar/events/" + series + "_20260406T070000Z", """
                        {"title": "Standup (moved)", "startTime": "2026-04-06T10:00:00",
                         "endTime": "2026-04-06T10:30:00", "transparency": "transparent"}""")
                .as(ada)
                .send();
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        ics.create(ada, """
                {"title": "Ada's birthday", "startDate": "2026-04-10", "endDate": "2026-04-11",
                 "recurrence": ["RRULE:FREQ=YEARLY"], "color": "#1A2B3C"}""");
        ics.create(ada, """
                {"title": "Design review", "startTime": "2026-05-05T14:00:00", "endTime": "2026-05-05T15:30:00",
                 "timeZone": "America/New_York", "location": "Room 4, 2nd floor", "status": "tentative",
                 "transparency": "transparent",
                 "attendees": [
                   {"email": "grace@example.com", "name": "Hopper, Grace", "optional": true, "responseStatus": "accepted"},
                   {"email": "alan@example.com", "responseStatus": "declined"}],
                 "reminders": {"useDefault": false, "overrides": [{"method": "popup", "minutes": 10},
                                                                  {"method": "email", "minutes": 1440}]}}""");
        ics.create(ada, """
                {"title": "Deep work", "startTime": "2026-06-01T08:00:00Z", "endTime": "2026-06-01T10:00:00Z",
                 "eventType": "focusTime", "reminders": {"useDefault": false, "overrides": []}}""");
    }

    @Test
    void anExportImportedByAnotherUserGivesTheSameOccurrences() {
        String file = ics.export(ada);
        String grace = IcsTestSupport.newUser();

        JsonNode report = ics.imported(ics.importBody(grace, file));

        assertThat(report.get("created").asInt()).isEqualTo(5); // four events and one edited occurrence
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(report.get("unchanged").asInt()).isZero();
        assertThat(report.get("skipped")).isEmpty();
        JsonNode adas = ics.occurrences(ada, WINDOW);
        JsonNode graces = ics.occurrences(grace, WINDOW);
        assertThat(IcsTestSupport.comparable(graces)).isEqualTo(IcsTestSupport.comparable(adas));
        // what the listing holds, so that the comparison is not vacuous
        assertThat(adas)
                .filteredOn(o -> o.path("title").asString().startsWith("Standup"))
                .extracting(o -> o.get("startTime").asString())
                .containsExactly(
                        "2026-03-16T08:00:00Z",
                        "2026-03-30T07:00:00Z",
                        "2026-04-06T08:00:00Z",
                        "2026-04-13T07:00:00Z",
                        "2026-04-20T07:00:00Z",
                        "2026-04-27T07:00:00Z",
                        "2026-05-04T07:00:00Z");
        assertThat(adas)
                .filteredOn(o -> o.path("title").asString().equals("Ada's birthday"))
                .extracting(o -> o.get("startDate").asString())
                .containsExactly("2026-04-10", "2027-04-10");
        assertThat(graces)
                .filteredOn(o -> o.path("title").asString().equals("Standup (moved)"))
                .singleElement()
                .satisfies(
                        o -> assertThat(o.get("originalStartTime").asString()).isEqualTo("2026-04-06T07:00:00Z"));
        assertThat(graces)
                .filteredOn(o -> o.path("transparency").asString().equals("transparent"))
                .extracting(o -> o.get("title").asString())
                .containsExactlyInAnyOrder("Standup (moved)", "Design review");
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String file = ics.export(ada);
        JsonNode before = ics.events(ada);
        JsonNode occurrencesBefore = ics.occurrences(ada, WINDOW);

        JsonNode again = ics.imported(ics.importBody(ada, file));

        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(5);
        assertThat(again.get("skipped")).isEmpty();
        // no new version, no new row (the edited occurrence included)
        assertThat(ics.events(ada)).isEqualTo(before);
        assertThat(ics.occurrences(ada, WINDOW)).isEqualTo(occurrencesBefore);

        String grace = IcsTestSupport.newUser();
        ics.imported(ics.importForm(grace, file));
        JsonNode graces = ics.events(grace);
        JsonNode twice = ics.imported(ics.importForm(grace, file));
        assertThat(twice.get("unchanged").asInt()).isEqualTo(5);
        assertThat(ics.events(grace)).isEqualTo(graces);
        assertThat(ics.occurrences(grace, WINDOW))
                .hasSize(ics.occurrences(ada, WINDOW).size());
    }

    @Test
    void aChangedFileUpdatesTheEventOfItsUid() {
        String file = ics.export(ada).replace("SUMMARY:Design review", "SUMMARY:Design review (final)");

        JsonNode report = ics.imported(ics.importBody(ada, file));

        assertThat(report.get("updated").asInt()).isEqualTo(1);
        assertThat(report.get("unchanged").asInt()).isEqualTo(4);
        assertThat(ics.events(ada))
                .filteredOn(e -> e.get("title").asString().startsWith("Design review"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("title").asString()).isEqualTo("Design review (final)");
                    assertThat(e.get("version").asLong()).isEqualTo(2);
                });
    }

    @Test
    void aChangedTranspUpdatesTheEventAndAnAbsentOneMeansOpaque() {
        String file = ics.export(ada)
                // Deep work (the focus-time block) shown as free; the moved standup's TRANSP left out
                .replace(
                        "TRANSP:OPAQUE\r\nX-ATOM-EVENT-TYPE:focusTime",
                        "TRANSP:TRANSPARENT\r\nX-ATOM-EVENT-TYPE:focusTime")
                .replace("TRANSP:TRANSPARENT\r\nCOLOR:blue\r\n", "COLOR:blue\r\n");

        JsonNode report = ics.imported(ics.importBody(ada, file));

        assertThat(report.get("updated").asInt()).isEqualTo(2);
        assertThat(report.get("unchanged").asInt()).isEqualTo(3);
        assertThat(ics.occurrences(ada, WINDOW))
                .filteredOn(o -> o.path("transparency").asString().equals("transparent"))
                .extracting(o -> o.get("title").asString())
                .containsExactlyInAnyOrder("Deep work", "Design review");
        assertThat(ics.imported(ics.importBody(ada, file)).get("unchanged").asInt())
                .isEqualTo(5);
    }

    @Test
    void importedEventsArePublishedAsTheApiPublishesThem() {
        String file = ics.export(ada);
        String grace = IcsTestSupport.newUser();
        try (EventCapture capture = EventCapture.on(CalendarEventEvents.TOPIC)) {
            ics.imported(ics.importBody(grace, file));

            List<JsonNode> created = capture.awaitEvents(
                    e -> grace.equals(e.path("userid").asString())
                            && e.path("type").asString().equals(CalendarEventEvents.CREATED),
                    4);
            assertThat(created)
                    .extracting(e -> e.path("data").path("title").asString())
                    .containsExactlyInAnyOrder("Standup", "Ada's birthday", "Design review", "Deep work");
            assertThat(created)
                    .filteredOn(e -> e.path("data").path("title").asString().equals("Standup"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.path("data").path("iCalUID").asString())
                            .isEqualTo(seriesUid));
            // the edited occurrence: an update of that occurrence, as PUT …/{series}_{start} publishes it
            JsonNode edited = capture.awaitEvents(
                            e -> grace.equals(e.path("userid").asString())
                                    && e.path("type").asString().equals(CalendarEventEvents.UPDATED),
                            1)
                    .getFirst();
            assertThat(edited.path("data").path("title").asString()).isEqualTo("Standup (moved)");
            assertThat(edited.path("data").path("id").asString()).endsWith("_20260406T070000Z");
        }
    }

    @Test
    void theExportIsICalendarWithZonesForEveryTzid() {
        HttpResponse<String> response =
                ics.http().get("/api/calendar/export.ics").as(ada).send();

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/calendar").containsIgnoringCase("charset=utf-8"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("calendar.ics"));
        String file = response.body();
        assertThat(file).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").endsWith("END:VCALENDAR\r\n");
        for (String line : file.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        String unfolded = file.replace("\r\n ", "");
        assertThat(unfolded)
                .contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n")
                .contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n")
                .contains("DTSTART;TZID=Europe/Berlin:20260316T090000\r\n")
                .contains("RRULE:FREQ=WEEKLY;COUNT=8\r\n")
                .contains("EXDATE;TZID=Europe/Berlin:20260323T090000\r\n")
                .contains("RECURRENCE-ID;TZID=Europe/Berlin:20260406T090000\r\n")
                .contains("UID:" + seriesUid + "\r\n")
                .contains("DTSTART;VALUE=DATE:20260410\r\nDTEND;VALUE=DATE:20260411\r\n")
                .contains("RRULE:FREQ=YEARLY\r\n")
                .contains("DESCRIPTION:Daily\\; well\\, weekly.\\nBring coffee\\, C:\\\\notes\r\n")
                .contains("LOCATION:Room 4\\, 2nd floor\r\n")
                .contains("STATUS:TENTATIVE\r\nTRANSP:TRANSPARENT\r\n")
                .contains("SUMMARY:Standup (moved)\r\n")
                .contains("TRANSP:TRANSPARENT\r\nCOLOR:blue\r\n")
                .contains("STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\n")
                .contains("COLOR:blue\r\n")
                .contains("X-ATOM-COLOR:#1A2B3C\r\n")
                .contains(
                        "ATTENDEE;CN=\"Hopper, Grace\";ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:grace@example.com\r\n")
                .contains("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED:mailto:alan@example.com\r\n")
                .contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Design review\r\nTRIGGER:-PT10M\r\nEND:VALARM")
                .contains("TRIGGER:-P1D\r\nX-ATOM-REMINDER-METHOD:email\r\n")
                .contains("X-ATOM-EVENT-TYPE:focusTime\r\nX-ATOM-DEFAULT-REMINDERS:FALSE\r\n");
        // TRANSP on every VEVENT, so that no client has to assume a default
        assertThat(unfolded.split("\r\nTRANSP:(OPAQUE|TRANSPARENT)\r\n", -1))
                .hasSize(unfolded.split("\r\nBEGIN:VEVENT\r\n", -1).length);
    }

    @Test
    void anotherUsersExportNeverHoldsTheCallersEvents() {
        String mallory = IcsTestSupport.newUser();
        ics.create(mallory, """
                {"title": "Mallory's plan", "startTime": "2026-03-20T10:00:00Z", "endTime": "2026-03-20T11:00:00Z"}""");

        String adas = ics.export(ada);
        String mallorys = ics.export(mallory);

        assertThat(adas).doesNotContain("Mallory");
        assertThat(mallorys)
                .contains("SUMMARY:Mallory's plan")
                .doesNotContain("Standup")
                .doesNotContain(seriesUid);
        // importing Ada's file gives Mallory copies of his own: Ada's events stay as they are
        JsonNode before = ics.events(ada);
        ics.imported(ics.importBody(mallory, adas));
        assertThat(ics.events(ada)).isEqualTo(before);
        assertThat(ics.export(ada)).doesNotContain("Mallory");
    }

    @Test
    void anAllDaySeriesKeepsItsDaysWithoutAZoneThroughExportAndImport() {
        String bea = IcsTestSupport.newUser();
        // Sundays from 1 March; the EXDATE is midnight in Berlin (23:00Z the day before): Sunday 8 March
        JsonNode runs = ics.create(bea, """
                {"title": "Long run", "startDate": "2026-03-01", "timeZone": "Europe/Berlin",
                 "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20260307T230000Z"]}""");
        String file = ics.export(bea);
        assertThat(file).contains("EXDATE;VALUE=DATE:20260308\r\n").doesNotContain("X-ATOM-TIMEZONE");

        String cy = IcsTestSupport.newUser();
        assertThat(ics.imported(ics.importBody(cy, file)).get("created").asInt())
                .isEqualTo(1);

        for (String user : List.of(bea, cy)) {
            assertThat(ics.occurrences(user, "start=2026-03-01&end=2026-03-31&timeZone=Pacific/Auckland"))
                    .as(user)
                    .extracting(o -> o.get("startDate").asString())
                    .containsExactly("2026-03-01", "2026-03-15", "2026-03-22");
        }
        assertThat(ics.events(cy)).singleElement().satisfies(e -> {
            assertThat(e.get("timeZone").isNull()).isTrue();
            assertThat(e.get("recurrence")).isEqualTo(runs.get("recurrence"));
        });
    }
}
