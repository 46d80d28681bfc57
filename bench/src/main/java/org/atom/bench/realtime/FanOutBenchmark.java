package org.atom.bench.realtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.atom.bench.Benchmark;
import org.atom.bench.Report;
import org.atom.bench.load.HttpLoadClient;
import org.atom.bench.load.JfrProfile;
import org.atom.bench.load.LoadResult;
import org.atom.bench.load.OpenLoad;
import org.atom.bench.load.ProcessCpu;
import org.atom.bench.load.SuiteUnderTest;

/**
 * {@code bench/run fan-out}: fan-out capacity of realtime-service. Steps of connected clients (half Socket.IO, half
 * {@code /ws}, spread over local addresses 127.0.0.2 …), a few dozen users with many connections each, every user
 * getting one task a second (created at task-service); per step and per path (through the gateway, as far as its
 * open-files limit allows, and directly at realtime-service): connect rate and failures, deliveries per second and per
 * core of realtime-service, delivery latency, missed events, memory per connection. The knee is the first step where
 * latency, misses, connects or throughput break. bench/README.md has the details.
 */
public final class FanOutBenchmark implements Benchmark {

    static final double TARGET_P99_MS = 100;
    static final int TARGET_CLIENTS = 5000;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** sockets per local address: far below the 28,232 ephemeral ports of each, TIME_WAIT of the last step included */
    static final int CLIENTS_PER_ADDRESS = 1000;

    /**
     * @param steps client counts, each at one event a second per client
     * @param users users the clients belong to (each with steps/users connections)
     * @param probeClients the delivery-rate probe's client count (or the largest step within the limits, if smaller)
     * @param probeUsers the probe's users (fewer: many deliveries per write)
     * @param probeRates the probe's events a second per user (= per client)
     */
    record Plan(
            List<Integer> steps,
            int users,
            Duration steady,
            int warmupClients,
            Duration warmup,
            int handshakesInFlight,
            int probeClients,
            int probeUsers,
            List<Double> probeRates,
            Duration profile) {}

    static final Plan SHORT = new Plan(
            List.of(200, 500),
            10,
            Duration.ofSeconds(8),
            100,
            Duration.ofSeconds(5),
            32,
            200,
            5,
            List.of(5.0),
            Duration.ZERO);
    static final Plan FULL = new Plan(
            List.of(500, 1000, 2000, 5000, 10000),
            20,
            Duration.ofSeconds(30),
            500,
            Duration.ofSeconds(15),
            64,
            500,
            5,
            List.of(4.0, 10.0, 20.0),
            Duration.ofSeconds(20));

