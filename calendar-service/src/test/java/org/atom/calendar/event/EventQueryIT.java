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
import java.util.ArrayList;
import java.util.List;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/calendar/events}: windows ({@code year}/{@code month}, {@code year}, {@code start}/{@code end} and
 * the original's {@code start_date}/{@code end_date}) list every occurrence overlapping them in the viewer's zone;
 * without a window, the events and series themselves; {@code q}; keyset paging with {@code Link} and
 * {@code X-Total-Count}; the window limit; reading one event or series.
 */
@CalendarServiceContext
class EventQueryIT {

    @LocalServerPort
    int port;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        user = newUser();
    }

    private String event(String title, String start, String end) {
        return create(http, user, """
                        {"title": "%s", "startTime": "%s", "endTime": "%s"}""".formatted(title, start, end)).path("id").asString();
    }

    @Test
    void aMonthIncludesItsLastDayAndIsTheMonthInTheViewersZone() {
        event("first-berlin", "2026-03-31T22:30:00Z", "2026-03-31T23:00:00Z"); // 1 April 00:30 in Berlin
        event("last-day", "2026-04-30T18:00:00Z", "2026-04-30T19:00:00Z");
        event("last-utc", "2026-04-30T22:30:00Z", "2026-04-30T23:00:00Z"); // 1 May 00:30 in Berlin
        event("may", "2026-05-01T00:00:00Z", "2026-05-01T01:00:00Z");

        assertThat(each(window(http, user, "year=2026&month=4&timeZone=UTC"), "title"))
                .containsExactly("last-day", "last-utc");
        assertThat(each(window(http, user, "year=2026&month=4&timeZone=Europe/Berlin"), "title"))
                .containsExactly("first-berlin", "last-day");
    }

    @Test
    void anEventOverlappingTheWindowIsListedEvenWhenItStartedBefore() {
        event("into-april", "2026-03-31T22:00:00Z", "2026-04-01T02:00:00Z");
        event("ends-at-april", "2026-03-31T23:00:00Z", "2026-04-01T00:00:00Z");
        event("all-april", "2026-03-30T00:00:00Z", "2026-05-02T00:00:00Z");
        event("starts-at-may", "2026-05-01T00:00:00Z", "2026-05-01T00:30:00Z");

        assertThat(each(window(http, user, "year=2026&month=4&timeZone=UTC"), "title"))
                .containsExactly("all-april", "into-april");
        assertThat(each(window(http, user, "year=2026&month=3&timeZone=UTC"), "title"))
                .containsExactly("all-april", "into-april", "ends-at-april");
    }

    @Test
    void anOccurrenceOfASeriesStartedBeforeTheWindowIsListedWhereItOverlaps() {
        // every night 23:00-01:00 UTC from 30 March: the 31 March night runs into April
        String id = create(http, user, """
                        {"title": "Night shift", "startTime": "2026-03-30T23:00:00Z", "endTime": "2026-03-31T01:00:00Z",
                         "timeZone": "UTC", "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}""").path("id").asString();

        assertThat(each(window(http, user, "start=2026-04-01&end=2026-04-01&timeZone=UTC"), "id"))
                .containsExactly(id + "_20260331T230000Z", id + "_20260401T230000Z");
    }

    @Test
    void yearAloneIsTheWholeYear() {
        event("2025", "2025-12-31T20:00:00Z", "2025-12-31T20:30:00Z");
        event("first", "2026-01-01T00:00:00Z", "2026-01-01T00:30:00Z");
        event("last", "2026-12-31T23:00:00Z", "2026-12-31T23:30:00Z");
        event("2027", "2027-01-01T00:00:00Z", "2027-01-01T00:30:00Z");

        assertThat(each(window(http, user, "year=2026&timeZone=UTC"), "title")).containsExactly("first", "last");
    }

    @Test
    void startAndEndTakeDatesWithTheEndIncludedOrInstantsAndTheOriginalNamesToo() {
        event("10th", "2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z");
        event("12th", "2026-03-12T12:00:00Z", "2026-03-12T13:00:00Z");
        event("14th", "2026-03-14T12:00:00Z", "2026-03-14T13:00:00Z");

        List<String> dates = List.of("10th", "12th");
        assertThat(each(window(http, user, "start=2026-03-10&end=2026-03-12&timeZone=UTC"), "title"))
                .isEqualTo(dates);
        assertThat(each(window(http, user, "start_date=2026-03-10&end_date=2026-03-12&timeZone=UTC"), "title"))
                .isEqualTo(dates);
        assertThat(each(window(http, user, "startDate=2026-03-10&endDate=2026-03-12&timeZone=UTC"), "title"))
                .isEqualTo(dates);
        // half-open: 12:30 is inside the 10th's hour; the 14th starts exactly at the end
        assertThat(each(window(http, user, "start=2026-03-10T12:30:00Z&end=2026-03-14T12:00:00Z"), "title"))
                .isEqualTo(dates);
        assertThat(each(
                        window(
                                http,
                                user,
                                "start_date=2026-03-10T13:30:00%2B01:00&end_date=2026-03-14T13:00:00%2B01:00"),
                        "title"))
                .isEqualTo(dates);

        assertThat(badField(http.get(EVENTS + "?start=2026-03-10&start_date=2026-03-10&end=2026-03-12")
                        .as(user)
                        .send()))
                .isEqualTo("start_date");
        assertThat(badField(http.get(EVENTS + "?start=2026-03-10").as(user).send()))
                .isEqualTo("end");
        assertThat(badField(http.get(EVENTS + "?end_date=2026-03-10").as(user).send()))
                .isEqualTo("start");
        assertThat(badField(http.get(EVENTS + "?start=2026-03-12&end=2026-03-10T00:00:00Z")
                        .as(user)
                        .send()))
                .isEqualTo("end");
        assertThat(badField(http.get(EVENTS + "?start=tomorrow&end=2026-03-10")
                        .as(user)
                        .send()))
                .isEqualTo("start");
    }

    @Test
    void qSearchesTitleDescriptionAndLocation() {
        event("Dentist appointment", "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z");
        create(http, user, """
                {"title": "Lunch", "description": "with the dentist", "startTime": "2026-03-11T12:00:00Z",
                 "endTime": "2026-03-11T13:00:00Z"}""");
        create(http, user, """
                {"title": "Call", "location": "Dentist office", "startTime": "2026-03-12T08:00:00Z",
                 "endTime": "2026-03-12T08:15:00Z"}""");
        event("Gym", "2026-03-13T18:00:00Z", "2026-03-13T19:00:00Z");

        HttpResponse<String> all = http.get(EVENTS + "?q=dentist").as(user).send();
        assertThat(each(json(all), "title")).containsExactly("Dentist appointment", "Lunch", "Call");
        assertThat(all.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(each(window(http, user, "q=DENTIST&start=2026-03-11&end=2026-03-31&timeZone=UTC"), "title"))
                .containsExactly("Lunch", "Call");
        assertThat(get(http, user, "?q=orthodontist")).isEmpty();
    }

    @Test
    void qMatchesOccurrencesAsTheyAreEditedOccurrencesIncluded() {
        String dentist = create(http, user, """
                        {"title": "Dentist", "startTime": "2026-03-02T09:00:00Z", "endTime": "2026-03-02T10:00:00Z",
                         "timeZone": "UTC", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]}""").path("id").asString();
        String gym = create(http, user, """
                        {"title": "Gym", "startTime": "2026-03-03T18:00:00Z", "endTime": "2026-03-03T19:00:00Z",
                         "timeZone": "UTC", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]}""").path("id").asString();
        EventTestSupport.put(http, user, dentist + "_20260309T090000Z", "{\"title\": \"Checkup\"}");
        EventTestSupport.put(http, user, gym + "_20260310T180000Z", "{\"title\": \"Gym with the dentist\"}");

        assertThat(each(window(http, user, "q=dentist&year=2026&month=3&timeZone=UTC"), "id"))
                .containsExactly(
                        dentist + "_20260302T090000Z", gym + "_20260310T180000Z", dentist + "_20260316T090000Z");
    }

    @Test
    void withoutAWindowTheListHoldsEventsAndSeriesThemselvesPagedByFirstStart() {
        for (int day = 1; day <= 4; day++) {
            event("single-" + day, "2026-06-0%dT09:00:00Z".formatted(day), "2026-06-0%dT10:00:00Z".formatted(day));
        }
        String series = create(http, user, """
                        {"title": "series", "startTime": "2026-06-03T12:00:00Z", "endTime": "2026-06-03T13:00:00Z",
                         "timeZone": "UTC", "recurrence": ["RRULE:FREQ=DAILY"]}""").path("id").asString();

        List<List<String>> pages = pages(EVENTS + "?limit=2", 5);

        assertThat(pages)
                .containsExactly(List.of("single-1", "single-2"), List.of("single-3", "series"), List.of("single-4"));
        JsonNode listed = get(http, user, "");
        assertThat(each(listed, "id").get(3)).isEqualTo(series);
        assertThat(listed.get(3).path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=DAILY\"]");
        assertThat(listed.get(0).path("recurrence").toString()).isEqualTo("[]");
    }

    @Test
    void aWindowsOccurrencesArePagedInOrderAcrossPages() {
        create(http, user, """
                {"title": "daily", "startTime": "2026-06-01T09:00:00Z", "endTime": "2026-06-01T10:00:00Z",
                 "timeZone": "UTC", "recurrence": ["RRULE:FREQ=DAILY;COUNT=4"]}""");
        event("single", "2026-06-02T09:00:00Z", "2026-06-02T09:30:00Z");

        List<List<String>> pages = new ArrayList<>();
        String next = EVENTS + "?year=2026&month=6&timeZone=UTC&limit=2";
        while (next != null) {
            HttpResponse<String> page = http.get(next).as(user).send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("5");
            pages.add(starts(json(page)));
            next = nextPath(page);
        }

        // the single event and the 2 June occurrence start together: ordered by id then, either way round
        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .containsExactly(
                        "2026-06-01T09:00:00Z",
                        "2026-06-02T09:00:00Z",
                        "2026-06-02T09:00:00Z",
                        "2026-06-03T09:00:00Z",
                        "2026-06-04T09:00:00Z");
        assertThat(badField(http.get(EVENTS + "?limit=201").as(user).send())).isEqualTo("limit");
        assertThat(badField(http.get(EVENTS + "?limit=0&year=2026").as(user).send()))
                .isEqualTo("limit");
    }

    @Test
    void aWindowMayBeAtMost400Days() {
        event("in", "2027-02-04T12:00:00Z", "2027-02-04T13:00:00Z");

        // 1 Jan 2026 to the end of 4 Feb 2027 is 365 + 35 = 400 days
        assertThat(each(window(http, user, "start=2026-01-01&end=2027-02-04&timeZone=UTC"), "title"))
                .containsExactly("in");
        assertThat(badField(http.get(EVENTS + "?start=2026-01-01&end=2027-02-05&timeZone=UTC")
                        .as(user)
                        .send()))
                .isEqualTo("end");
        assertThat(badField(http.get(EVENTS + "?year=2026&month=13").as(user).send()))
                .isEqualTo("month");
        assertThat(badField(http.get(EVENTS + "?month=3").as(user).send())).isEqualTo("year");
        assertThat(badField(http.get(EVENTS + "?year=2026&timeZone=Mars/Olympus")
                        .as(user)
                        .send()))
                .isEqualTo("timeZone");
    }

    @Test
    void aSeriesIsReadByItsIdWithItsRuleAndFirstOccurrence() {
        JsonNode created = create(http, user, """
                {"title": "Yoga", "startTime": "2026-06-02T18:00:00", "endTime": "2026-06-02T19:00:00",
                 "timeZone": "Europe/Berlin", "recurrence": ["rrule:freq=weekly;byday=tu,th;count=10"]}""");

        JsonNode series = get(http, user, "/" + created.path("id").asString());

        assertThat(series).isEqualTo(created);
        assertThat(series.path("recurrence").toString()).isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU,TH\"]");
        assertThat(series.path("startTime").asString()).isEqualTo("2026-06-02T16:00:00Z");
        assertThat(series.path("recurringEventId").isNull()).isTrue();
        assertThat(series.path("originalStartTime").isNull()).isTrue();
    }

    /** Follows {@code Link: rel="next"} from the path; every page must say the total. Returns the titles per page. */
    private List<List<String>> pages(String path, int total) {
        List<List<String>> pages = new ArrayList<>();
        String next = path;
        while (next != null) {
            HttpResponse<String> page = http.get(next).as(user).send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(total));
            pages.add(each(json(page), "title"));
            next = nextPath(page);
        }
        return pages;
    }

    /** The path and query of the {@code Link: <…>; rel="next"} target, or null on the last page. */
    private static String nextPath(HttpResponse<String> page) {
        return page.headers()
                .firstValue("Link")
                .map(link -> {
                    assertThat(link).endsWith("; rel=\"next\"");
                    String url = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
                    return url.substring(url.indexOf("/api/"));
                })
                .orElse(null);
    }
}
