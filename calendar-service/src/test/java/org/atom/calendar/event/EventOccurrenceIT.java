package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.event.EventTestSupport.EVENTS;
import static org.atom.calendar.event.EventTestSupport.create;
import static org.atom.calendar.event.EventTestSupport.delete;
import static org.atom.calendar.event.EventTestSupport.each;
import static org.atom.calendar.event.EventTestSupport.get;
import static org.atom.calendar.event.EventTestSupport.json;
import static org.atom.calendar.event.EventTestSupport.newUser;
import static org.atom.calendar.event.EventTestSupport.put;
import static org.atom.calendar.event.EventTestSupport.starts;
import static org.atom.calendar.event.EventTestSupport.window;

import java.net.http.HttpResponse;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Changes addressed to occurrences of a series: one occurrence ({@code scope=this}, the default for an instance id),
 * it and the rest ({@code scope=following}: the series splits), the whole series ({@code scope=all}); reading
 * occurrences and edited occurrences by id and as a series' instances. Series here are Mondays 09:00 in
 * Europe/Berlin in March/April 2026: 08:00Z until the change to CEST on 29 March, 07:00Z after.
 */
@CalendarServiceContext
class EventOccurrenceIT {

    private static final String MONDAYS = """
            {"title": "Standup", "startTime": "%sT09:00:00", "endTime": "%sT09:30:00", "timeZone": "Europe/Berlin",
             "recurrence": [%s]}""";
    private static final String MARCH_AND_APRIL = "start=2026-03-01&end=2026-04-30&timeZone=Europe/Berlin";

