package org.atom.bench.startup;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small, fixed warm-up through the gateway before memory is read, so every service has served real requests:
 * register and log in one user (auth-service), create {@value #TASKS} tasks and list them (task-service), create
 * {@value #EVENTS} calendar events and list their month (calendar-service). The domain events these writes publish
 * reach realtime-service through Kafka. 2 auth calls: well inside the gateway's per-IP budget of the auth endpoints.
 */
final class Warmup {

    static final int TASKS = 5;
    static final int EVENTS = 3;
    static final int LISTS = 3;
    private static final String PASSWORD = "correct-Horse-battery-9";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How it went: requests sent, those that did not get the expected status, and how long it took. */
    record Result(int requests, List<String> failures, long millis) {}

    private Warmup() {}

    static Result run(int gatewayPort) {
        TestHttp gateway = TestHttp.localhost(gatewayPort);
        List<String> failures = new ArrayList<>();
        int[] requests = {0};
        long start = System.nanoTime();
        String email = "bench-" + UUID.randomUUID() + "@bench.atom.test";
        HttpResponse<String> registered = expect(
                requests,
                failures,
                201,
                gateway.post(
                        "/api/auth/register",
                        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Bench\"}".formatted(email, PASSWORD)));
        expect(
                requests,
                failures,
                200,
                gateway.post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD)));
        String token = registered == null
                ? null
                : JSON.readTree(registered.body()).path("accessToken").asString(null);
        if (token == null) {
            failures.add("no access token: the rest of the warm-up was skipped");
        } else {
            for (int i = 0; i < TASKS; i++) {
                expect(
                        requests,
                        failures,
                        201,
                        gateway.post("/api/tasks", "{\"title\":\"warm-up " + i + "\"}")
                                .bearer(token));
            }
            for (int i = 0; i < LISTS; i++) {
                expect(
                        requests,
                        failures,
                        200,
                        gateway.get("/api/tasks?limit=20").bearer(token));
            }
            for (int i = 0; i < EVENTS; i++) {
                expect(
                        requests,
                        failures,
                        201,
                        gateway.post("/api/calendar/events", """
                                        {"title": "warm-up %d", "start_time": "2026-10-%02dT16:00:00",
                                         "end_time": "2026-10-%02dT17:00:00", "timeZone": "Europe/Berlin"}""".formatted(i, 19 + i, 19 + i))
                                .bearer(token));
            }
            for (int i = 0; i < LISTS; i++) {
                expect(
                        requests,
                        failures,
                        200,
                        gateway.get("/api/calendar/events?year=2026&month=10&timeZone=Europe/Berlin")
                                .bearer(token));
            }
        }
        return new Result(requests[0], failures, (System.nanoTime() - start) / 1_000_000);
    }

    private static HttpResponse<String> expect(int[] requests, List<String> failures, int status, TestHttp.Call call) {
        requests[0]++;
        try {
            HttpResponse<String> response = call.send();
            if (response.statusCode() != status) {
                failures.add(response.request().method() + " "
                        + response.request().uri().getPath() + " → " + response.statusCode() + " (expected " + status
                        + ")");
                return null;
            }
            return response;
        } catch (RuntimeException e) {
            failures.add(e.toString());
            return null;
        }
    }
}