    /** The plan with other connection steps ({@code BENCH_FANOUT_STEPS=5000,10000}), or as it is when unset. */
    static Plan withSteps(Plan plan, String steps) {
        if (steps == null || steps.isBlank()) {
            return plan;
        }
        List<Integer> counts = java.util.Arrays.stream(steps.split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        return new Plan(
                counts,
                plan.users(),
                plan.steady(),
                plan.warmupClients(),
                plan.warmup(),
                plan.handshakesInFlight(),
                plan.probeClients(),
                plan.probeUsers(),
                plan.probeRates(),
                plan.profile());
    }

    /** What one step runs: clients on a route, the users they belong to, events a second per user. */
    record Load(int clients, Route route, int users, double perUserRate, Duration steady) {}

    /** Where the clients connect. */
    enum Route {
        GATEWAY("gateway"),
        DIRECT("direct");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /** Told when a step's steady phase starts and ends (the profile records just that window). */
    interface SteadyWatch {
        void started() throws Exception;

        void ended() throws Exception;
    }

    private int phases;
    /** set while the profile's step runs */
    private SteadyWatch watch;
    /** the clients of the step running, closed if it throws */
    private List<RealtimeClient> current = List.of();

    private List<SuiteUnderTest.User> users;
    private long usersRegisteredNanos;

    @Override
    public void run(boolean full, Report report) throws Exception {
        Plan plan = withSteps(full ? FULL : SHORT, System.getenv("BENCH_FANOUT_STEPS"));
        report.setting(
                "steps",
                plan.steps() + " clients; each step connects from none, holds a steady phase of "
                        + plan.steady().toSeconds() + " s, then disconnects");
        report.setting(
                "clients",
                "half Socket.IO (Engine.IO WebSocket transport), half /ws, alternating per user; Reactor Netty"
                        + " WebSocket clients on 2 event loops, " + CLIENTS_PER_ADDRESS
                        + " per local address 127.0.0.2, 127.0.0.3 …; at most " + plan.handshakesInFlight()
                        + " handshakes in flight");
        report.setting(
                "events",
                plan.users() + " users, each with steps/" + plan.users()
                        + " connections; one task a second per user, POST /api/tasks directly at task-service (open"
                        + " model, " + plan.users() + "/s in all): one delivery a second per client");
        report.setting(
                "delivery-rate probe",
                "then, directly at realtime-service, " + plan.probeClients() + " clients (fewer if a step that large"
                        + " failed) of " + plan.probeUsers() + " users, " + plan.probeRates()
                        + " events/s per user: deliveries/s beyond what the connection steps reach");
        report.setting(
                "latency",
                "from the write's intended start (coordinated omission corrected) to the frame read by the client;"
                        + " also from the task's createdAt (task-service's clock); the target is checked on the first");
        report.setting("realtimeService", RealtimeBench.realtimeSettings());
        report.setting("machineDetails", SuiteUnderTest.machine());

        Map<String, Object> details = new LinkedHashMap<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        details.put("runs", runs);
        try (SuiteUnderTest suite = SuiteUnderTest.startOrReuse(report, RealtimeBench.SUITE_ENVIRONMENT);
                ClientPool pool = new ClientPool("fan-out", 2);
                HttpLoadClient http = new HttpLoadClient("fan-out-writes", suite.taskServiceUrl(), 64, TIMEOUT)) {
            report.setting("versions", suite.versions(report.root()));
            freshUsers(suite, plan);
            suite.awaitOk(suite.taskServiceUrl(), "/api/tasks?limit=1", users.getFirst(), Duration.ofSeconds(90));
            RealtimeBench.awaitRealtime(pool, suite.gatewayUrl(), users.getFirst(), Duration.ofSeconds(120));
            RealtimeBench.awaitRealtime(pool, suite.realtimeServiceUrl(), users.getFirst(), Duration.ofSeconds(30));

            int gatewayMax = gatewayCapacity(suite);
            report.setting(
                    "routes",
                    "every step directly at realtime-service; through the gateway too up to " + gatewayMax
                            + " clients (its open-files limit: 2 sockets per client, one each side)");

            System.out.println("Warming up: " + plan.warmupClients() + " clients, "
                    + plan.warmup().toSeconds() + " s...");
            // both routes: the gateway's WebSocket proxying needs its JIT warm-up as much as realtime-service
            for (Route route : Route.values()) {
                details.put(
                        "warmup " + route.label,
                        step(
                                suite,
                                pool,
                                http,
                                plan,
                                new Load(plan.warmupClients(), route, plan.users(), 1, plan.warmup())));
            }

            Map<Route, Integer> knee = new LinkedHashMap<>();
            Map<Route, Boolean> stopped = new LinkedHashMap<>();
            List<Map<String, Object>> table = new ArrayList<>();
            for (int clients : plan.steps()) {
                for (Route route : Route.values()) {
                    if (route == Route.GATEWAY && clients > gatewayMax) {
                        continue;
                    }
                    if (stopped.getOrDefault(route, false)) {
                        table.add(
                                Map.of("route", route.label, "clients", clients, "skipped", "an earlier step failed"));
                        continue;
                    }
                    System.out.println("Step: " + clients + " clients, " + route.label + "...");
                    Map<String, Object> run =
                            attempt(suite, pool, http, plan, new Load(clients, route, plan.users(), 1, plan.steady()));
                    runs.add(run);
                    table.add(row(run));
                    if (!Boolean.TRUE.equals(run.get("withinTarget")) && !knee.containsKey(route)) {
                        knee.put(route, clients);
                    }
                    if (Boolean.TRUE.equals(run.get("failed"))) {
                        stopped.put(route, true);
                    }
                    recoverIfBroken(suite, report, run);
                }
            }
            report.result("steps", table);
            List<String> disturbed = new ArrayList<>();
            for (Map<String, Object> run : runs) {
                if (run.get("cpu (ms per delivery; coresBusy)") instanceof Map<?, ?> cpu
                        && cpu.get("otherProcessesCoresBusy") instanceof Number others
                        && others.doubleValue() > 0.2) {
                    disturbed.add(run.get("clients") + " " + run.get("route") + " (" + others + " cores)");
                }
            }
            if (!disturbed.isEmpty()) {
                report.note("Processes outside the suite kept cores busy during the steps " + disturbed
                        + ": their latencies are disturbed; run again on a quiet machine.");
            }
            for (Route route : Route.values()) {
                report.result(
                        "knee (" + route.label + ")",
                        knee.containsKey(route)
                                ? "first step beyond a limit: " + knee.get(route) + " clients"
                                : "none within the steps run");
            }
            report.result(
                    "target (p99 ≤ " + (long) TARGET_P99_MS + " ms with " + TARGET_CLIENTS + " clients)", target(runs));
            double probeRate = probe(suite, pool, http, plan, report, details, runs);
            if (plan.profile().isPositive() && JfrProfile.wanted(full)) {
                profile(suite, pool, http, plan, report, details, runs, probeRate);
            }
        }
        Path written = SuiteUnderTest.writeDetails(report.root(), "fan-out", details);
        report.note("Every step, with server metrics and the clients that had a problem: " + written.getFileName());
    }

    /** Registers the users anew when their tokens would expire within the next step (they live 15 minutes). */
    private void freshUsers(SuiteUnderTest suite, Plan plan) {
        if (users == null
                || System.nanoTime() - usersRegisteredNanos
                        > Duration.ofMinutes(8).toNanos()) {
            usersRegisteredNanos = System.nanoTime();
            users = RealtimeBench.register(suite, "fan-out", plan.users());
        }
    }

    /** How many clients the gateway can proxy: half of its free file descriptors, less a margin. */
    private static int gatewayCapacity(SuiteUnderTest suite) throws Exception {
        Long pid = suite.pids().get("gateway");
        long limit = 20000;
        long open = 500;
        if (pid != null) {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "limits"))) {
                if (line.startsWith("Max open files")) {
                    limit = Long.parseLong(
                            line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
            open = JvmProbe.openFiles(pid);
        }
        return (int) ((limit - open - 500) / 2);
    }

    /**
     * {@link #step}, and when it throws (a bug of the benchmark, or a suite in a state it did not foresee) a run that
     * says so and counts as failed, so that the steps run so far are still reported.
     */
    private Map<String, Object> attempt(
            SuiteUnderTest suite, ClientPool pool, HttpLoadClient http, Plan plan, Load load) {
        try {
            return step(suite, pool, http, plan, load);
        } catch (Exception e) {
            e.printStackTrace();
            current.forEach(RealtimeClient::close);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("route", load.route().label);
            run.put("clients", load.clients());
            run.put("users", load.users());
            run.put("eventsPerSecondPerClient", load.perUserRate());
            run.put("error", e.toString());
            run.put("withinTarget", false);
            run.put("failed", true);
            run.put("beyondLimits", List.of("the step threw " + e));
            return run;
        }
    }

    /** One step: connect, measure memory, a steady phase of events, check, disconnect. */
    private Map<String, Object> step(SuiteUnderTest suite, ClientPool pool, HttpLoadClient http, Plan plan, Load load)
            throws Exception {
        freshUsers(suite, plan);
        int count = load.clients();
        Route route = load.route();
        Duration steady = load.steady();
        int userCount = load.users();
        Map<String, Long> pids = suite.pids();
        Long realtimePid = pids.get("realtime-service");
        Long gatewayPid = route == Route.GATEWAY ? pids.get("gateway") : null;
        Path log = suite.log("realtime-service").orElse(null);
        long logFrom = JvmProbe.size(log);
        Path gatewayLog = route == Route.GATEWAY ? suite.log("gateway").orElse(null) : null;
        long gatewayLogFrom = JvmProbe.size(gatewayLog);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("route", route.label);
        run.put("clients", count);
        run.put("users", userCount);
        run.put("eventsPerSecondPerClient", load.perUserRate());

        Memory before = Memory.of(realtimePid, gatewayPid);
        Map<String, Double> metricsBefore = JvmProbe.prometheus(suite.realtimeServiceUrl(), "atom_realtime_");

        String base = route == Route.GATEWAY ? suite.gatewayUrl() : suite.realtimeServiceUrl();
        String[] tokens =
                users.stream().limit(userCount).map(SuiteUnderTest.User::token).toArray(String[]::new);
        List<RealtimeClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int user = i % userCount;
            RealtimeClient.Protocol protocol =
                    (i / userCount) % 2 == 0 ? RealtimeClient.Protocol.SOCKET_IO : RealtimeClient.Protocol.WS;
            clients.add(new RealtimeClient(protocol, i, user, tokens[user], (c, f, t) -> {}));
        }
        current = clients;
        ClientPool.Connected connected = ClientPool.connect(
                clients,
                c -> pool.client(base, "127.0.0." + (2 + c.index / CLIENTS_PER_ADDRESS)),
                plan.handshakesInFlight(),
                Duration.ofSeconds(20),
                // at least ~100 connects a second, else the step is beyond what the service takes
                Duration.ofSeconds(30 + count / 100));
        run.put("connect", connected.summary());
        List<RealtimeClient> live = connected.clients();

        Memory after = Memory.of(realtimePid, gatewayPid);
        Map<String, Object> memory = after.perConnection(before, live.size());
        if (realtimePid != null) {
            memory.put("realtimeMaxHeapMiB", JvmProbe.maxHeapMiB(realtimePid));
        }
        if (gatewayPid != null) {
            memory.put("gatewayMaxHeapMiB", JvmProbe.maxHeapMiB(gatewayPid));
        }
        run.put("memory", memory);
        // atom.realtime.max-connections as the service applies it (by default sized from its heap)
        JvmProbe.prometheus(suite.realtimeServiceUrl(), "atom_realtime_connections_limit").values().stream()
                .findFirst()
                .ifPresent(limit -> run.put("realtimeConnectionLimit", limit.longValue()));

        ProcessCpu cpu = suite.cpu("realtime-service", "gateway", "task-service", "postgres");
        double writeRate = userCount * load.perUserRate();
        int total = (int) OpenLoad.slots(writeRate, steady);
        Phase phase = new Phase(++phases, userCount, total, live);
        live.forEach(c -> c.listener(phase));
        Map<String, Double> gcBefore = JvmProbe.prometheus(suite.realtimeServiceUrl(), "jvm_gc_pause_seconds");
        Map<String, Double> gatewayGcBefore =
                route == Route.GATEWAY ? JvmProbe.prometheus(suite.gatewayUrl(), "jvm_gc_pause_seconds") : Map.of();
        if (watch != null) {
            watch.started();
        }
        ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
        LoadResult writes = phase.createTasks(http, tokens, writeRate, steady);
        ProcessCpu.Snapshot cpuAfter = cpu.snapshot();
        if (watch != null) {
            watch.ended();
        }
        run.put(
                "realtimeGcPausesInSteadyPhase",
                gcPauses(gcBefore, JvmProbe.prometheus(suite.realtimeServiceUrl(), "jvm_gc_pause_seconds")));
        if (route == Route.GATEWAY) {
            run.put(
                    "gatewayGcPausesInSteadyPhase",
                    gcPauses(gatewayGcBefore, JvmProbe.prometheus(suite.gatewayUrl(), "jvm_gc_pause_seconds")));
        }
        double drain = RealtimeBench.drain(phase, live, Duration.ofSeconds(10));
        Phase.Check check = phase.check(live);
        long expected = phase.expected(live);
        Map<String, Object> cpuPerDelivery = cpu.perRequest(cpuBefore, cpuAfter, Math.max(1, phase.delivered()));
        Map<String, Double> metrics =
                JvmProbe.delta(metricsBefore, JvmProbe.prometheus(suite.realtimeServiceUrl(), "atom_realtime_"));
        metrics.keySet().removeIf(name -> name.contains("_bucket"));

        Histogram fromIntended = new Histogram(3);
        Histogram fromCreatedAt = new Histogram(3);
        Map<String, Object> byProtocol = new LinkedHashMap<>();
        for (RealtimeClient.Protocol protocol : RealtimeClient.Protocol.values()) {
            Histogram h = phase.latencyFromIntended(protocol);
            fromIntended.add(h);
            fromCreatedAt.add(phase.latencyFromCreatedAt(protocol));
            byProtocol.put(protocol.label, Phase.percentiles(h));
        }
        double seconds = total / writeRate;
        double expectedRate = live.size() * load.perUserRate(); // every client gets its user's events
        double rate = phase.deliveriesPerSecond();
        double realtimeCores = cores(cpuPerDelivery, "realtime-service");
        run.put("writes (REST, direct at task-service)", writes.summary());
        run.put("deliveriesPerSecond", LoadResult.round(rate, 1));
        run.put("expectedDeliveriesPerSecond", expectedRate);
        run.put("deliveriesPerRealtimeCore", LoadResult.round(rate / realtimeCores, 0));
        run.put("latencyMsFromIntendedWrite", Phase.percentiles(fromIntended));
        run.put("latencyMsFromCreatedAt", Phase.percentiles(fromCreatedAt));
        run.put("latencyMsFromIntendedWriteByProtocol", byProtocol);
        run.put("deliveries", check.summary());
        run.put("expectedDeliveries", expected);
        run.put("drainSeconds", LoadResult.round(drain, 2));
        run.put("cpu (ms per delivery; coresBusy)", cpuPerDelivery);
        run.put("serverMetricsDelta", metrics);
        List<String> oom = JvmProbe.linesSince(log, logFrom, "OutOfMemoryError");
        run.put("realtimeOutOfMemory", oom);
        List<String> gatewayOom = JvmProbe.linesSince(gatewayLog, gatewayLogFrom, "OutOfMemoryError");
        run.put("gatewayOutOfMemory", gatewayOom);
        run.put("clientsWithProblems", check.problems);
        run.put("steadySeconds", seconds);

        double p99 = fromIntended.getTotalCount() == 0 ? Double.NaN : fromIntended.getValueAtPercentile(99) / 1000.0;
        List<String> broken = new ArrayList<>();
        if (connected.connected() < count) {
            broken.add((count - connected.connected()) + " connects failed");
        }
        if (check.missed > 0 || check.duplicates > 0 || check.outOfOrder > 0 || check.foreign > 0) {
            broken.add("missed " + check.missed + ", duplicates " + check.duplicates + ", out of order "
                    + check.outOfOrder);
        }
        if (!check.closedByServer.isEmpty()) {
            broken.add("clients closed by the server: " + check.closedByServer);
        }
        if (!(p99 <= TARGET_P99_MS)) {
            broken.add("p99 " + LoadResult.round(p99, 1) + " ms > " + (long) TARGET_P99_MS + " ms");
        }
        if (!(rate >= 0.9 * expectedRate)) {
            broken.add("deliveries/s " + LoadResult.round(rate, 0) + " < 90 % of " + (long) expectedRate);
        }
        if (!oom.isEmpty()) {
            broken.add("realtime-service ran out of heap");
        }
        if (!gatewayOom.isEmpty()) {
            broken.add("the gateway ran out of heap");
        }
        run.put("withinTarget", broken.isEmpty());
        run.put("beyondLimits", broken);
        // too broken to go on with larger steps: most clients refused, events lost, or the service out of heap
        run.put(
                "failed",
                connected.connected() < 0.95 * count
                        || check.missed > 0.01 * Math.max(1, expected)
                        || !oom.isEmpty()
                        || !gatewayOom.isEmpty());

        clients.forEach(RealtimeClient::close);
        awaitNoConnections(suite, run);
        return run;
    }

    /**
     * Stop-the-world pauses between two scrapes of Micrometer's {@code jvm_gc_pause_seconds}, per action (end of
     * minor / major GC): count and total ms.
     */
    static Map<String, String> gcPauses(Map<String, Double> before, Map<String, Double> after) {
        Map<String, double[]> byAction = new java.util.TreeMap<>();
        JvmProbe.delta(before, after).forEach((sample, change) -> {
            int at = sample.indexOf("action=\"");
            String action = at < 0 ? "?" : sample.substring(at + 8, sample.indexOf('"', at + 8));
            double[] numbers = byAction.computeIfAbsent(action, k -> new double[2]);
            if (sample.startsWith("jvm_gc_pause_seconds_count")) {
                numbers[0] += change;
            } else if (sample.startsWith("jvm_gc_pause_seconds_sum")) {
                numbers[1] += change * 1000;
            }
        });
        Map<String, String> result = new LinkedHashMap<>();
        byAction.forEach((action, n) -> {
            if (n[0] > 0) {
                result.put(action, (long) n[0] + " pauses, " + Math.round(n[1]) + " ms");
            }
        });
        return result;
    }

    private static double cores(Map<String, Object> cpu, String component) {
        return cpu.get(component) instanceof Map<?, ?> numbers && numbers.get("coresBusy") instanceof Number n
                ? n.doubleValue()
                : Double.NaN;
    }

    /** Waits (at most 60 s) until realtime-service counts no connections, so the next step starts from none. */
    private static void awaitNoConnections(SuiteUnderTest suite, Map<String, Object> run) throws InterruptedException {
        long start = System.nanoTime();
        double open = Double.NaN;
        while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            Map<String, Double> metrics = JvmProbe.prometheus(suite.realtimeServiceUrl(), "atom_realtime_connections");
            open = metrics.values().stream().mapToDouble(Double::doubleValue).sum();
            if (!metrics.isEmpty() && open == 0) {
                break;
            }
            Thread.sleep(200);
        }
        run.put("disconnectSeconds", LoadResult.round((System.nanoTime() - start) / 1e9, 1));
        if (open != 0) {
            run.put("connectionsLeftOpen", open);
        }
    }