    @LocalServerPort
    int port;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
    }

    /** A series of Mondays from the date, with these quoted recurrence lines; returns its id. */
    private String mondays(String from, String lines) {
        return create(http, user, MONDAYS.formatted(from, from, lines))
                .path("id")
                .asString();
    }

    @Test
    void editingOneOccurrenceMovesItThereOnceAndItsOriginalSlotIsGone() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=4\"");

        JsonNode edited = put(http, user, id + "_20260323T080000Z", """
                {"title": "Moved standup", "startTime": "2026-03-24T14:00:00", "endTime": "2026-03-24T14:45:00"}""");

        assertThat(edited.path("id").asString()).isEqualTo(id + "_20260323T080000Z");
        assertThat(edited.path("recurringEventId").asString()).isEqualTo(id);
        assertThat(edited.path("originalStartTime").asString()).isEqualTo("2026-03-23T08:00:00Z");
        // local times are read in the series' zone: 14:00 CET
        assertThat(edited.path("startTime").asString()).isEqualTo("2026-03-24T13:00:00Z");
        assertThat(edited.path("endTime").asString()).isEqualTo("2026-03-24T13:45:00Z");
        assertThat(edited.path("title").asString()).isEqualTo("Moved standup");
        assertThat(edited.path("recurrence").isNull()).isTrue();

        JsonNode listed = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(listed))
                .containsExactly(
                        "2026-03-16T08:00:00Z", "2026-03-24T13:00:00Z", "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z");
        assertThat(each(listed, "id"))
                .containsExactly(
                        id + "_20260316T080000Z",
                        id + "_20260323T080000Z",
                        id + "_20260330T070000Z",
                        id + "_20260406T070000Z");
        assertThat(each(listed, "title")).containsExactly("Standup", "Moved standup", "Standup", "Standup");
        assertThat(window(http, user, "start=2026-03-23&end=2026-03-23&timeZone=Europe/Berlin"))
                .isEmpty();
        assertThat(get(http, user, "/" + id + "_20260323T080000Z")).isEqualTo(edited);
        assertThat(get(http, user, "/" + id + "/instances")).isEqualTo(listed);

        // a second edit changes the edited occurrence, not a new copy of it
        JsonNode again = put(http, user, id + "_20260323T080000Z", "{\"location\": \"Room 2\"}");
        assertThat(again.path("version").asLong()).isEqualTo(2);
        assertThat(again.path("startTime").asString()).isEqualTo("2026-03-24T13:00:00Z");
        assertThat(each(window(http, user, MARCH_AND_APRIL), "location")).containsExactly(null, "Room 2", null, null);
        // the series itself did not change
        assertThat(get(http, user, "/" + id).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void occurrencesHaveTheirSeriesTransparencyUnlessEditedAndSplitsAndWholeSeriesChangesCarryIt() {
        String id = create(
                        http,
                        user,
                        MONDAYS.formatted("2026-03-02", "2026-03-02", "\"RRULE:FREQ=WEEKLY;COUNT=6\"")
                                .replace("}", ", \"transparency\": \"transparent\"}"))
                .path("id")
                .asString();
        assertThat(each(window(http, user, MARCH_AND_APRIL), "transparency")).containsOnly("transparent");

        // one occurrence shown as busy: only it changes
        JsonNode edited = put(http, user, id + "_20260309T080000Z", "{\"transparency\": \"opaque\"}");
        assertThat(edited.path("transparency").asString()).isEqualTo("opaque");
        assertThat(get(http, user, "/" + id + "_20260309T080000Z")).isEqualTo(edited);
        assertThat(get(http, user, "/" + id + "_20260316T080000Z")
                        .path("transparency")
                        .asString())
                .isEqualTo("transparent");
        assertThat(each(window(http, user, MARCH_AND_APRIL), "transparency"))
                .containsExactly("transparent", "opaque", "transparent", "transparent", "transparent", "transparent");

        // "this and following" from Mar 23: the new series takes the change, the old one keeps what it had
        JsonNode rest = put(http, user, id + "_20260323T080000Z?scope=following", "{\"title\": \"Later standup\"}");
        assertThat(rest.path("transparency").asString()).isEqualTo("transparent");
        JsonNode busy = put(
                http,
                user,
                rest.path("id").asString() + "_20260330T070000Z?scope=all",
                "{\"transparency\": \"opaque\"}");
        assertThat(busy.path("id").asString()).isEqualTo(rest.path("id").asString());
        assertThat(each(window(http, user, MARCH_AND_APRIL), "transparency"))
                .containsExactly("transparent", "opaque", "transparent", "opaque", "opaque", "opaque");
        assertThat(get(http, user, "/" + id).path("transparency").asString()).isEqualTo("transparent");
    }

    @Test
    void anOccurrenceMovedIntoAnotherMonthIsListedThereOnly() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=3\"");

        put(http, user, id + "_20260330T070000Z", """
                {"startTime": "2026-04-02T09:00:00", "endTime": "2026-04-02T09:30:00"}""");

        assertThat(starts(window(http, user, "year=2026&month=3&timeZone=Europe/Berlin")))
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z");
        assertThat(each(window(http, user, "year=2026&month=4&timeZone=Europe/Berlin"), "id"))
                .containsExactly(id + "_20260330T070000Z");
    }

    @Test
    void anOccurrenceMovedMonthsAwayIsInTheWindowsAroundItsNewTimeOnlyAndItsSlotStaysEmpty() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=4\"");
        put(http, user, id + "_20260323T080000Z", """
                {"startTime": "2026-09-01T09:00:00", "endTime": "2026-09-01T09:30:00"}""");

        // its slot (08:00–08:30Z on 23 Mar) stays empty, also in a window that begins inside it
        String slot = "start=2026-03-23T08:10:00Z&end=2026-03-23T09:00:00Z";
        assertThat(get(http, user, "/" + id + "/instances?" + slot)).isEmpty();
        assertThat(window(http, user, slot)).isEmpty();
        // and it is where it went (09:00 CEST = 07:00Z), in the series' instances and in the calendar
        String september = "start=2026-09-01&end=2026-09-01&timeZone=Europe/Berlin";
        assertThat(each(get(http, user, "/" + id + "/instances?" + september), "id"))
                .containsExactly(id + "_20260323T080000Z");
        assertThat(starts(window(http, user, september))).containsExactly("2026-09-01T07:00:00Z");
    }

    @Test
    void anEditedAllDayOccurrenceHidesItsOriginalDaysAlsoFromAWindowStartingOnItsLastDay() {
        // three days from Mondays 2, 9 and 16 March; the second moves to June
        String id = create(http, user, """
                        {"title": "Trip", "startDate": "2026-03-02", "endDate": "2026-03-05",
                         "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]}""").path("id").asString();
        put(http, user, id + "_20260309", "{\"startDate\": \"2026-06-01\", \"endDate\": \"2026-06-02\"}");

        assertThat(get(http, user, "/" + id + "/instances?start=2026-03-11&end=2026-03-11&timeZone=Europe/Berlin"))
                .isEmpty();
        assertThat(window(http, user, "start=2026-03-11&end=2026-03-16&timeZone=Europe/Berlin"))
                .extracting(e -> e.path("id").asString())
                .containsExactly(id + "_20260316");
        assertThat(each(get(http, user, "/" + id + "/instances?start=2026-06-01&end=2026-06-01&timeZone=UTC"), "id"))
                .containsExactly(id + "_20260309");
    }

    @Test
    void thisAndFollowingEndsTheSeriesBeforeAndStartsANewOneWithTheRestOfItsCount() {
        // Mar 2, 9, 16, 23, 30, Apr 6: changed from the third on, at 10:00 instead of 09:00
        String id = mondays("2026-03-02", "\"RRULE:FREQ=WEEKLY;COUNT=6\"");

        JsonNode rest = put(http, user, id + "_20260316T080000Z?scope=following", """
                {"title": "Standup v2", "startTime": "2026-03-16T10:00:00", "endTime": "2026-03-16T10:30:00"}""");

        String restId = rest.path("id").asString();
        assertThat(restId).isNotEqualTo(id).hasSize(36);
        assertThat(rest.path("startTime").asString()).isEqualTo("2026-03-16T09:00:00Z");
        assertThat(rest.path("endTime").asString()).isEqualTo("2026-03-16T09:30:00Z");
        assertThat(rest.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(rest.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=4\"]");
        assertThat(rest.path("recurringEventId").isNull()).isTrue();

        JsonNode old = get(http, user, "/" + id);
        assertThat(old.path("startTime").asString()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(old.path("title").asString()).isEqualTo("Standup");
        assertThat(old.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=WEEKLY;UNTIL=20260316T075959Z\"]");

        JsonNode listed = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(listed))
                .containsExactly(
                        "2026-03-02T08:00:00Z",
                        "2026-03-09T08:00:00Z",
                        "2026-03-16T09:00:00Z",
                        "2026-03-23T09:00:00Z",
                        "2026-03-30T08:00:00Z",
                        "2026-04-06T08:00:00Z");
        assertThat(each(listed, "title"))
                .containsExactly("Standup", "Standup", "Standup v2", "Standup v2", "Standup v2", "Standup v2");
        assertThat(each(listed, "recurringEventId")).containsExactly(id, id, restId, restId, restId, restId);
        assertThat(starts(get(http, user, "/" + id + "/instances")))
                .containsExactly("2026-03-02T08:00:00Z", "2026-03-09T08:00:00Z");
        assertThat(http.get(EVENTS + "/" + id + "_20260316T080000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void thisAndFollowingCountsExcludedOccurrencesBeforeTheSplitTowardsTheOldCount() {
        // COUNT=6 from Mar 2 with Mar 9 excluded: Mar 2, 16, 23, 30, Apr 6 (Mar 9 still counts: RFC 5545 §3.8.5.1)
        String id =
                mondays("2026-03-02", "\"RRULE:FREQ=WEEKLY;COUNT=6\", \"EXDATE;TZID=Europe/Berlin:20260309T090000\"");

        JsonNode rest = put(http, user, id + "_20260323T080000Z?scope=following", "{\"title\": \"Standup v2\"}");

        // three of the six were before Mar 23 (Mar 2, the excluded Mar 9, Mar 16): three are left
        assertThat(rest.path("recurrence").get(0).asString()).isEqualTo("RRULE:FREQ=WEEKLY;COUNT=3");
        JsonNode listed = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(listed))
                .containsExactly(
                        "2026-03-02T08:00:00Z",
                        "2026-03-16T08:00:00Z",
                        "2026-03-23T08:00:00Z",
                        "2026-03-30T07:00:00Z",
                        "2026-04-06T07:00:00Z");
        assertThat(each(listed, "title"))
                .containsExactly("Standup", "Standup", "Standup v2", "Standup v2", "Standup v2");
    }

    @Test
    void thisAndFollowingGivesEachExtraDateToTheHalfItFallsIn() {
        // Mondays Mar 2, 9, 16, 23 plus Wednesdays Mar 4 and 18 (RDATEs, not counted)
        String id = mondays(
                "2026-03-02",
                "\"RRULE:FREQ=WEEKLY;COUNT=4\", \"RDATE;TZID=Europe/Berlin:20260304T090000,20260318T090000\"");

        String restId = put(http, user, id + "_20260316T080000Z?scope=following", "{\"title\": \"Standup v2\"}")
                .path("id")
                .asString();

        JsonNode listed = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(listed))
                .containsExactly(
                        "2026-03-02T08:00:00Z",
                        "2026-03-04T08:00:00Z",
                        "2026-03-09T08:00:00Z",
                        "2026-03-16T08:00:00Z",
                        "2026-03-18T08:00:00Z",
                        "2026-03-23T08:00:00Z");
        assertThat(each(listed, "recurringEventId")).containsExactly(id, id, id, restId, restId, restId);
    }

    @Test
    void thisAndFollowingTakesEditedOccurrencesAfterTheSplitAlongUnlessTheTimesChange() {
        String id = mondays("2026-03-02", "\"RRULE:FREQ=WEEKLY;COUNT=6\"");
        put(http, user, id + "_20260330T070000Z", "{\"title\": \"Special\"}");

        JsonNode rest = put(http, user, id + "_20260316T080000Z?scope=following", "{\"location\": \"Room 2\"}");
        String restId = rest.path("id").asString();

        JsonNode listed = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(listed))
                .containsExactly(
                        "2026-03-02T08:00:00Z",
                        "2026-03-09T08:00:00Z",
                        "2026-03-16T08:00:00Z",
                        "2026-03-23T08:00:00Z",
                        "2026-03-30T07:00:00Z",
                        "2026-04-06T07:00:00Z");
        assertThat(each(listed, "title"))
                .containsExactly("Standup", "Standup", "Standup", "Standup", "Special", "Standup");
        assertThat(each(listed, "id").get(4)).isEqualTo(restId + "_20260330T070000Z");
        assertThat(each(listed, "recurringEventId")).containsExactly(id, id, restId, restId, restId, restId);
        assertThat(http.get(EVENTS + "/" + id + "_20260330T070000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);

        // changing the times from Mar 23 on drops that edit: its occurrence is at another time now
        JsonNode last = put(http, user, restId + "_20260323T080000Z?scope=following", """
                {"startTime": "2026-03-23T11:00:00", "endTime": "2026-03-23T11:30:00"}""");
        JsonNode after = window(http, user, "start=2026-03-23&end=2026-04-30&timeZone=Europe/Berlin");
        assertThat(starts(after))
                .containsExactly("2026-03-23T10:00:00Z", "2026-03-30T09:00:00Z", "2026-04-06T09:00:00Z");
        assertThat(each(after, "title")).containsOnly("Standup");
        assertThat(each(after, "recurringEventId")).containsOnly(last.path("id").asString());
    }

    @Test
    void thisAndFollowingFromTheFirstOccurrenceChangesTheWholeSeries() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=2\"");

        JsonNode series = put(http, user, id + "_20260316T080000Z?scope=following", "{\"title\": \"Renamed\"}");

        assertThat(series.path("id").asString()).isEqualTo(id);
        assertThat(series.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=2\"]");
        assertThat(each(window(http, user, MARCH_AND_APRIL), "title")).containsExactly("Renamed", "Renamed");
    }

    @Test
    void changingTheWholeSeriesFromAnOccurrenceShiftsEveryOccurrenceByTheSameDelta() {
        // Mar 2, 9, 16; the Mar 9 occurrence moves a day and two hours later and lasts an hour
        String id = mondays("2026-03-02", "\"RRULE:FREQ=WEEKLY;COUNT=3\"");

        JsonNode series = put(http, user, id + "_20260309T080000Z?scope=all", """
                {"startTime": "2026-03-10T11:00:00", "endTime": "2026-03-10T12:00:00"}""");

        assertThat(series.path("id").asString()).isEqualTo(id);
        assertThat(series.path("startTime").asString()).isEqualTo("2026-03-03T10:00:00Z");
        assertThat(series.path("endTime").asString()).isEqualTo("2026-03-03T11:00:00Z");
        assertThat(series.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=3\"]");
        JsonNode listed = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(listed))
                .containsExactly("2026-03-03T10:00:00Z", "2026-03-10T10:00:00Z", "2026-03-17T10:00:00Z");
        assertThat(each(listed, "endTime"))
                .containsExactly("2026-03-03T11:00:00Z", "2026-03-10T11:00:00Z", "2026-03-17T11:00:00Z");
    }

    @Test
    void changingTheWholeSeriesFromAnOccurrenceAcrossADstChangeKeepsTheWallClockDelta() {
        // Mar 16, 23 (CET), 30 (CEST); the Mar 30 occurrence moves to Friday Mar 27 09:00 (CET): 3 days earlier,
        // same wall-clock time — every occurrence moves to the Friday before, still at 09:00 (08:00Z in CET)
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=3\"");

        JsonNode series = put(http, user, id + "_20260330T070000Z?scope=all", """
                {"startTime": "2026-03-27T09:00:00", "endTime": "2026-03-27T09:30:00"}""");

        assertThat(series.path("startTime").asString()).isEqualTo("2026-03-13T08:00:00Z");
        assertThat(starts(window(http, user, MARCH_AND_APRIL)))
                .containsExactly("2026-03-13T08:00:00Z", "2026-03-20T08:00:00Z", "2026-03-27T08:00:00Z");
    }

    @Test
    void changingAWholeSeriesDropsTheEditsOfOccurrencesItNoLongerHasAndKeepsTheOthers() {
        String id = mondays("2026-03-02", "\"RRULE:FREQ=WEEKLY;COUNT=3\"");
        put(http, user, id + "_20260309T080000Z", "{\"title\": \"Special\"}");
        put(http, user, id + "_20260316T080000Z", "{\"title\": \"Last\"}");

        // two occurrences instead of three: the Mar 16 edit has no occurrence left
        put(http, user, id, "{\"recurrence\": [\"RRULE:FREQ=WEEKLY;COUNT=2\"]}");
        JsonNode shorter = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(shorter)).containsExactly("2026-03-02T08:00:00Z", "2026-03-09T08:00:00Z");
        assertThat(each(shorter, "title")).containsExactly("Standup", "Special");
        assertThat(http.get(EVENTS + "/" + id + "_20260316T080000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);

        // an hour later: no occurrence starts at 08:00Z any more, so the Mar 9 edit goes too (listed once, not twice)
        put(http, user, id, "{\"startTime\": \"2026-03-02T10:00:00\", \"endTime\": \"2026-03-02T10:30:00\"}");
        JsonNode later = window(http, user, MARCH_AND_APRIL);
        assertThat(starts(later)).containsExactly("2026-03-02T09:00:00Z", "2026-03-09T09:00:00Z");
        assertThat(each(later, "title")).containsExactly("Standup", "Standup");
        assertThat(each(later, "id")).containsExactly(id + "_20260302T090000Z", id + "_20260309T090000Z");
    }

    @Test
    void deletingOneOccurrenceExcludesItFromTheSeries() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=4\"");

        delete(http, user, id + "_20260323T080000Z");

        assertThat(starts(window(http, user, MARCH_AND_APRIL)))
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z");
        assertThat(http.get(EVENTS + "/" + id + "_20260323T080000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        JsonNode series = get(http, user, "/" + id);
        assertThat(series.path("recurrence").toString())
                .isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=4\",\"EXDATE;TZID=Europe/Berlin:20260323T090000\"]");
        assertThat(series.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void deletingAnEditedOccurrenceRemovesTheEditAndTheOccurrence() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=3\"");
        put(
                http,
                user,
                id + "_20260323T080000Z",
                "{\"startTime\": \"2026-03-25T09:00:00\", \"endTime\": \"2026-03-25T10:00:00\"}");

        delete(http, user, id + "_20260323T080000Z");

        assertThat(starts(window(http, user, MARCH_AND_APRIL)))
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-30T07:00:00Z");
        assertThat(http.get(EVENTS + "/" + id + "_20260323T080000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void deletingThisAndFollowingEndsTheSeriesBeforeTheOccurrenceAndDropsLaterEdits() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY;COUNT=4\"");
        put(http, user, id + "_20260406T070000Z", "{\"title\": \"Last one\"}");

        delete(http, user, id + "_20260330T070000Z?scope=following");

        assertThat(starts(window(http, user, MARCH_AND_APRIL)))
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z");
        assertThat(get(http, user, "/" + id).path("recurrence").toString())
                .isEqualTo("[\"RRULE:FREQ=WEEKLY;UNTIL=20260330T065959Z\"]");
        assertThat(http.get(EVENTS + "/" + id + "_20260406T070000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void deletingFromTheFirstOccurrenceOnOrTheWholeSeriesDeletesTheSeries() {
        String first = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY\"");
        String second = mondays("2026-03-17", "\"RRULE:FREQ=WEEKLY\"");
        put(http, user, second + "_20260324T080000Z", "{\"title\": \"Edited\"}");

        delete(http, user, first + "_20260316T080000Z?scope=following");
        delete(http, user, second + "_20260331T070000Z?scope=all");

        assertThat(http.get(EVENTS + "/" + first).as(user).send().statusCode()).isEqualTo(404);
        assertThat(http.get(EVENTS + "/" + second).as(user).send().statusCode()).isEqualTo(404);
        assertThat(http.get(EVENTS + "/" + second + "_20260324T080000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(window(http, user, MARCH_AND_APRIL)).isEmpty();
    }

    @Test
    void allDayOccurrencesAreNamedEditedSplitAndDeletedByDate() {
        // all-day Mondays Mar 2, 9, 16, 23
        String id = create(http, user, """
                        {"title": "Office day", "startDate": "2026-03-02", "endDate": "2026-03-03",
                         "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}""").path("id").asString();

        JsonNode moved =
                put(http, user, id + "_20260309", "{\"startDate\": \"2026-03-10\", \"endDate\": \"2026-03-12\"}");
        assertThat(moved.path("originalStartTime").asString()).isEqualTo("2026-03-09");
        assertThat(moved.path("endDate").asString()).isEqualTo("2026-03-12");
        JsonNode rest = put(http, user, id + "_20260316?scope=following", "{\"title\": \"Home day\"}");
        delete(http, user, rest.path("id").asString() + "_20260323");

        JsonNode listed = window(http, user, "year=2026&month=3&timeZone=Europe/Berlin");
        assertThat(starts(listed)).containsExactly("2026-03-02", "2026-03-10", "2026-03-16");
        assertThat(each(listed, "id"))
                .containsExactly(
                        id + "_20260302", id + "_20260309", rest.path("id").asString() + "_20260316");
        assertThat(each(listed, "title")).containsExactly("Office day", "Office day", "Home day");
        assertThat(get(http, user, "/" + id).path("recurrence").toString())
                .isEqualTo("[\"RRULE:FREQ=WEEKLY;UNTIL=20260315\"]");
        assertThat(rest.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=2\"]");
        assertThat(rest.path("startDate").asString()).isEqualTo("2026-03-16");
    }

    @Test
    void anOccurrenceIsReadByItsInstanceIdWithTheSeriesVersionAsETag() {
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY\"");

        HttpResponse<String> response =
                http.get(EVENTS + "/" + id + "_20260330T070000Z").as(user).send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode occurrence = json(response);
        assertThat(occurrence.path("id").asString()).isEqualTo(id + "_20260330T070000Z");
        assertThat(occurrence.path("startTime").asString()).isEqualTo("2026-03-30T07:00:00Z");
        assertThat(occurrence.path("endTime").asString()).isEqualTo("2026-03-30T07:30:00Z");
        assertThat(occurrence.path("originalStartTime").asString()).isEqualTo("2026-03-30T07:00:00Z");
        assertThat(occurrence.path("recurringEventId").asString()).isEqualTo(id);
        assertThat(occurrence.path("iCalUID").asString()).isEqualTo(id + "@atom");
        assertThat(http.get(EVENTS + "/" + id + "_20260330T070000Z")
                        .header("If-None-Match", "\"1\"")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(304);

        // not an occurrence: a Tuesday, 09:00 at the old offset, garbage after the id
        for (String missing : new String[] {"_20260331T070000Z", "_20260330T080000Z", "_2026033", "_x"}) {
            assertThat(http.get(EVENTS + "/" + id + missing).as(user).send().statusCode())
                    .as(missing)
                    .isEqualTo(404);
        }
    }

    @Test
    void theInstancesOfASeriesDefaultToAYearFromItsStartAndArePaged() {
        // Mondays from 16 March 2026; the default window ends 366 days later (17 March 2027): 53 Mondays
        String id = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY\"");

        HttpResponse<String> first =
                http.get(EVENTS + "/" + id + "/instances").as(user).send();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("53");
        assertThat(json(first).size()).isEqualTo(50);
        assertThat(starts(json(first)).getFirst()).isEqualTo("2026-03-16T08:00:00Z");
        String next = first.headers().firstValue("Link").orElseThrow();
        String url = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        JsonNode rest =
                json(http.get(url.substring(url.indexOf("/api/"))).as(user).send());
        assertThat(starts(rest))
                .containsExactly("2027-03-01T08:00:00Z", "2027-03-08T08:00:00Z", "2027-03-15T08:00:00Z");

        JsonNode april =
                get(http, user, "/" + id + "/instances?start=2026-04-01&end=2026-04-30&timeZone=Europe/Berlin");
        assertThat(starts(april))
                .containsExactly(
                        "2026-04-06T07:00:00Z", "2026-04-13T07:00:00Z", "2026-04-20T07:00:00Z", "2026-04-27T07:00:00Z");
    }

    @Test
    void aSingleEventOrAnOccurrenceHasNoInstances() {
        String single = create(http, user, """
                        {"title": "Once", "startTime": "2026-03-16T09:00:00Z", "endTime": "2026-03-16T10:00:00Z"}""").path("id").asString();
        String series = mondays("2026-03-16", "\"RRULE:FREQ=WEEKLY\"");

        assertThat(http.get(EVENTS + "/" + single + "/instances")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.get(EVENTS + "/" + series + "_20260316T080000Z/instances")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }
}
