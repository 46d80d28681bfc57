package org.atom.calendar.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.share.CalendarUsers.everyDay;
import static org.atom.calendar.share.CalendarUsers.weekdays;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import org.atom.calendar.CalendarServiceContext;
import org.atom.calendar.share.CalendarUsers;
import org.atom.calendar.share.CalendarUsers.User;
import org.atom.platform.users.UserProfiles;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/calendar/availability}: slots inside the user's working hours, in their zone, busy wherever an
 * event (series expanded) overlaps, with buffers, minimum notice and the tentative setting; DST days keep wall-clock
 * slots. The clock is the real one, so days with free slots lie in the future ({@link #monday}).
 */
@CalendarServiceContext
class AvailabilityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;

    @Autowired
    UserProfiles profiles;

    private CalendarUsers users;
    /** A Monday at least two weeks ahead: every slot of it lies in the future. */
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        users = new CalendarUsers(profiles);
        monday = LocalDate.now(UTC).plusDays(14).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    @Test
    void aWorkingDayIsSixteenHalfHourSlotsFromNineToFiveInTheUsersZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        User user = users.register(newYork.getId(), weekdays("09:00", "17:00"));

        List<JsonNode> slots = slots(user, "date=" + monday);

        assertThat(slots).hasSize(16).allSatisfy(slot -> {
            assertThat(slot.propertyNames()).containsExactlyInAnyOrder("startTime", "endTime", "available");
            assertThat(slot.get("available").asBoolean()).isTrue();
            assertThat(slot.get("startTime").asString()).endsWith("Z");
        });
        assertThat(slots.getFirst().get("startTime").asString()).isEqualTo(at(monday, "09:00", newYork));
        assertThat(slots.getFirst().get("endTime").asString()).isEqualTo(at(monday, "09:30", newYork));
        assertThat(slots.getLast().get("startTime").asString()).isEqualTo(at(monday, "16:30", newYork));
        assertThat(slots.getLast().get("endTime").asString()).isEqualTo(at(monday, "17:00", newYork));
    }

    @Test
    void aDayOffHasNoSlots() {
        User user = users.register();

        assertThat(slots(user, "date=" + monday.plusDays(5))).as("a Saturday").isEmpty();
    }

    @Test
    void anEventOverlappingASlotInAnyWayMakesItUnavailable() {
        User user = users.register();
        event(user, timed("Inside two slots", monday, "10:15", monday, "10:45"));
        event(user, timed("Started before the day", monday, "08:00", monday, "09:10"));
        event(user, timed("Runs past the day", monday, "16:50", monday, "18:00"));
        event(user, timed("Ends as a slot starts", monday, "11:00", monday, "11:30"));

        List<JsonNode> slots = slots(user, "date=" + monday);

        assertThat(unavailable(slots))
                .containsExactly(
                        at(monday, "09:00", UTC),
                        at(monday, "10:00", UTC),
                        at(monday, "10:30", UTC),
                        at(monday, "11:00", UTC),
                        at(monday, "16:30", UTC));
        assertThat(slots).hasSize(16);
    }

    @Test
    void everyOccurrenceOfARecurringSeriesIsBusy() {
        User user = users.register();
        event(user, """
                {"title": "Daily sync", "startTime": "%sT13:00:00", "endTime": "%sT14:00:00", "timeZone": "UTC",
                 "recurrence": ["RRULE:FREQ=DAILY;COUNT=5"]}""".formatted(monday, monday));

        List<JsonNode> slots = slots(user, "start=" + monday + "&end=" + monday.plusDays(2));

        assertThat(slots).hasSize(48);
        assertThat(unavailable(slots))
                .containsExactly(
                        at(monday, "13:00", UTC),
                        at(monday, "13:30", UTC),
                        at(monday.plusDays(1), "13:00", UTC),
                        at(monday.plusDays(1), "13:30", UTC),
                        at(monday.plusDays(2), "13:00", UTC),
                        at(monday.plusDays(2), "13:30", UTC));
    }

    @Test
    void anEventSpanningMidnightBlocksTheEveningAndTheNextMorning() {
        User user = users.register();
        event(user, timed("Overnight release", monday, "16:00", monday.plusDays(1), "10:00"));

        List<JsonNode> slots = slots(user, "start=" + monday + "&end=" + monday.plusDays(1));

        assertThat(unavailable(slots))
                .containsExactly(
                        at(monday, "16:00", UTC),
                        at(monday, "16:30", UTC),
                        at(monday.plusDays(1), "09:00", UTC),
                        at(monday.plusDays(1), "09:30", UTC));
    }

    @Test
    void cancelledEventsNeverBlockAndTentativeOnesBlockUnlessTentativeIsFree() {
        User user = users.register();
        event(user, timed("Maybe", monday, "10:00", monday, "11:00").replace("}", ", \"status\": \"tentative\"}"));
        event(user, timed("Called off", monday, "14:00", monday, "15:00").replace("}", ", \"status\": \"cancelled\"}"));

        assertThat(unavailable(slots(user, "date=" + monday)))
                .containsExactly(at(monday, "10:00", UTC), at(monday, "10:30", UTC));
        assertThat(unavailable(slots(user, "date=" + monday + "&tentative=busy")))
                .containsExactly(at(monday, "10:00", UTC), at(monday, "10:30", UTC));
        assertThat(unavailable(slots(user, "date=" + monday + "&tentative=free")))
                .isEmpty();
    }

    @Test
    void aTransparentEventNeverBlocksWhileAnOpaqueOneAtTheSameTimeDoes() {
        User user = users.register();
        event(
                user,
                timed("Lunch, shown as free", monday, "12:00", monday, "13:00")
                        .replace("}", ", \"transparency\": \"transparent\"}"));
        event(
                user,
                timed("Webinar in the background", monday, "14:00", monday, "16:00")
                        .replace("}", ", \"transparency\": \"transparent\"}"));
        event(user, timed("Call", monday, "14:00", monday, "15:00").replace("}", ", \"transparency\": \"opaque\"}"));
        event(
                user,
                timed("Focus", monday, "10:00", monday, "10:30")
                        .replace("}", ", \"eventType\": \"focusTime\", \"transparency\": \"transparent\"}"));

        for (String tentative : List.of("busy", "free")) {
            assertThat(unavailable(slots(user, "date=" + monday + "&tentative=" + tentative)))
                    .as("tentative=" + tentative)
                    .containsExactly(at(monday, "14:00", UTC), at(monday, "14:30", UTC));
        }
    }

    @Test
    void aTransparentSeriesNeverBlocksButAnOccurrenceEditedToOpaqueDoes() {
        User user = users.register();
        String series = event(user, """
                {"title": "Office hours", "startTime": "%sT13:00:00", "endTime": "%sT14:00:00", "timeZone": "UTC",
                 "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"], "transparency": "transparent"}""".formatted(monday, monday)).get("id").asString();
        String range = "start=" + monday + "&end=" + monday.plusDays(2);
        assertThat(unavailable(slots(user, range))).isEmpty();

        change(user, series + "_" + monday.plusDays(1).toString().replace("-", "") + "T130000Z", """
                {"transparency": "opaque"}""");

        assertThat(unavailable(slots(user, range)))
                .containsExactly(at(monday.plusDays(1), "13:00", UTC), at(monday.plusDays(1), "13:30", UTC));

        // the whole series shown as busy again: every day
        change(user, series, "{\"transparency\": \"opaque\"}");
        assertThat(unavailable(slots(user, range))).hasSize(6);
    }

    @Test
    void anAllDayOutOfOfficeBlocksItsWholeDaysInTheUsersZoneButOtherAllDayEventsDoNot() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        User user = users.register(tokyo.getId(), weekdays("09:00", "17:00"));
        event(user, """
                {"title": "Away", "allDay": true, "startDate": "%s", "endDate": "%s", "eventType": "outOfOffice"}""".formatted(monday.plusDays(1), monday.plusDays(3)));
        event(user, """
                {"title": "Birthday", "allDay": true, "startDate": "%s", "endDate": "%s"}""".formatted(monday, monday.plusDays(1)));
        // all-day events other than out-of-office block nothing, even when marked opaque (as before the field)
        event(user, """
                {"title": "Conference", "allDay": true, "startDate": "%s", "endDate": "%s", "transparency": "opaque"}""".formatted(monday, monday.plusDays(1)));

        List<JsonNode> slots = slots(user, "start=" + monday + "&end=" + monday.plusDays(3));

        assertThat(slots).hasSize(64);
        assertThat(unavailable(slots)).hasSize(32).first().isEqualTo(at(monday.plusDays(1), "09:00", tokyo));
        assertThat(unavailable(slots)).last().isEqualTo(at(monday.plusDays(2), "16:30", tokyo));
    }

    @Test
    void buffersKeepTimeFreeBeforeAndAfterEveryBusyEvent() {
        User user = users.register();
        event(user, timed("Interview", monday, "12:00", monday, "12:30"));

        assertThat(unavailable(slots(user, "date=" + monday))).containsExactly(at(monday, "12:00", UTC));
        assertThat(unavailable(slots(user, "date=" + monday + "&bufferMinutes=15")))
                .containsExactly(at(monday, "11:30", UTC), at(monday, "12:00", UTC), at(monday, "12:30", UTC));
        assertThat(unavailable(slots(user, "date=" + monday + "&bufferMinutes=60")))
                .containsExactly(
                        at(monday, "11:00", UTC),
                        at(monday, "11:30", UTC),
                        at(monday, "12:00", UTC),
                        at(monday, "12:30", UTC),
                        at(monday, "13:00", UTC));
    }

    @Test
    void anEventJustOutsideTheWorkingDayStillBlocksThroughItsBuffer() {
        User user = users.register();
        event(user, timed("Breakfast meeting", monday, "08:00", monday, "08:50"));

        assertThat(unavailable(slots(user, "date=" + monday))).isEmpty();
        assertThat(unavailable(slots(user, "date=" + monday + "&bufferMinutes=15")))
                .containsExactly(at(monday, "09:00", UTC));
    }

    @Test
    void slotsStartingSoonerThanTheMinimumNoticeAreUnavailable() {
        User user = users.register("UTC", everyDay("00:00", "00:00"));
        LocalDate tomorrow = LocalDate.now(UTC).plusDays(1);
        Instant noon = tomorrow.atTime(12, 0).toInstant(ZoneOffset.UTC);
        // now + notice lands just after noon tomorrow (the request comes a moment after this line)
        long notice = Duration.between(Instant.now(), noon).toMinutes() + 2;

        List<JsonNode> slots = slots(user, "date=" + tomorrow + "&minNoticeMinutes=" + notice);

        assertThat(slots).hasSize(48);
        assertThat(slots)
                .filteredOn(s -> s.get("available").asBoolean())
                .first()
                .extracting(s -> s.get("startTime").asString())
                .isEqualTo(at(tomorrow, "12:30", UTC));
        assertThat(unavailable(slots)).hasSize(25).last().isEqualTo(at(tomorrow, "12:00", UTC));
        assertThat(unavailable(slots(user, "date=" + tomorrow))).isEmpty();
    }

    @Test
    void theTimeZoneParameterOverridesTheUsersZone() {
        User user = users.register();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");

        List<JsonNode> slots = slots(user, "date=" + monday + "&timeZone=Asia/Tokyo");

        assertThat(slots).hasSize(16);
        assertThat(slots.getFirst().get("startTime").asString())
                .isEqualTo(at(monday, "09:00", tokyo))
                .isEqualTo(monday.atTime(0, 0) + ":00Z");
    }

    @Test
    void theSlotLengthCanChangeARangeIncludesBothEndsAndADateTimeCountsAsItsDate() {
        User user = users.register();

        List<JsonNode> hours = slots(user, "start=" + monday + "&end=" + monday.plusDays(1) + "&slotMinutes=60");
        assertThat(hours).hasSize(16);
        assertThat(hours.get(8).get("startTime").asString()).isEqualTo(at(monday.plusDays(1), "09:00", UTC));
        assertThat(hours.get(8).get("endTime").asString()).isEqualTo(at(monday.plusDays(1), "10:00", UTC));

        List<JsonNode> threeQuarters = slots(user, "date=" + monday + "&slot_minutes=45");
        assertThat(threeQuarters)
                .as("a last piece shorter than a slot is no slot")
                .hasSize(10);
        assertThat(threeQuarters.getLast().get("endTime").asString()).isEqualTo(at(monday, "16:30", UTC));

        assertThat(slots(user, "date=" + monday + "T15:00:00")).isEqualTo(slots(user, "date=" + monday));
    }

    @Test
    void onTheSpringDstChangeSlotsStillStartAtNineInBerlinAndPastSlotsAreUnavailable() {
        User user = users.register(BERLIN.getId(), everyDay("09:00", "17:00"));

        List<JsonNode> saturday = slots(user, "date=2026-03-28");
        List<JsonNode> sunday = slots(user, "date=2026-03-29");

        assertThat(saturday.getFirst().get("startTime").asString()).isEqualTo("2026-03-28T08:00:00Z");
        assertThat(sunday).hasSize(16);
        assertThat(sunday.getFirst().get("startTime").asString()).isEqualTo("2026-03-29T07:00:00Z");
        assertThat(sunday.getLast().get("endTime").asString()).isEqualTo("2026-03-29T15:00:00Z");
        assertThat(sunday)
                .as("the day is past")
                .noneMatch(s -> s.get("available").asBoolean());
    }

    @Test
    void onTheAutumnDstChangeSlotsStillStartAtNineInBerlin() {
        User user = users.register(BERLIN.getId(), everyDay("09:00", "17:00"));

        List<JsonNode> saturday = slots(user, "date=2026-10-24");
        List<JsonNode> sunday = slots(user, "date=2026-10-25");

        assertThat(saturday.getFirst().get("startTime").asString()).isEqualTo("2026-10-24T07:00:00Z");
        assertThat(sunday).hasSize(16);
        assertThat(sunday.getFirst().get("startTime").asString()).isEqualTo("2026-10-25T08:00:00Z");
        assertThat(sunday.getLast().get("endTime").asString()).isEqualTo("2026-10-25T16:00:00Z");
    }

    @Test
    void aRoundTheClockDayOnADstChangeHasTheHoursTheDayHas() {
        User user = users.register(BERLIN.getId(), everyDay("00:00", "00:00"));

        List<JsonNode> spring = slots(user, "date=2026-03-29");
        List<JsonNode> autumn = slots(user, "date=2026-10-25");

        assertThat(spring).as("23 hours").hasSize(46);
        assertThat(spring.getFirst().get("startTime").asString()).isEqualTo("2026-03-28T23:00:00Z");
        // 01:30 CET is followed by 03:00 CEST: real half hours, no duplicate and no slot inside the gap
        assertThat(spring.get(3).get("startTime").asString()).isEqualTo("2026-03-29T00:30:00Z");
        assertThat(spring.get(4).get("startTime").asString()).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(spring.getLast().get("endTime").asString()).isEqualTo("2026-03-29T22:00:00Z");
        assertThat(autumn).as("25 hours").hasSize(50);
        assertThat(autumn.getLast().get("endTime").asString()).isEqualTo("2026-10-25T23:00:00Z");
    }

    @Test
    void onTheNextDstChangesABusyEventBlocksTheSlotsOfItsWallClockTime() {
        User user = users.register(BERLIN.getId(), everyDay("09:00", "17:00"));
        for (LocalDate day : nextDstChanges(BERLIN)) {
            event(user, """
                    {"title": "Sunday brunch", "startTime": "%sT10:00:00", "endTime": "%sT11:00:00",
                     "timeZone": "Europe/Berlin"}""".formatted(day, day));

            List<JsonNode> slots = slots(user, "date=" + day);

            assertThat(slots).as(day.toString()).hasSize(16);
            assertThat(slots.getFirst().get("startTime").asString()).isEqualTo(at(day, "09:00", BERLIN));
            assertThat(unavailable(slots)).containsExactly(at(day, "10:00", BERLIN), at(day, "10:30", BERLIN));
        }
    }

    @Test
    void invalidQueriesAreRefusedNamingTheParameter() {
        User user = users.register();
        String day = "date=" + monday;

        assertProblem(get(user, ""), "date");
        assertProblem(get(user, "date=tomorrow"), "date");
        assertProblem(get(user, "date=2026-02-30"), "date");
        assertProblem(get(user, "date=1066-10-14"), "date");
        assertProblem(get(user, "date=" + "9".repeat(101)), "date");
        assertProblem(get(user, day + "&start=" + monday), "date");
        assertProblem(get(user, "start=" + monday), "end");
        assertProblem(get(user, "end=" + monday), "start");
        assertProblem(get(user, "start=" + monday + "&end=" + monday.minusDays(1)), "end");
        assertProblem(get(user, "start=" + monday + "&end=" + monday.plusDays(31)), "end");
        assertThat(get(user, "start=" + monday + "&end=" + monday.plusDays(30)).statusCode())
                .isEqualTo(200);
        assertProblem(get(user, day + "&timeZone=Mars/Olympus_Mons"), "timeZone");
        assertProblem(get(user, day + "&timeZone=%2B02:00"), "timeZone");
        assertProblem(get(user, day + "&slotMinutes=4"), "slotMinutes");
        assertProblem(get(user, day + "&slotMinutes=241"), "slotMinutes");
        assertProblem(get(user, day + "&slotMinutes=half"), "slotMinutes");
        assertProblem(get(user, day + "&bufferMinutes=-1"), "bufferMinutes");
        assertProblem(get(user, day + "&bufferMinutes=241"), "bufferMinutes");
        assertProblem(get(user, day + "&minNoticeMinutes=-5"), "minNoticeMinutes");
        assertProblem(get(user, day + "&minNoticeMinutes=99999999999"), "minNoticeMinutes");
        assertProblem(get(user, day + "&tentative=maybe"), "tentative");
        assertProblem(get(user, day + "&slotMinutes=1&tentative=maybe"), "tentative");
        assertProblem(get(user, day + "&slotMinutes=5&slot_minutes=10"), "slotMinutes");
    }

    @Test
    void availabilityNeedsAToken() {
        assertThat(TestHttp.localhost(port)
                        .get("/api/calendar/availability?date=" + monday)
                        .send()
                        .statusCode())
                .isEqualTo(401);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** The next spring and autumn changes of the zone, as dates, both at least a day ahead. */
    private static List<LocalDate> nextDstChanges(ZoneId zone) {
        Instant from = Instant.now().plus(Duration.ofDays(1));
        ZoneOffsetTransition first = zone.getRules().nextTransition(from);
        ZoneOffsetTransition second = zone.getRules().nextTransition(first.getInstant());
        return List.of(
                first.getDateTimeBefore().toLocalDate(),
                second.getDateTimeBefore().toLocalDate());
    }

    private static String at(LocalDate date, String time, ZoneId zone) {
        return date.atTime(LocalTime.parse(time)).atZone(zone).toInstant().toString();
    }

    private static String timed(String title, LocalDate startDay, String start, LocalDate endDay, String end) {
        return """
                {"title": "%s", "startTime": "%sT%s:00Z", "endTime": "%sT%s:00Z"}""".formatted(title, startDay, start, endDay, end);
    }

    private JsonNode event(User user, String json) {
        HttpResponse<String> created = TestHttp.localhost(port)
                .post("/api/calendar/events", json)
                .as(user.id())
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private void change(User user, String id, String json) {
        HttpResponse<String> changed = TestHttp.localhost(port)
                .put("/api/calendar/events/" + id, json)
                .as(user.id())
                .send();
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(User user, String query) {
        return TestHttp.localhost(port)
                .get("/api/calendar/availability?" + query)
                .as(user.id())
                .send();
    }

    private List<JsonNode> slots(User user, String query) {
        HttpResponse<String> response = get(user, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().toList();
    }

    private static List<String> unavailable(List<JsonNode> slots) {
        return slots.stream()
                .filter(s -> !s.get("available").asBoolean())
                .map(s -> s.get("startTime").asString())
                .toList();
    }

    static void assertProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors"))
                .as(response.body())
                .extracting(e -> e.get("field").asString())
                .contains(field);
        assertThat(problem.get("detail").asString()).contains(field);
    }
}