    /**
     * A realtime-service or gateway that ran out of heap, or a realtime-service that does not answer its readiness
     * check, would spoil every later step: restarted when the benchmark started the suite, else the benchmark stops.
     */
    private static void recoverIfBroken(SuiteUnderTest suite, Report report, Map<String, Object> run) {
        Map<String, String> broken = new LinkedHashMap<>();
        if (run.get("realtimeOutOfMemory") instanceof List<?> l && !l.isEmpty()) {
            broken.put("realtime-service", "ran out of heap");
        } else {
            int ready = JvmProbe.status(suite.realtimeServiceUrl() + "/actuator/health/readiness");
            if (ready != 200) {
                broken.put("realtime-service", "answered " + ready + " to its readiness check");
            }
        }
        if (run.get("gatewayOutOfMemory") instanceof List<?> l && !l.isEmpty()) {
            broken.put("gateway", "ran out of heap");
        }
        broken.forEach((component, why) -> {
            String step = " after the step with " + run.get("clients") + " clients (" + run.get("route") + ")";
            if (!suite.owned()) {
                throw new IllegalStateException(component + " " + why + step + "; restart it and run again");
            }
            System.out.println(component + " " + why + ": ./atom restart " + component + "...");
            var restart = suite.atom(300, "restart", component);
            report.note(component + " " + why + step + ": restarted ("
                    + (restart.exit() == 0 ? "ok" : "failed: " + restart.output()) + ") before the next step.");
            run.put("restarted " + component, restart.exit() == 0);
        });
    }

