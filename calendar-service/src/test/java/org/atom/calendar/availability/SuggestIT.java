package org.atom.calendar.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.atom.calendar.availability.AvailabilityIT.assertProblem;
import static org.atom.calendar.share.CalendarUsers.weekdays;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * {@code POST /api/calendar/suggest}: times when the caller and every attendee are free within their own working hours
 * (zones without DST here, so the expected instants hold on any date), ranked, never overlapping; attendees who did not
 * share are refused by position, all with the same message.
 */
@CalendarServiceContext
class SuggestIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    UserProfiles profiles;

    private CalendarUsers users;
    /** A Monday at least two weeks ahead. */
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        users = new CalendarUsers(profiles);
        monday = LocalDate.now(ZoneOffset.UTC).plusDays(14).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    /**
     * Me in Kolkata 12:00–20:00 (06:30–14:30Z), Bob in Tokyo 09:00–18:00 (00:00–09:00Z), Carol in Nairobi 09:00–17:00
     * (06:00–14:00Z): together 06:30–09:00Z, less Bob's 07:00–07:30Z and Carol's 08:00–08:30Z meetings.
     */
    @Test
    void threePeopleInThreeZonesGetTheTimesAllAreFreeInsideTheirWorkingHoursBestFirst() {
        User me = users.register("Asia/Kolkata", weekdays("12:00", "20:00"));
        User bob = users.register("Asia/Tokyo", weekdays("09:00", "18:00"));
        User carol = users.register("Africa/Nairobi", weekdays("09:00", "17:00"));
        share(bob, me);
        share(carol, me);
        event(bob, "Board meeting", "07:00", "07:30");
        event(carol, "Doctor's appointment", "08:00", "08:30");

        HttpResponse<String> response = suggest(
                me, """
                {"attendees": ["%s", "%s"], "durationMinutes": 30, "start": "%s", "end": "%s"}""".formatted(bob.email(), carol.email().toUpperCase(Locale.ROOT), at("00:00"), at("23:59")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Board", "Doctor");
        // 07:30: inside everyone's core hours, but back to back for Bob and Carol; 08:30: outside Bob's core hours,
        // right after Carol's; 06:30: at the start of my and Carol's days, right before Bob's
        assertThat(suggestions(response))
                .extracting(
                        s -> s.get("startTime").asString(),
                        s -> s.get("endTime").asString(),
                        s -> s.get("score").asDouble())
                .containsExactly(
                        tuple(at("07:30"), at("08:00"), 0.73),
                        tuple(at("08:30"), at("09:00"), 0.67),
                        tuple(at("06:30"), at("07:00"), 0.47));
    }

    @Test
    void buffersAroundEveryonesMeetingsCanLeaveNoCommonTime() {
        User me = users.register("Asia/Kolkata", weekdays("12:00", "20:00"));
        User bob = users.register("Asia/Tokyo", weekdays("09:00", "18:00"));
        User carol = users.register("Africa/Nairobi", weekdays("09:00", "17:00"));
        share(bob, me);
        share(carol, me);
        event(bob, "Board meeting", "07:00", "07:30");
        event(carol, "Doctor's appointment", "08:00", "08:30");

        HttpResponse<String> response =
                suggest(me, """
                {"attendees": ["%s", "%s"], "durationMinutes": 30, "start": "%s", "end": "%s", "bufferMinutes": 30}""".formatted(bob.email(), carol.email(), at("00:00"), at("23:59")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(suggestions(response)).isEmpty();
    }

    @Test
    void aTransparentEventLeavesItsTimeOpenForSuggestionsAndAnOpaqueOneDoesNot() {
        User me = users.register("UTC", weekdays("09:00", "12:00"));
        User bob = users.register("UTC", weekdays("09:00", "12:00"));
        share(bob, me);
        event(bob, "Busy block", "09:00", "10:00");
        event(bob, "Webinar, listening only", "10:00", "12:00", "transparent");
        event(me, "Reading", "10:00", "11:00", "transparent");

        HttpResponse<String> response = suggest(me, """
                {"attendees": ["%s"], "durationMinutes": 60, "start": "%s", "end": "%s", "slotMinutes": 60}""".formatted(bob.email(), at("09:00"), at("12:00")));

        assertThat(suggestions(response))
                .extracting(s -> s.get("startTime").asString())
                .containsExactlyInAnyOrder(at("10:00"), at("11:00"));

        // the same webinar shown as busy leaves nothing
        event(bob, "Webinar, presenting", "10:00", "12:00", "opaque");
        assertThat(suggestions(suggest(me, """
                {"attendees": ["%s"], "durationMinutes": 60, "start": "%s", "end": "%s", "slotMinutes": 60}""".formatted(bob.email(), at("09:00"), at("12:00")))))
                .isEmpty();
    }

    @Test
    void suggestionsNeverOverlapAndMaxSuggestionsLimitsThem() {
        User me = users.register("UTC", weekdays("09:00", "17:00"));
        User bob = users.register("UTC", weekdays("09:00", "17:00"));
        share(bob, me);
        String body = """
                {"attendees": ["%s", "%s"], "duration_minutes": 60, "start": "%s", "end": "%s", "slotMinutes": 15,
                 "maxSuggestions": %d}""";

        HttpResponse<String> two = suggest(me, body.formatted(bob.email(), me.email(), at("09:00"), at("12:00"), 2));
        HttpResponse<String> all = suggest(me, body.formatted(bob.email(), me.email(), at("09:00"), at("12:00"), 10));

        assertThat(suggestions(two))
                .extracting(
                        s -> s.get("startTime").asString(), s -> s.get("score").asDouble())
                .containsExactly(tuple(at("10:00"), 1.0), tuple(at("11:00"), 1.0));
        assertThat(suggestions(all))
                .extracting(
                        s -> s.get("startTime").asString(), s -> s.get("score").asDouble())
                .containsExactly(tuple(at("10:00"), 1.0), tuple(at("11:00"), 1.0), tuple(at("09:00"), 0.4));
    }

    @Test
    void timesWithoutOffsetAreReadInTheRequestsZoneWhoseHalfHoursTheStartsFallOn() {
        User me = users.register("UTC", weekdays("09:00", "17:00"));

        // 14:45–16:45 in Kathmandu (UTC+05:45) is 09:00–11:00Z; its half hours are :15 and :45 past the UTC hour
        HttpResponse<String> response = suggest(me, """
                {"attendees": [], "durationMinutes": 45, "start": "%sT14:45:00", "end": "%sT16:45:00",
                 "timeZone": "Asia/Kathmandu", "slotMinutes": 30, "maxSuggestions": 50}""".formatted(monday, monday));

        // 10:15 lies in my core hours (1.0); 09:15 does not (0.4); 09:45 would overlap both
        assertThat(suggestions(response))
                .extracting(
                        s -> s.get("startTime").asString(), s -> s.get("score").asDouble())
                .containsExactly(tuple(at("10:15"), 1.0), tuple(at("09:15"), 0.4));
    }

    @Test
    void timesBeforeNowAreNeverSuggested() {
        User me = users.register("UTC", weekdays("00:00", "00:00"));

        HttpResponse<String> response = suggest(me, """
                {"attendees": [], "durationMinutes": 30, "start": "2026-03-02", "end": "2026-03-06"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(suggestions(response)).isEmpty();
    }

    @Test
    void anAttendeeWhoDidNotShareIsRefusedByPositionExactlyLikeAnUnknownAddress() {
        User me = users.register();
        User bob = users.register();
        User dave = users.register();
        User erin = users.register();
        share(bob, me);
        share(erin, bob);
        String request = """
                {"attendees": ["%s", "%s"], "durationMinutes": 30, "start": "%s", "end": "%s"}""";

        HttpResponse<String> notShared =
                suggest(me, request.formatted(bob.email(), dave.email(), monday, monday.plusDays(4)));
        HttpResponse<String> unknown = suggest(
                me,
                request.formatted(
                        bob.email(), "nobody-" + UUID.randomUUID() + "@example.org", monday, monday.plusDays(4)));
        HttpResponse<String> sharedWithSomeoneElse =
                suggest(me, request.formatted(bob.email(), erin.email(), monday, monday.plusDays(4)));

        assertProblem(notShared, "attendees[1]");
        assertProblem(unknown, "attendees[1]");
        assertProblem(sharedWithSomeoneElse, "attendees[1]");
        JsonNode errors = JSON.readTree(notShared.body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(JSON.readTree(unknown.body()).get("errors")).isEqualTo(errors);
        assertThat(JSON.readTree(sharedWithSomeoneElse.body()).get("errors")).isEqualTo(errors);
        assertThat(JSON.readTree(notShared.body()).get("detail"))
                .isEqualTo(JSON.readTree(unknown.body()).get("detail"));
        assertThat(notShared.body()).doesNotContain(dave.email());

        HttpResponse<String> both =
                suggest(me, request.formatted(dave.email(), erin.email(), monday, monday.plusDays(4)));
        assertThat(JSON.readTree(both.body()).get("errors"))
                .extracting(e -> e.get("field").asString())
                .containsExactly("attendees[0]", "attendees[1]");
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        User me = users.register();
        String window = "\"start\": \"" + monday + "\", \"end\": \"" + monday.plusDays(4) + "\"";
        String ok = "\"attendees\": [], \"durationMinutes\": 30, " + window;

        assertProblem(suggest(me, "{\"durationMinutes\": 30, " + window + "}"), "attendees");
        assertProblem(
                suggest(me, "{\"attendees\": \"bob@example.org\", \"durationMinutes\": 30, " + window + "}"),
                "attendees");
        String many = IntStream.range(0, 21)
                .mapToObj(i -> "\"p" + i + "@example.org\"")
                .collect(Collectors.joining(", "));
        assertProblem(
                suggest(me, "{\"attendees\": [" + many + "], \"durationMinutes\": 30, " + window + "}"), "attendees");
        assertProblem(
                suggest(me, "{\"attendees\": [\"bob@example.org\", \"bob\"], \"durationMinutes\": 30, " + window + "}"),
                "attendees[1]");
        assertProblem(
                suggest(me, "{\"attendees\": [\"a@example.org\", 7], \"durationMinutes\": 30, " + window + "}"),
                "attendees[1]");
        assertProblem(
                suggest(
                        me,
                        "{\"attendees\": [\"a@example.org\", \"A@example.org\"], \"durationMinutes\": 30, " + window
                                + "}"),
                "attendees[1]");
        assertProblem(suggest(me, "{\"attendees\": [], " + window + "}"), "durationMinutes");
        assertProblem(suggest(me, "{\"attendees\": [], \"durationMinutes\": 4, " + window + "}"), "durationMinutes");
        assertProblem(
                suggest(me, "{\"attendees\": [], \"durationMinutes\": \"30\", " + window + "}"), "durationMinutes");
        assertProblem(
                suggest(me, "{\"attendees\": [], \"durationMinutes\": 30, \"end\": \"" + monday + "\"}"), "start");
        assertProblem(
                suggest(me, "{\"attendees\": [], \"durationMinutes\": 30, \"start\": \"" + monday + "\"}"), "end");
        assertProblem(
                suggest(
                        me,
                        "{\"attendees\": [], \"durationMinutes\": 30, \"start\": \"monday\", \"end\": \"" + monday
                                + "\"}"),
                "start");
        assertProblem(
                suggest(
                        me,
                        "{\"attendees\": [], \"durationMinutes\": 30, \"start\": \"" + monday + "\", \"end\": \""
                                + monday.minusDays(1) + "\"}"),
                "end");
        assertProblem(
                suggest(
                        me,
                        "{\"attendees\": [], \"durationMinutes\": 30, \"start\": \"" + monday + "\", \"end\": \""
                                + monday.plusDays(31) + "\"}"),
                "end");
        assertProblem(
                suggest(
                        me,
                        "{\"attendees\": [], \"durationMinutes\": 90, \"start\": \"" + at("09:00") + "\", \"end\": \""
                                + at("10:00") + "\"}"),
                "durationMinutes");
        assertProblem(suggest(me, "{" + ok + ", \"timeZone\": \"Europe/Atlantis\"}"), "timeZone");
        assertProblem(suggest(me, "{" + ok + ", \"slotMinutes\": 4}"), "slotMinutes");
        assertProblem(suggest(me, "{" + ok + ", \"maxSuggestions\": 51}"), "maxSuggestions");
        assertProblem(suggest(me, "{" + ok + ", \"maxSuggestions\": 0}"), "maxSuggestions");
        assertProblem(suggest(me, "{" + ok + ", \"bufferMinutes\": 241}"), "bufferMinutes");
        assertProblem(suggest(me, "[]"), "body");
        assertThat(suggest(me, "{\"attendees\": [").statusCode()).isEqualTo(400);
        assertThat(suggest(me, "{" + ok + "}").statusCode()).isEqualTo(200);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String at(String time) {
        return monday.atTime(LocalTime.parse(time))
                .atZone(ZoneOffset.UTC)
                .toInstant()
                .toString();
    }

    private void event(User user, String title, String start, String end) {
        event(user, title, start, end, "opaque");
    }

    private void event(User user, String title, String start, String end, String transparency) {
        HttpResponse<String> created = TestHttp.localhost(port)
                .post("/api/calendar/events", """
                        {"title": "%s", "startTime": "%s", "endTime": "%s", "transparency": "%s"}""".formatted(title, at(start), at(end), transparency))
                .as(user.id())
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void share(User owner, User grantee) {
        HttpResponse<String> created = TestHttp.localhost(port)
                .post("/api/calendar/shares", "{\"granteeEmail\": \"" + grantee.email() + "\"}")
                .as(owner.id())
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> suggest(User user, String body) {
        return TestHttp.localhost(port)
                .post("/api/calendar/suggest", body)
                .as(user.id())
                .send();
    }

    private static List<JsonNode> suggestions(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().toList();
    }
}
