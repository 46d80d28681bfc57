package org.atom.bench.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.atom.bench.Report;
import org.atom.bench.load.SuiteUnderTest;

/** What both realtime benchmarks share: the suite's settings, users, waiting for realtime-service, settling. */
final class RealtimeBench {

    /**
     * The gateway's per-user budget (600 a minute) would refuse the writes, and its per-IP budget the anonymous
     * socket handshakes (the gateway does not read the token inside the socket protocols); the registrations need
     * more than 10 a minute.
     */
    static final Map<String, String> SUITE_ENVIRONMENT = Map.of(
            "ATOM_GATEWAY_RATE_LIMITS_STANDARD_CAPACITY", "1000000000",
            "ATOM_GATEWAY_RATE_LIMITS_AUTH_CAPACITY", "10000");

    private RealtimeBench() {}

    /** Registers {@code count} users (through the gateway, as clients do). */
    static List<SuiteUnderTest.User> register(SuiteUnderTest suite, String prefix, int count) {
        List<SuiteUnderTest.User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(suite.register(prefix + "-" + i));
        }
        return users;
    }

    /**
     * Waits until a {@code /ws} client of {@code user} connects at {@code baseUrl} (the gateway knows
     * realtime-service, and realtime-service has read its replay window and takes clients), up to {@code timeout}.
     */
    static void awaitRealtime(ClientPool pool, String baseUrl, SuiteUnderTest.User user, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "?";
        while (System.nanoTime() < deadline) {
            RealtimeClient probe = new RealtimeClient(RealtimeClient.Protocol.WS, 0, 0, user.token(), (c, f, t) -> {});
            last = probe.open(pool.client(baseUrl, "127.0.0.1"), Duration.ofSeconds(10))
                    .block(Duration.ofSeconds(15));
            probe.close();
            if ("connected".equals(last)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(
                "no realtime client could connect at " + baseUrl + " within " + timeout + "; last: " + last);
    }

    /**
     * Waits until the clients received every delivery of the phase's successful writes, or {@code timeout} passed
     * without a new one; returns the seconds waited after the writes ended.
     */
    static double drain(Phase phase, List<RealtimeClient> clients, Duration timeout) throws InterruptedException {
        long expected = phase.expected(clients);
        long start = System.nanoTime();
        long lastProgress = start;
        long seen = phase.delivered();
        while (phase.delivered() < expected && System.nanoTime() - lastProgress < timeout.toNanos()) {
            Thread.sleep(20);
            long now = phase.delivered();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Waits until the gateway routes to task-service again — 20 answers 200 in a row to
     * {@code GET /api/tasks?limit=1}, for at most 90 s — in case an earlier phase opened its circuit breaker; a wait
     * is noted.
     */
    static void awaitRouting(SuiteUnderTest suite, SuiteUnderTest.User user, Report report, String before)
            throws InterruptedException {
        org.atom.testkit.TestHttp gateway = new org.atom.testkit.TestHttp(suite.gatewayUrl());
        long start = System.nanoTime();
        int inARow = 0;
        int refused = 0;
        while (inARow < 20 && System.nanoTime() - start < Duration.ofSeconds(90).toNanos()) {
            if (gateway.get("/api/tasks?limit=1").bearer(user.token()).send().statusCode() == 200) {
                inARow++;
            } else {
                inARow = 0;
                refused++;
                Thread.sleep(1000);
            }
        }
        if (refused > 0) {
            report.note("Before " + before + " the gateway refused requests to task-service for "
                    + Math.round((System.nanoTime() - start) / 1e9) + " s (circuit breaker open); the phase started"
                    + (inARow >= 20 ? " once it routed again." : " anyway."));
        }
    }

    /** realtime-service's settings that can cap these benchmarks: defaults, and what the environment overrides. */
    static Map<String, Object> realtimeSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(
                "atom.realtime (RealtimeProperties defaults)",
                "send-queue 1000 frames per client (then slow_consumer), messages-per-second 20 / burst 40 (client"
                        + " to server only), max-frame-size 8KB (also Tomcat's per-session text buffer,"
                        + " RealtimeConfiguration#webSocketContainer), max-buffered-per-user 1000, replay-window 15m,"
                        + " ping-interval 25s / ping-timeout 20s, max-connections sized from the heap (each run's"
                        + " realtimeConnectionLimit; beyond it 503 / close 1013)");
        settings.put(
                "other limits",
                "Tomcat's socket limit: the connection limit + 1024 (realtime-service raises Spring Boot's 8192);"
                        + " access tokens live 15 min (a connection closes at its token's exp); heaps as ./atom sets"
                        + " them (devstack Stack.HEAP: realtime-service -Xmx1g, gateway -Xmx640m; each run's"
                        + " memory.*MaxHeapMiB), SerialGC; open files 20000 per process");
        Map<String, String> overrides = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("ATOM_REALTIME_")
                    || name.startsWith("SERVER_TOMCAT_")
                    || name.equals("JAVA_TOOL_OPTIONS")) {
                overrides.put(name, value);
            }
        });
        settings.put("overridden by the environment", overrides.isEmpty() ? "none" : overrides);
        return settings;
    }
}