    /** The resident and live-heap memory of realtime-service (and the gateway, when routed through it). */
    private record Memory(
            long realtimeRss,
            Map<String, Long> realtimeHeap,
            long gatewayRss,
            Map<String, Long> gatewayHeap,
            long realtimeFds) {

        static Memory of(Long realtime, Long gateway) {
            // the live heap first (the class histogram collects first), then RSS after that collection
            Map<String, Long> realtimeHeap = realtime == null ? Map.of() : JvmProbe.classHistogram(realtime);
            Map<String, Long> gatewayHeap = gateway == null ? Map.of() : JvmProbe.classHistogram(gateway);
            return new Memory(
                    realtime == null ? -1 : JvmProbe.rssKiB(realtime),
                    realtimeHeap,
                    gateway == null ? -1 : JvmProbe.rssKiB(gateway),
                    gatewayHeap,
                    realtime == null ? -1 : JvmProbe.openFiles(realtime));
        }

        private static long kib(Map<String, Long> histogram) {
            return histogram.isEmpty()
                    ? -1
                    : histogram.values().stream().mapToLong(Long::longValue).sum() / 1024;
        }

        Map<String, Object> perConnection(Memory before, int connections) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("connections", connections);
            growth(map, "realtime", before.realtimeRss, realtimeRss, before.realtimeHeap, realtimeHeap, connections);
            map.put("realtimeOpenFiles before/after", before.realtimeFds + " / " + realtimeFds);
            if (gatewayRss >= 0) {
                growth(map, "gateway", before.gatewayRss, gatewayRss, before.gatewayHeap, gatewayHeap, connections);
            }
            return map;
        }

