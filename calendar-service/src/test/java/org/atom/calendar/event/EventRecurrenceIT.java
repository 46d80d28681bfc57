package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.event.EventTestSupport.EVENTS;
import static org.atom.calendar.event.EventTestSupport.badField;
import static org.atom.calendar.event.EventTestSupport.create;
import static org.atom.calendar.event.EventTestSupport.each;
import static org.atom.calendar.event.EventTestSupport.get;
import static org.atom.calendar.event.EventTestSupport.json;
import static org.atom.calendar.event.EventTestSupport.newUser;
import static org.atom.calendar.event.EventTestSupport.starts;
import static org.atom.calendar.event.EventTestSupport.window;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * RFC 5545 recurrence through the API: series expanded in their own zone (wall-clock time kept across DST), the
 * rule parts calendars get wrong (31st, last day, last Friday), COUNT against UNTIL, EXDATE, leap days, long series.
 * Every expectation below was worked out by hand from the calendar and the zones' DST rules.
 */
@CalendarServiceContext
class EventRecurrenceIT {

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
    void aWeeklySeriesInBerlinKeepsNineOClockAcrossBothDstChanges() {
        // Mondays 09:00 Europe/Berlin; CEST (UTC+2) from Sunday 29 March to Sunday 25 October 2026, else CET (UTC+1)
        String id = create(http, user, """
                        {"title": "Standup", "startTime": "2026-03-16T09:00:00", "endTime": "2026-03-16T09:15:00",
                         "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO"]}""").path("id").asString();

        JsonNode spring = window(http, user, "start=2026-03-16&end=2026-03-30&timeZone=Europe/Berlin");
        assertThat(starts(spring))
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z");
        assertThat(each(spring, "endTime"))
                .containsExactly("2026-03-16T08:15:00Z", "2026-03-23T08:15:00Z", "2026-03-30T07:15:00Z");
        assertThat(each(spring, "id"))
                .containsExactly(id + "_20260316T080000Z", id + "_20260323T080000Z", id + "_20260330T070000Z");
        assertThat(each(spring, "originalStartTime"))
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z");
        assertThat(each(spring, "recurringEventId")).containsOnly(id);
        assertThat(each(spring, "timeZone")).containsOnly("Europe/Berlin");
        assertThat(each(spring, "title")).containsOnly("Standup");

        JsonNode autumn = window(http, user, "start=2026-10-19&end=2026-10-26&timeZone=Europe/Berlin");
        assertThat(starts(autumn)).containsExactly("2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z");
    }

    @Test
    void aWeeklySeriesInNewYorkKeepsTenOClockAcrossBothDstChanges() {
        // Wednesdays 10:00 America/New_York; EDT (UTC-4) from Sunday 8 March to Sunday 1 November 2026, else EST (-5)
        String id = create(http, user, """
                        {"title": "Sync", "start_time": "2026-03-04T10:00:00", "end_time": "2026-03-04T11:00:00",
                         "time_zone": "America/New_York", "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=WE"]}""").path("id").asString();

        JsonNode spring = window(http, user, "start=2026-03-01&end=2026-03-14&timeZone=America/New_York");
        assertThat(starts(spring)).containsExactly("2026-03-04T15:00:00Z", "2026-03-11T14:00:00Z");
        assertThat(each(spring, "id")).containsExactly(id + "_20260304T150000Z", id + "_20260311T140000Z");

        JsonNode autumn = window(http, user, "start=2026-10-25&end=2026-11-07&timeZone=America/New_York");
        assertThat(starts(autumn)).containsExactly("2026-10-28T14:00:00Z", "2026-11-04T15:00:00Z");
        assertThat(each(autumn, "endTime")).containsExactly("2026-10-28T15:00:00Z", "2026-11-04T16:00:00Z");
    }

