package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Calls of the ICS endpoints and of the event API the ICS integration tests share. */
final class IcsTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestHttp http;

    IcsTestSupport(int port) {
        this.http = TestHttp.localhost(port);
    }

    TestHttp http() {
        return http;
    }

    static String newUser() {
        return UUID.randomUUID().toString();
    }

    /** POST /api/calendar/import with the file as a text/calendar body. */
    HttpResponse<String> importBody(String user, String ics) {
        return http.post("/api/calendar/import", ics)
                .header("Content-Type", "text/calendar; charset=utf-8")
                .as(user)
                .send();
    }

    /** POST /api/calendar/import with the file as the multipart form field {@code file}. */
    HttpResponse<String> importForm(String user, String ics) {
        String boundary = "atom-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"calendar.ics\"\r\n"
                + "Content-Type: text/calendar\r\n\r\n"
                + ics + "\r\n--" + boundary + "--\r\n";
        return http.post("/api/calendar/import", body)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .as(user)
                .send();
    }

    /** The import's report, asserting a 200. */
    JsonNode imported(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    String export(String user) {
        HttpResponse<String> response =
                http.get("/api/calendar/export.ics").as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    JsonNode create(String user, String json) {
        HttpResponse<String> created =
                http.post("/api/calendar/events", json).as(user).send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    /** The occurrences in a window, as the API lists them. */
    JsonNode occurrences(String user, String query) {
        HttpResponse<String> response =
                http.get("/api/calendar/events?limit=200&" + query).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The events and series themselves (no window), versions and all. */
    JsonNode events(String user) {
        return occurrences(user, "");
    }

    /**
     * A listing without what differs between two users' copies of the same events (ids, versions, timestamps), in an
     * order that does not depend on ids.
     */
    static List<JsonNode> comparable(JsonNode listing) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : listing) {
            ObjectNode copy = ((ObjectNode) event).deepCopy();
            copy.remove(List.of("id", "recurringEventId", "version", "createdAt", "updatedAt"));
            events.add(copy);
        }
        events.sort(Comparator.comparing((JsonNode e) ->
                        e.path("startTime").asString(e.path("startDate").asString("")))
                .thenComparing(e -> e.path("title").asString("")));
        return events;
    }
}