        /** One process's RSS and live heap before and after, and their growth per connection. */
        private static void growth(
                Map<String, Object> map,
                String process,
                long rssBefore,
                long rss,
                Map<String, Long> heapBefore,
                Map<String, Long> heap,
                int connections) {
            map.put(process + "RssKiB before/after", rssBefore + " / " + rss);
            map.put(process + "LiveHeapKiB before/after", kib(heapBefore) + " / " + kib(heap));
            map.put(process + "RssKiBPerConnection", perConnection(rssBefore, rss, connections));
            map.put(process + "HeapKiBPerConnection", perConnection(kib(heapBefore), kib(heap), connections));
            map.put(
                    process + "HeapBytesPerConnectionByClass",
                    JvmProbe.perConnection(heapBefore, heap, connections, 10));
        }

        private static double perConnection(long before, long after, int connections) {
            return before < 0 || after < 0 || connections == 0
                    ? Double.NaN
                    : LoadResult.round((after - before) / (double) connections, 1);
        }
    }

    /** One line of the report's table. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> run) {
        if (run.containsKey("error")) {
            return run;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("route", run.get("route"));
        row.put("clients", run.get("clients"));
        row.put("users × events/s each", run.get("users") + " × " + run.get("eventsPerSecondPerClient"));
        Map<String, Object> connect = (Map<String, Object>) run.get("connect");
        row.put("connected", connect.get("connected"));
        row.put("connectsPerSecond", connect.get("connectsPerSecond"));
        row.put("connectFailures", connect.get("failures"));
        row.put(
                "deliveriesPerSecond (expected)",
                run.get("deliveriesPerSecond") + " (" + run.get("expectedDeliveriesPerSecond") + ")");
        row.put("deliveriesPerRealtimeCore", run.get("deliveriesPerRealtimeCore"));
        Map<String, Object> cpu = (Map<String, Object>) run.get("cpu (ms per delivery; coresBusy)");
        Map<String, Object> busy = new LinkedHashMap<>();
        for (String component : List.of("realtime-service", "gateway", "client", "task-service", "rest of the suite")) {
            double c = cores(cpu, component);
            if (!Double.isNaN(c)) {
                busy.put(component, c);
            }
        }
        row.put("coresBusy", busy);
        row.put("otherProcessesCoresBusy", cpu.get("otherProcessesCoresBusy"));
        Map<String, Object> latency = (Map<String, Object>) run.get("latencyMsFromIntendedWrite");
        row.put("p50/p99/p99.9 ms", latency.get("p50") + " / " + latency.get("p99") + " / " + latency.get("p99.9"));
        Map<String, Object> created = (Map<String, Object>) run.get("latencyMsFromCreatedAt");
        row.put("p50/p99 ms from createdAt", created.get("p50") + " / " + created.get("p99"));
        Map<String, Object> deliveries = (Map<String, Object>) run.get("deliveries");
        row.put(
                "missed/duplicates/outOfOrder",
                deliveries.get("missed") + " / " + deliveries.get("duplicates") + " / " + deliveries.get("outOfOrder"));
        row.put("closedByServer", deliveries.get("clientsClosedByServer"));
        row.put("realtime GC in the steady phase", run.get("realtimeGcPausesInSteadyPhase"));
        if (run.containsKey("gatewayGcPausesInSteadyPhase")) {
            row.put("gateway GC in the steady phase", run.get("gatewayGcPausesInSteadyPhase"));
        }
        Map<String, Object> memory = (Map<String, Object>) run.get("memory");
        row.put(
                "realtime KiB per connection (RSS / live heap)",
                memory.get("realtimeRssKiBPerConnection") + " / " + memory.get("realtimeHeapKiBPerConnection"));
        if (memory.containsKey("gatewayRssKiBPerConnection")) {
            row.put(
                    "gateway KiB per connection (RSS / live heap)",
                    memory.get("gatewayRssKiBPerConnection") + " / " + memory.get("gatewayHeapKiBPerConnection"));
        }
        row.put("beyondLimits", run.get("beyondLimits"));
        return row;
    }

    @SuppressWarnings("unchecked")
    private static String target(List<Map<String, Object>> runs) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> run : runs) {
            if (((Integer) run.get("clients")) == TARGET_CLIENTS) {
                Map<String, Object> latency = (Map<String, Object>) run.get("latencyMsFromIntendedWrite");
                Object p99 = latency == null ? run.get("error") : latency.get("p99");
                boolean met = p99 instanceof Double d && d <= TARGET_P99_MS;
                text.append(run.get("route"))
                        .append(": p99 ")
                        .append(p99)
                        .append(" ms, ")
                        .append(met ? "met" : "MISSED")
                        .append(Boolean.TRUE.equals(run.get("withinTarget")) ? "" : " " + run.get("beyondLimits"))
                        .append("; ");
            }
        }
        if (text.isEmpty()) {
            // not run: say which step failed before it
            for (Map<String, Object> run : runs) {
                if (Boolean.TRUE.equals(run.get("failed"))) {
                    text.append(run.get("route"))
                            .append(": MISSED, not reached — the step with ")
                            .append(run.get("clients"))
                            .append(" clients failed ")
                            .append(run.get("beyondLimits"))
                            .append("; ");
                }
            }
        }
        return text.isEmpty() ? "no step with " + TARGET_CLIENTS + " clients was run" : text.toString();
    }

    /**
     * The delivery-rate probe: the connection count held (the plan's, or the largest step within the limits if
     * smaller), directly at realtime-service, with a few users getting several events a second each — deliveries per
     * second rise without more connections (whose memory caps the steps) and without many more writes (whose cost
     * is task-service's). Returns the highest rate per client that stayed within the limits (or the lowest tried).
     */
    private double probe(
            SuiteUnderTest suite,
            ClientPool pool,
            HttpLoadClient http,
            Plan plan,
            Report report,
            Map<String, Object> details,
            List<Map<String, Object>> runs)
            throws Exception {
        int clients = probeClients(plan, runs);
        List<Map<String, Object>> probes = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        double best = plan.probeRates().getFirst();
        for (double rate : plan.probeRates()) {
            System.out.println("Delivery-rate probe: " + clients + " clients, " + rate + " events/s each...");
            Map<String, Object> run = attempt(
                    suite, pool, http, plan, new Load(clients, Route.DIRECT, plan.probeUsers(), rate, plan.steady()));
            probes.add(run);
            table.add(row(run));
            recoverIfBroken(suite, report, run);
            if (Boolean.TRUE.equals(run.get("withinTarget"))) {
                best = rate;
            }
            if (Boolean.TRUE.equals(run.get("failed"))) {
                break;
            }
        }
        details.put("deliveryRateProbe", probes);
        report.result(
                "delivery-rate probe (" + clients + " clients direct, " + plan.probeUsers() + " users, events/s per"
                        + " client " + plan.probeRates() + ")",
                table);
        return best;
    }

    /** The plan's probe size, or the largest step that stayed within the limits directly, if smaller. */
    private static int probeClients(Plan plan, List<Map<String, Object>> runs) {
        int within = 0;
        for (Map<String, Object> run : runs) {
            if (run.get("route").equals(Route.DIRECT.label) && Boolean.TRUE.equals(run.get("withinTarget"))) {
                within = Math.max(within, (Integer) run.get("clients"));
            }
        }
        return within == 0
                ? Math.min(plan.probeClients(), plan.steps().getFirst())
                : Math.min(plan.probeClients(), within);
    }

    /**
     * The extra phase (full mode): JFR on realtime-service and the gateway during a probe step through the gateway,
     * at the probe's client count and highest rate within the limits: CPU ms per delivery by layer, GC pauses.
     */
    @SuppressWarnings("unchecked")
    private void profile(
            SuiteUnderTest suite,
            ClientPool pool,
            HttpLoadClient http,
            Plan plan,
            Report report,
            Map<String, Object> details,
            List<Map<String, Object>> runs,
            double rate)
            throws Exception {
        int clients = probeClients(plan, runs);
        Map<String, Long> pids = suite.pids();
        if (!pids.containsKey("realtime-service") || !pids.containsKey("gateway")) {
            report.note("No profile: the suite's process ids are unknown (set ATOM_HOME for a reused suite).");
            return;
        }
        Path dir = report.root().resolve("bench").resolve("results");
        Files.createDirectories(dir);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        System.out.println("Profiling (JFR) realtime-service and the gateway: " + clients + " clients through the"
                + " gateway, " + rate + " events/s each...");
        JfrProfile[] recordings = new JfrProfile[2];
        Path realtimeFile = dir.resolve("fan-out-profile-" + stamp + "-realtime-service.jfr");
        Path gatewayFile = dir.resolve("fan-out-profile-" + stamp + "-gateway.jfr");
        watch = new SteadyWatch() {
            @Override
            public void started() throws Exception {
                recordings[0] = JfrProfile.start(pids.get("realtime-service"), "bench-fan-out-realtime");
                recordings[1] = JfrProfile.start(pids.get("gateway"), "bench-fan-out-gateway");
            }

            @Override
            public void ended() throws Exception {
                recordings[0].stop(realtimeFile);
                recordings[1].stop(gatewayFile);
            }
        };
        Map<String, Object> run;
        try {
            run = step(
                    suite, pool, http, plan, new Load(clients, Route.GATEWAY, plan.probeUsers(), rate, plan.profile()));
        } finally {
            watch = null;
        }
        Map<String, Object> cpu = (Map<String, Object>) run.get("cpu (ms per delivery; coresBusy)");
        Map<String, Object> profiles = new LinkedHashMap<>();
        profiles.put("run", run);
        report.result(
                "profile run (" + clients + " clients through the gateway, " + rate + " events/s each)", row(run));
        for (Map.Entry<String, Path> entry :
                Map.of("realtime-service", realtimeFile, "gateway", gatewayFile).entrySet()) {
            Map<String, Object> analysis = JfrProfile.analyze(entry.getValue(), 30);
            double ms = cpu.get(entry.getKey()) instanceof Map<?, ?> m && m.get("msPerRequest") instanceof Number n
                    ? n.doubleValue()
                    : Double.NaN;
            Map<String, Double> byLayer = JfrProfile.msPerRequestByLayer(analysis, ms, 2);
            Map<String, Object> pauses = JfrProfile.gcPauses(entry.getValue());
            profiles.put(entry.getKey(), analysis);
            profiles.put(entry.getKey() + " GC pauses", pauses);
            report.result("profile." + entry.getKey() + ": CPU ms per delivery by layer", byLayer);
            report.result("profile." + entry.getKey() + ": GC pauses", pauses);
        }
        details.put("profile", profiles);
        report.note("JFR recordings: " + realtimeFile.getFileName() + ", " + gatewayFile.getFileName());
    }
}
