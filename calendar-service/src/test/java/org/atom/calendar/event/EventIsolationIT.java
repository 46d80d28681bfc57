package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.calendar.event.EventTestSupport.EVENTS;
import static org.atom.calendar.event.EventTestSupport.create;
import static org.atom.calendar.event.EventTestSupport.each;
import static org.atom.calendar.event.EventTestSupport.get;
import static org.atom.calendar.event.EventTestSupport.json;
import static org.atom.calendar.event.EventTestSupport.newUser;
import static org.atom.calendar.event.EventTestSupport.put;
import static org.atom.calendar.event.EventTestSupport.window;

import java.net.http.HttpResponse;
import java.util.List;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Another user reaches none of a user's events, series, occurrences or edited occurrences, on any route: the same
 * 404 as for an id that does not exist, and nothing in their lists.
 */
@CalendarServiceContext
class EventIsolationIT {

    private static final String WINDOW = "start=2026-07-01&end=2026-07-31&timeZone=Europe/Berlin";

    @LocalServerPort
    int port;

    @Test
    void anotherUserGets404OnEveryRouteForAUsersEventsAndSeesNoneOfThem() {
        TestHttp http = TestHttp.localhost(port);
        String owner = newUser();
        String other = newUser();
        String single = create(http, owner, """
                        {"title": "Private dentist", "startTime": "2026-07-01T09:00:00Z",
                         "endTime": "2026-07-01T10:00:00Z"}""").path("id").asString();
        String series = create(http, owner, """
                        {"title": "Private standup", "startTime": "2026-07-06T09:00:00", "endTime": "2026-07-06T09:30:00",
                         "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"]}""").path("id").asString();
        String occurrence = series + "_20260713T070000Z";
        String edited = series + "_20260720T070000Z";
        put(http, owner, edited, "{\"title\": \"Private edited standup\"}");
        JsonNode ownersList = get(http, owner, "");
        JsonNode ownersWindow = window(http, owner, WINDOW);
        assertThat(ownersWindow).hasSize(5);

        for (String id : List.of(single, series, occurrence, edited)) {
            assertNotFound(http.get(EVENTS + "/" + id).as(other).send(), "GET " + id);
            assertNotFound(
                    http.get(EVENTS + "/" + id)
                            .header("If-None-Match", "\"1\"")
                            .as(other)
                            .send(),
                    "GET " + id);
            assertNotFound(
                    http.put(EVENTS + "/" + id, "{\"title\": \"mine\"}")
                            .as(other)
                            .send(),
                    "PUT " + id);
            assertNotFound(
                    http.patch(EVENTS + "/" + id, "{\"title\": \"mine\"}")
                            .header("Content-Type", "application/merge-patch+json")
                            .as(other)
                            .send(),
                    "PATCH " + id);
            assertNotFound(http.get(EVENTS + "/" + id + "/instances").as(other).send(), "instances of " + id);
            assertNotFound(
                    http.get(EVENTS + "/" + id + "/instances?" + WINDOW)
                            .as(other)
                            .send(),
                    "instances of " + id);
        }
        for (String scope : List.of("this", "following", "all")) {
            for (String id : List.of(occurrence, edited)) {
                assertNotFound(
                        http.put(EVENTS + "/" + id + "?scope=" + scope, "{\"title\": \"mine\"}")
                                .as(other)
                                .send(),
                        "PUT " + id + " " + scope);
                assertNotFound(
                        http.delete(EVENTS + "/" + id + "?scope=" + scope)
                                .as(other)
                                .send(),
                        "DELETE " + id + " " + scope);
            }
        }
        for (String id : List.of(single, series)) {
            assertNotFound(http.delete(EVENTS + "/" + id).as(other).send(), "DELETE " + id);
        }

        HttpResponse<String> othersList = http.get(EVENTS).as(other).send();
        assertThat(json(othersList)).isEmpty();
        assertThat(othersList.headers().firstValue("X-Total-Count")).hasValue("0");
        assertThat(window(http, other, WINDOW)).isEmpty();
        assertThat(window(http, other, "year=2026&month=7&timeZone=UTC")).isEmpty();
        assertThat(get(http, other, "?q=private")).isEmpty();
        assertThat(window(http, other, "q=private&" + WINDOW)).isEmpty();

        // the other user's own event is theirs alone, and the owner's calendar is as it was
        create(http, other, """
                {"title": "Private too", "startTime": "2026-07-01T09:00:00Z", "endTime": "2026-07-01T10:00:00Z"}""");
        assertThat(get(http, owner, "")).isEqualTo(ownersList);
        assertThat(window(http, owner, WINDOW)).isEqualTo(ownersWindow);
        assertThat(each(window(http, other, WINDOW), "title")).containsExactly("Private too");
    }

    private static void assertNotFound(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(404);
        assertThat(response.body()).as(what).doesNotContain("Private");
    }
}
