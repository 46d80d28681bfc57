package org.atom.calendar.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.atom.calendar.availability.AvailabilityIT.assertProblem;
import static org.atom.calendar.share.CalendarUsers.weekdays;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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

/** {@code GET /api/calendar/availability/free-busy}: merged busy intervals of the caller or of users who shared. */
@CalendarServiceContext
class FreeBusyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId UTC = ZoneOffset.UTC;

    @LocalServerPort
    int port;

    @Autowired
    UserProfiles profiles;

    private CalendarUsers users;
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        users = new CalendarUsers(profiles);
        monday = LocalDate.now(UTC).plusDays(14).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    @Test
    void theCallersBusyTimesAreMergedSortedAndCutToTheWindow() {
        User user = users.register();
        event(user, timed("Late", "15:00", "16:00"));
        event(user, timed("Overlapping one", "10:00", "11:00"));
        event(user, timed("Overlapping two", "10:30", "12:00"));
        event(user, timed("Adjacent", "12:00", "13:00"));
        event(user, timed("Before the window", "06:00", "08:30"));
        event(user, timed("Cancelled", "13:30", "14:00").replace("}", ", \"status\": \"cancelled\"}"));
        event(user, timed("Tentative", "14:00", "14:30").replace("}", ", \"status\": \"tentative\"}"));
        event(user, """
                {"title": "Standup", "startTime": "%sT09:00:00", "endTime": "%sT09:15:00", "timeZone": "UTC",
                 "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}""".formatted(monday.minusDays(1), monday.minusDays(1)));
        event(user, """
                {"title": "Holiday", "allDay": true, "startDate": "%s", "endDate": "%s"}""".formatted(monday, monday.plusDays(1)));

        List<JsonNode> busy = busy(user, "start=" + at("08:00") + "&end=" + at("20:00"));

        assertThat(busy)
                .extracting(b -> b.get("start").asString(), b -> b.get("end").asString())
                .containsExactly(
                        tuple(at("08:00"), at("08:30")),
                        tuple(at("09:00"), at("09:15")),
                        tuple(at("10:00"), at("13:00")),
                        tuple(at("14:00"), at("14:30")),
                        tuple(at("15:00"), at("16:00")));
        assertThat(busy).allSatisfy(b -> assertThat(b.propertyNames()).containsExactlyInAnyOrder("start", "end"));
    }

    @Test
    void datesAreWholeDaysInTheTimeZoneAndAnOutOfOfficeDayIsBusyThroughout() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        User user = users.register(tokyo.getId(), weekdays("09:00", "17:00"));
        event(user, """
                {"title": "Away", "allDay": true, "startDate": "%s", "endDate": "%s", "eventType": "outOfOffice"}""".formatted(monday, monday.plusDays(1)));

        List<JsonNode> inTokyo = busy(user, "start=" + monday + "&end=" + monday);
        List<JsonNode> inUtc = busy(user, "start=" + monday + "&end=" + monday + "&timeZone=UTC");

        String tokyoDay = monday.atStartOfDay(tokyo).toInstant().toString();
        String tokyoNextDay = monday.plusDays(1).atStartOfDay(tokyo).toInstant().toString();
        assertThat(inTokyo)
                .extracting(b -> b.get("start").asString(), b -> b.get("end").asString())
                .containsExactly(tuple(tokyoDay, tokyoNextDay));
        assertThat(inUtc)
                .as("in UTC the all-day date is a UTC day")
                .extracting(b -> b.get("start").asString(), b -> b.get("end").asString())
                .containsExactly(tuple(
                        monday.atStartOfDay(UTC).toInstant().toString(),
                        monday.plusDays(1).atStartOfDay(UTC).toInstant().toString()));
    }

    @Test
    void usersWhoSharedAreAnsweredPerEmailInTheOrderAskedAndWithoutEventDetails() {
        User me = users.register();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        User bob = users.register(tokyo.getId(), weekdays("09:00", "17:00"));
        User carol = users.register();
        share(bob, me);
        share(carol, me);
        event(me, timed("Mine", "08:00", "09:00"));
        event(bob, timed("Secret merger talk", "10:00", "11:00"));
        event(bob, """
                {"title": "Bob away", "allDay": true, "startDate": "%s", "endDate": "%s", "eventType": "outOfOffice",
                 "description": "Hospital"}""".formatted(monday.plusDays(1), monday.plusDays(2)));
        event(carol, timed("Dentist", "12:00", "12:30"));

        HttpResponse<String> response = get(
                me,
                "start=" + monday + "&end=" + monday.plusDays(1) + "&email="
                        + carol.email().toUpperCase(Locale.ROOT) + "&email=" + bob.email() + "&email=" + me.email());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Secret", "Dentist", "Hospital", "away", "Mine");
        List<JsonNode> answer = JSON.readTree(response.body()).valueStream().toList();
        assertThat(answer)
                .extracting(a -> a.get("email").asString())
                .containsExactly(carol.email(), bob.email(), me.email());
        assertThat(intervals(answer.get(0))).containsExactly(Map.entry(at("12:00"), at("12:30")));
        assertThat(intervals(answer.get(1)))
                .as("Bob's out-of-office day is a day in his zone")
                .containsExactly(
                        Map.entry(at("10:00"), at("11:00")),
                        Map.entry(
                                monday.plusDays(1)
                                        .atStartOfDay(tokyo)
                                        .toInstant()
                                        .toString(),
                                monday.plusDays(2)
                                        .atStartOfDay(tokyo)
                                        .toInstant()
                                        .toString()));
        assertThat(intervals(answer.get(2))).containsExactly(Map.entry(at("08:00"), at("09:00")));
    }

    @Test
    void transparentEventsAreFreeInTheCallersAndInSharedFreeBusy() {
        User me = users.register();
        User bob = users.register();
        share(bob, me);
        event(me, transparent(timed("Optional talk", "10:00", "11:00")));
        event(me, timed("Review", "10:30", "11:30"));
        event(me, transparent(timed("Reading", "15:00", "16:00")));
        event(bob, transparent(timed("Lunch, free", "12:00", "13:00")));
        event(bob, timed("Lunch meeting", "12:00", "12:30"));
        event(bob, transparent("""
                {"title": "Daily sync", "startTime": "%sT09:00:00", "endTime": "%sT09:15:00", "timeZone": "UTC",
                 "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}""".formatted(monday, monday)));

        List<JsonNode> mine = busy(me, "start=" + at("08:00") + "&end=" + at("20:00"));
        HttpResponse<String> response =
                get(me, "start=" + at("08:00") + "&end=" + at("20:00") + "&email=" + bob.email());

        assertThat(mine)
                .extracting(b -> b.get("start").asString(), b -> b.get("end").asString())
                .containsExactly(tuple(at("10:30"), at("11:30")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(intervals(JSON.readTree(response.body()).get(0)))
                .containsExactly(Map.entry(at("12:00"), at("12:30")));
    }

    @Test
    void anAddressThatDidNotShareIsRefusedExactlyLikeOneWithoutAnAccount() {
        User me = users.register();
        User sharing = users.register();
        User notSharing = users.register();
        User sharedWithSomeoneElse = users.register();
        share(sharing, me);
        share(sharedWithSomeoneElse, sharing);
        String base = "start=" + monday + "&end=" + monday + "&email=" + sharing.email() + "&email=";

        HttpResponse<String> notShared = get(me, base + notSharing.email());
        HttpResponse<String> unknown = get(me, base + "nobody-" + UUID.randomUUID() + "@example.org");
        HttpResponse<String> other = get(me, base + sharedWithSomeoneElse.email());

        assertProblem(notShared, "email[1]");
        assertProblem(unknown, "email[1]");
        assertProblem(other, "email[1]");
        assertThat(JSON.readTree(notShared.body()).get("errors"))
                .isEqualTo(JSON.readTree(unknown.body()).get("errors"))
                .isEqualTo(JSON.readTree(other.body()).get("errors"));
        assertThat(JSON.readTree(notShared.body()).get("detail").asString())
                .isEqualTo(JSON.readTree(unknown.body()).get("detail").asString());
        assertThat(notShared.body()).doesNotContain(notSharing.email());
    }

    @Test
    void aRevokedShareNoLongerGivesAccess() {
        User me = users.register();
        User bob = users.register();
        String shareId = share(bob, me);
        String query = "start=" + monday + "&end=" + monday + "&email=" + bob.email();
        assertThat(get(me, query).statusCode()).isEqualTo(200);

        assertThat(TestHttp.localhost(port)
                        .delete("/api/calendar/shares/" + shareId)
                        .as(bob.id())
                        .send()
                        .statusCode())
                .isEqualTo(204);

        assertProblem(get(me, query), "email[0]");
    }

    @Test
    void invalidQueriesAreRefusedNamingTheParameter() {
        User me = users.register();
        String window = "start=" + monday + "&end=" + monday.plusDays(1);

        assertProblem(get(me, "end=" + monday), "start");
        assertProblem(get(me, "start=" + monday), "end");
        assertProblem(get(me, "start=soon&end=" + monday), "start");
        assertProblem(get(me, "start=" + monday + "&end=" + monday.minusDays(1)), "end");
        assertProblem(get(me, "start=" + at("10:00") + "&end=" + at("10:00")), "end");
        assertProblem(get(me, "start=" + monday + "&end=" + monday.plusDays(62)), "end");
        assertThat(get(me, "start=" + monday + "&end=" + monday.plusDays(61)).statusCode())
                .isEqualTo(200);
        assertProblem(get(me, window + "&timeZone=Nowhere/Special"), "timeZone");
        assertProblem(get(me, window + "&email=not-an-address"), "email[0]");
        assertProblem(
                get(me, window + "&email=" + me.email() + "&email=" + me.email().toUpperCase(Locale.ROOT)), "email[1]");
        assertProblem(get(me, window + "&email=" + "x".repeat(400) + "@example.org"), "email[0]");
        String many = "&email=a@example.org".repeat(21);
        assertProblem(get(me, window + many), "email");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    @Test
    void aSeriesTooDenseForTheWindowIsA400NamingEndNotBusyTimesCutShort() {
        User user = users.register();
        // a one-minute event every minute: 1,440 a day, so busy all day, every day
        String hours = String.join(
                ",",
                java.util.stream.IntStream.range(0, 24)
                        .mapToObj(String::valueOf)
                        .toList());
        String minutes = String.join(
                ",",
                java.util.stream.IntStream.range(0, 60)
                        .mapToObj(String::valueOf)
                        .toList());
        event(user, """
                {"title": "Tick", "startTime": "%sT00:00:00Z", "endTime": "%sT00:01:00Z", "timeZone": "UTC",
                 "recurrence": ["RRULE:FREQ=DAILY;BYHOUR=%s;BYMINUTE=%s"]}""".formatted(monday, monday, hours, minutes));

        // 6 days: 8,640 occurrences, one busy interval over the whole window
        String sixDaysLater = monday.plusDays(6).atStartOfDay(UTC).toInstant().toString();
        assertThat(busy(user, "start=" + at("00:00") + "&end=" + sixDaysLater))
                .extracting(b -> b.get("start").asString(), b -> b.get("end").asString())
                .containsExactly(tuple(at("00:00"), sixDaysLater));
        // 8 days: 11,520 — more than a window may hold (it used to end the busy time after 10,000 minutes)
        assertProblem(get(user, "start=" + monday + "&end=" + monday.plusDays(7) + "&timeZone=UTC"), "end");
    }

    private String at(String time) {
        return monday.atTime(LocalTime.parse(time)).atZone(UTC).toInstant().toString();
    }

    private String timed(String title, String start, String end) {
        return """
                {"title": "%s", "startTime": "%sT%s:00Z", "endTime": "%sT%s:00Z"}""".formatted(title, monday, start, monday, end);
    }

    private static String transparent(String json) {
        return json.substring(0, json.lastIndexOf('}')) + ", \"transparency\": \"transparent\"}";
    }

    private void event(User user, String json) {
        HttpResponse<String> created = TestHttp.localhost(port)
                .post("/api/calendar/events", json)
                .as(user.id())
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** {@code owner} grants free/busy to {@code grantee}; the share's id. */
    private String share(User owner, User grantee) {
        HttpResponse<String> created = TestHttp.localhost(port)
                .post("/api/calendar/shares", "{\"granteeEmail\": \"" + grantee.email() + "\"}")
                .as(owner.id())
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private HttpResponse<String> get(User user, String query) {
        return TestHttp.localhost(port)
                .get("/api/calendar/availability/free-busy?" + query)
                .as(user.id())
                .send();
    }

    private List<JsonNode> busy(User user, String query) {
        HttpResponse<String> response = get(user, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().toList();
    }

    private static List<Map.Entry<String, String>> intervals(JsonNode user) {
        return user.get("busy")
                .valueStream()
                .map(b -> Map.entry(b.get("start").asString(), b.get("end").asString()))
                .toList();
    }
}