    @Test
    void anOccurrenceInTheSpringGapMovesForwardAndOneInTheAutumnOverlapTakesTheEarlierOffset() {
        // 02:30 in Berlin: 29 March has no 02:30 (03:30 CEST instead); 25 October has two (the first, CEST, is taken)
        String id = create(http, user, """
                        {"title": "Night job", "startTime": "2026-03-28T02:30:00", "endTime": "2026-03-28T02:45:00",
                         "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=DAILY"]}""").path("id").asString();

        assertThat(starts(window(http, user, "start=2026-03-28&end=2026-03-30&timeZone=Europe/Berlin")))
                .containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z");
        assertThat(starts(window(http, user, "start=2026-10-24&end=2026-10-26&timeZone=Europe/Berlin")))
                .containsExactly("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
        assertThat(get(http, user, "/" + id + "_20260329T013000Z")
                        .path("endTime")
                        .asString())
                .isEqualTo("2026-03-29T01:45:00Z");
    }

    @Test
    void aMonthlySeriesOnThe31stSkipsShorterMonths() {
        create(http, user, """
                {"title": "Payroll", "startTime": "2026-01-31T10:00:00Z", "endTime": "2026-01-31T11:00:00Z",
                 "timeZone": "UTC", "recurrence": ["RRULE:FREQ=MONTHLY;BYMONTHDAY=31"]}""");

        assertThat(starts(window(http, user, "year=2026&timeZone=UTC")))
                .containsExactly(
                        "2026-01-31T10:00:00Z",
                        "2026-03-31T10:00:00Z",
                        "2026-05-31T10:00:00Z",
                        "2026-07-31T10:00:00Z",
                        "2026-08-31T10:00:00Z",
                        "2026-10-31T10:00:00Z",
                        "2026-12-31T10:00:00Z");
    }

    @Test
    void byMonthDayMinusOneIsTheLastDayOfEveryMonthFebruary29InALeapYear() {
        create(http, user, """
                {"title": "Close the books", "startTime": "2028-01-31T17:00:00", "endTime": "2028-01-31T18:00:00",
                 "timeZone": "UTC", "recurrence": ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1"]}""");

        assertThat(starts(window(http, user, "start=2028-01-01&end=2028-06-30&timeZone=UTC")))
                .containsExactly(
                        "2028-01-31T17:00:00Z",
                        "2028-02-29T17:00:00Z",
                        "2028-03-31T17:00:00Z",
                        "2028-04-30T17:00:00Z",
                        "2028-05-31T17:00:00Z",
                        "2028-06-30T17:00:00Z");
    }

    @Test
    void byDayMinusOneFridayIsTheLastFridayOfEachMonth() {
        create(http, user, """
                {"title": "Retro", "startTime": "2026-01-30T15:00:00Z", "endTime": "2026-01-30T16:00:00Z",
                 "timeZone": "UTC", "recurrence": ["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"]}""");

        assertThat(starts(window(http, user, "year=2026&timeZone=UTC")))
                .containsExactly(
                        "2026-01-30T15:00:00Z",
                        "2026-02-27T15:00:00Z",
                        "2026-03-27T15:00:00Z",
                        "2026-04-24T15:00:00Z",
                        "2026-05-29T15:00:00Z",
                        "2026-06-26T15:00:00Z");
    }

    @Test
    void countCountsTheStartAndUntilIncludesAnOccurrenceExactlyAtIt() {
        String daily = """
                {"title": "%s", "startTime": "2026-05-01T09:00:00Z", "endTime": "2026-05-01T09:30:00Z",
                 "timeZone": "UTC", "recurrence": ["RRULE:FREQ=DAILY;%s"]}""";
        create(http, user, daily.formatted("count", "COUNT=3"));
        create(http, user, daily.formatted("until-at", "UNTIL=20260503T090000Z"));
        create(http, user, daily.formatted("until-before", "UNTIL=20260503T085959Z"));
        create(http, user, daily.formatted("until-date", "UNTIL=20260503"));

        JsonNode may = window(http, user, "year=2026&month=5&timeZone=UTC");
        for (String title : List.of("count", "until-at", "until-date")) {
            assertThat(starts(filter(may, title)))
                    .as(title)
                    .containsExactly("2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z", "2026-05-03T09:00:00Z");
        }
        assertThat(starts(filter(may, "until-before"))).containsExactly("2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z");
    }

    @Test
    void exdateRemovesTheOccurrenceAtThatTimeWhichStillCountsTowardsCount() {
        // 09:00 in Berlin in May is 07:00Z; the second EXDATE (09:00Z = 11:00 in Berlin) matches no occurrence
        String id = create(http, user, """
                        {"title": "Gym", "startTime": "2026-05-01T09:00:00", "endTime": "2026-05-01T10:00:00",
                         "timeZone": "Europe/Berlin",
                         "recurrence": ["RRULE:FREQ=DAILY;COUNT=5", "EXDATE;TZID=Europe/Berlin:20260503T090000",
                                        "EXDATE:20260504T090000Z"]}""").path("id").asString();

        assertThat(starts(window(http, user, "year=2026&month=5&timeZone=Europe/Berlin")))
                .containsExactly(
                        "2026-05-01T07:00:00Z", "2026-05-02T07:00:00Z", "2026-05-04T07:00:00Z", "2026-05-05T07:00:00Z");
        assertThat(http.get(EventTestSupport.EVENTS + "/" + id + "_20260503T070000Z")
                        .as(user)
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAllDayYearlyEventOnFebruary29OccursOnlyInLeapYears() {
        JsonNode series = create(http, user, """
                {"title": "Leap day", "startDate": "2024-02-29", "endDate": "2024-03-01",
                 "recurrence": ["RRULE:FREQ=YEARLY"]}""");
        String id = series.path("id").asString();
        assertThat(series.path("allDay").asBoolean()).isTrue();

        for (int year = 2025; year <= 2027; year++) {
            assertThat(window(http, user, "year=" + year + "&timeZone=UTC"))
                    .as("year %d", year)
                    .isEmpty();
        }
        JsonNode leap = window(http, user, "year=2028&timeZone=Europe/Berlin");
        assertThat(each(leap, "id")).containsExactly(id + "_20280229");
        assertThat(each(leap, "startDate")).containsExactly("2028-02-29");
        assertThat(each(leap, "endDate")).containsExactly("2028-03-01");
        assertThat(each(leap, "originalStartTime")).containsExactly("2028-02-29");
        assertThat(each(leap, "startTime")).containsOnlyNulls();
        assertThat(each(window(http, user, "year=2032&timeZone=America/New_York"), "startDate"))
                .containsExactly("2032-02-29");
        assertThat(get(http, user, "/" + id + "_20320229").path("startDate").asString())
                .isEqualTo("2032-02-29");
    }

    @Test
    void aTenYearDailySeriesIsExpandedCorrectlyInItsLastMonth() {
        // 2026-01-01 to 2035-12-31: 10 × 365 days + 2 leap days (2028, 2032) = 3652 occurrences
        create(http, user, """
                {"title": "Counted", "startTime": "2026-01-01T08:00:00", "endTime": "2026-01-01T08:30:00",
                 "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3652"]}""");
        create(http, user, """
                {"title": "Until", "startTime": "2026-01-01T08:00:00", "endTime": "2026-01-01T08:30:00",
                 "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=DAILY;UNTIL=20351231T235959Z"]}""");
        // December is CET: 08:00 in Berlin is 07:00Z
        List<String> december = IntStream.rangeClosed(1, 31)
                .mapToObj(day -> "2035-12-%02dT07:00:00Z".formatted(day))
                .toList();

        long started = System.nanoTime();
        JsonNode lastMonth = window(http, user, "year=2035&month=12&timeZone=Europe/Berlin&limit=100");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("CALENDAR 10-YEAR SERIES: December 2035 of two daily series from 2026 (COUNT and UNTIL)"
                + " listed in " + millis + " ms");

        assertThat(starts(filter(lastMonth, "Counted"))).containsExactlyElementsOf(december);
        assertThat(starts(filter(lastMonth, "Until"))).containsExactlyElementsOf(december);
        assertThat(window(http, user, "year=2036&month=1&timeZone=Europe/Berlin"))
                .isEmpty();
    }

    /** A series of one-minute events every minute of the day, in UTC, from 1 Jan 2000: 1,440 occurrences a day. */
    private String everyMinuteSince2000() {
        String hours = String.join(
                ",", IntStream.range(0, 24).mapToObj(String::valueOf).toList());
        String minutes = String.join(
                ",", IntStream.range(0, 60).mapToObj(String::valueOf).toList());
        return create(http, user, """
                        {"title": "Tick", "startTime": "2000-01-01T00:00:00Z", "endTime": "2000-01-01T00:01:00Z",
                         "timeZone": "UTC", "recurrence": ["RRULE:FREQ=DAILY;BYHOUR=%s;BYMINUTE=%s"]}""".formatted(hours, minutes)).path("id").asString();
    }

    @Test
    void aWindowOfALongDenseSeriesHoldsEveryOccurrenceHoweverFarFromItsStart() {
        String id = everyMinuteSince2000();

        // 6 days × 1,440 = 8,640, 26 years after the start; then a day 290 years after it
        HttpResponse<String> week = http.get(EVENTS + "?start=2026-03-01T00:00:00Z&end=2026-03-07T00:00:00Z&limit=1")
                .as(user)
                .send();
        assertThat(week.statusCode()).as(week.body()).isEqualTo(200);
        assertThat(week.headers().firstValue("X-Total-Count")).hasValue("8640");
        assertThat(starts(json(week))).containsExactly("2026-03-01T00:00:00Z");
        JsonNode lastMinutes = window(http, user, "start=2026-03-06T23:58:00Z&end=2026-03-07T00:00:00Z");
        assertThat(each(lastMinutes, "id")).containsExactly(id + "_20260306T235800Z", id + "_20260306T235900Z");

        HttpResponse<String> far = http.get(EVENTS + "?start=2290-06-01T00:00:00Z&end=2290-06-02T00:00:00Z&limit=1")
                .as(user)
                .send();
        assertThat(far.statusCode()).as(far.body()).isEqualTo(200);
        assertThat(far.headers().firstValue("X-Total-Count")).hasValue("1440");
        assertThat(starts(json(far))).containsExactly("2290-06-01T00:00:00Z");
    }

    @Test
    void aWindowHoldingMoreThanTenThousandOccurrencesOfOneSeriesIsA400NotAShortenedList() {
        String id = everyMinuteSince2000();
        // one week: 7 × 1,440 = 10,080 (the list used to stop silently at 10,000)
        HttpResponse<String> week = http.get(EVENTS + "?start=2026-03-01T00:00:00Z&end=2026-03-08T00:00:00Z")
                .as(user)
                .send();
        assertThat(badField(week)).isEqualTo("end");
        assertThat(json(week).path("detail").asString())
                .isEqualTo("'end' asks too long a window: it holds more than 10,000 occurrences of the recurring"
                        + " event " + id + "; ask a shorter one");

        assertThat(badField(http.get(EVENTS + "?year=2026&month=3").as(user).send()))
                .isEqualTo("month");
        assertThat(badField(http.get(EVENTS + "?year=2026").as(user).send())).isEqualTo("year");
        assertThat(badField(http.get(EVENTS + "/" + id + "/instances?start=2026-03-01&end=2026-03-31")
                        .as(user)
                        .send()))
                .isEqualTo("end");
        // without a window, the instances of a year from the start
        assertThat(badField(http.get(EVENTS + "/" + id + "/instances").as(user).send()))
                .isEqualTo("end");
    }

    private static JsonNode filter(JsonNode occurrences, String title) {
        var array = EventTestSupport.JSON.createArrayNode();
        occurrences.forEach(o -> {
            if (o.path("title").asString().equals(title)) {
                array.add(o);
            }
        });
        return array;
    }
}
