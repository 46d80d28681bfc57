package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.atom.contracts.EventContracts;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by calendar-service's event integration tests: requests, and reading what they return. */
public final class EventTestSupport {

    public static final String EVENTS = "/api/calendar/events";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final EventContracts CONTRACTS = new EventContracts();

    private EventTestSupport() {}

    /** A user id no other test uses. */
    public static String newUser() {
        return UUID.randomUUID().toString();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Creates an event (any JSON body) and returns it; fails unless 201. */
    public static JsonNode create(TestHttp http, String user, String body) {
        HttpResponse<String> response = http.post(EVENTS, body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    /** GET of a path under {@code /api/calendar/events} (e.g. {@code "?year=2026"}); fails unless 200. */
    public static JsonNode get(TestHttp http, String user, String pathAndQuery) {
        HttpResponse<String> response = http.get(EVENTS + pathAndQuery).as(user).send();
        assertThat(response.statusCode())
                .as(pathAndQuery + ": " + response.body())
                .isEqualTo(200);
        return json(response);
    }

    /** PUT of a body to an event or occurrence id (with an optional query, e.g. {@code "?scope=all"}); fails unless 200. */
    public static JsonNode put(TestHttp http, String user, String idAndQuery, String body) {
        HttpResponse<String> response =
                http.put(EVENTS + "/" + idAndQuery, body).as(user).send();
        assertThat(response.statusCode())
                .as(idAndQuery + ": " + response.body())
                .isEqualTo(200);
        return json(response);
    }

    /** DELETE of an event or occurrence id (with an optional query); fails unless 204. */
    public static void delete(TestHttp http, String user, String idAndQuery) {
        HttpResponse<String> response =
                http.delete(EVENTS + "/" + idAndQuery).as(user).send();
        assertThat(response.statusCode())
                .as(idAndQuery + ": " + response.body())
                .isEqualTo(204);
    }

    /** The occurrences of the user's calendar in a window given as query parameters, e.g. {@code "year=2026"}. */
    public static JsonNode window(TestHttp http, String user, String query) {
        return get(http, user, "?" + query);
    }

    /** One member of every element, as text (null stays null), in order. */
    public static List<String> each(JsonNode array, String member) {
        return map(
                array,
                e -> e.path(member).isNull() || e.path(member).isMissingNode()
                        ? null
                        : e.path(member).asString());
    }

    /** Every element's start: its startTime, or its startDate for an all-day event. */
    public static List<String> starts(JsonNode array) {
        return map(
                array,
                e -> e.path("allDay").asBoolean()
                        ? e.path("startDate").asString()
                        : e.path("startTime").asString());
    }

    public static <T> List<T> map(JsonNode array, Function<JsonNode, T> f) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        List<T> values = new ArrayList<>();
        array.forEach(e -> values.add(f.apply(e)));
        return values;
    }

    /** The problem's single {@code errors[].field}, after checking it is a 400 problem+json. */
    public static String badField(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = json(response).path("errors");
        assertThat(errors.size()).as(response.body()).isEqualTo(1);
        return errors.get(0).path("field").asString();
    }

    /** The instance id of a timed series' occurrence: {@code <series>_<UTC start as yyyyMMddTHHmmssZ>}. */
    public static String instance(String seriesId, String utcStart) {
        return seriesId + "_" + utcStart.replace("-", "").replace(":", "");
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
