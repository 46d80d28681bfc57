package org.atom.bench.gateway;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.bench.Benchmark;
import org.atom.bench.Report;
import org.atom.bench.load.Call;
import org.atom.bench.load.ClosedLoad;
import org.atom.bench.load.HttpLoadClient;
import org.atom.bench.load.JfrProfile;
import org.atom.bench.load.LoadResult;
import org.atom.bench.load.Measured;
import org.atom.bench.load.OpenLoad;
import org.atom.bench.load.ProcessCpu;
import org.atom.bench.load.SuiteUnderTest;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run gateway}: the same authenticated {@code GET /api/tasks?limit=20} (a user with 25 tasks) sent
 * directly to task-service and through the gateway. Saturation throughput of each (closed loop, several connection
 * counts, the best kept), then latency percentiles of each at the same constant arrival rate — half the gateway's
 * maximum — measured from each request's intended start (coordinated omission corrected). bench/README.md has the
 * details.
 */
public final class GatewayOverheadBenchmark implements Benchmark {

    static final String PATH = "/api/tasks?limit=20";
    static final int TASKS = 25;
    static final int POOL = 64;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The suite's rate limits, raised: one user sends thousands of requests a second. */
    static final Map<String, String> SUITE_ENVIRONMENT = Map.of(
            "ATOM_GATEWAY_RATE_LIMITS_STANDARD_CAPACITY", "1000000000",
            "ATOM_GATEWAY_RATE_LIMITS_AUTH_CAPACITY", "10000");

    /** How long each phase runs. */
    record Plan(
            Duration warmup,
            int warmupConnections,
            List<Integer> saturationConnections,
            Duration saturation,
            int halfLoadRounds,
            Duration halfLoad,
            Duration profile) {}

    static final Plan SHORT = new Plan(
            Duration.ofSeconds(5), 8, List.of(16), Duration.ofSeconds(5), 1, Duration.ofSeconds(5), Duration.ZERO);
    static final Plan FULL = new Plan(
            Duration.ofSeconds(30),
            16,
            List.of(8, 16, 32),
            Duration.ofSeconds(15),
            2,
            Duration.ofSeconds(30),
            Duration.ofSeconds(15));

    @Override
    public void run(boolean full, Report report) throws Exception {
        Plan plan = full ? FULL : SHORT;
        boolean profile = JfrProfile.wanted(full);
        report.setting("request", "GET " + PATH + " with a bearer token, one user with " + TASKS + " tasks");
        report.setting(
                "generator",
                "Reactor Netty HTTP/1.1, 1 event loop, pool of " + POOL + " keep-alive connections per target, "
                        + TIMEOUT.toSeconds() + " s timeout; HdrHistogram");
        report.setting(
                "warmup",
                plan.warmup().toSeconds() + " s per target, closed loop, " + plan.warmupConnections() + " connections");
        report.setting(
                "saturation",
                "closed loop, " + plan.saturationConnections() + " connections, "
                        + plan.saturation().toSeconds() + " s each, targets interleaved; best kept");
        report.setting(
                "halfLoad",
                "open model at 0.5 × the gateway's max rate, " + plan.halfLoadRounds() + " × "
                        + plan.halfLoad().toSeconds()
                        + " s per target (ABBA order), latency from the intended start");
        report.setting("profile", profile ? "JFR on gateway and task-service in an extra unmeasured phase" : "off");
        report.setting("machineDetails", SuiteUnderTest.machine());

        Map<String, Object> details = new LinkedHashMap<>();
        List<Map<String, Object>> phases = new ArrayList<>();
        details.put("phases", phases);
        try (SuiteUnderTest suite = SuiteUnderTest.startOrReuse(report, SUITE_ENVIRONMENT)) {
            report.setting("versions", suite.versions(report.root()));
            SuiteUnderTest.User user = suite.register("gateway-bench");
            suite.createTasks(user, TASKS);
            HttpResponse<String> direct = suite.awaitOk(suite.taskServiceUrl(), PATH, user, Duration.ofSeconds(60));
            HttpResponse<String> routed = suite.awaitOk(suite.gatewayUrl(), PATH, user, Duration.ofSeconds(90));
            int items = JsonMapper.builder().build().readTree(routed.body()).size();
            if (items != 20 || !direct.body().equals(routed.body())) {
                throw new IllegalStateException("expected the same 20 tasks directly and through the gateway; got "
                        + items + " through the gateway");
            }
            report.setting("response", "200, 20 tasks, " + routed.body().length() + " bytes of JSON");

            ProcessCpu cpu = suite.cpu("gateway", "task-service", "postgres");
            try (HttpLoadClient toService = new HttpLoadClient("direct", suite.taskServiceUrl(), POOL, TIMEOUT);
                    HttpLoadClient toGateway = new HttpLoadClient("gateway", suite.gatewayUrl(), POOL, TIMEOUT)) {
                Call directCall = toService.get(PATH, user.token());
                Call gatewayCall = toGateway.get(PATH, user.token());

                System.out.println("Warming up...");
                phases.add(ClosedLoad.run(
                                "warmup direct", toService, i -> directCall, plan.warmupConnections(), plan.warmup())
                        .summary());
                phases.add(ClosedLoad.run(
                                "warmup gateway", toGateway, i -> gatewayCall, plan.warmupConnections(), plan.warmup())
                        .summary());

                cpu.measureIdle(full ? Duration.ofSeconds(5) : Duration.ofSeconds(2));
                report.setting("cpu.idleCores (subtracted in 'net')", cpu.idleCores());

                List<Measured> measured = new ArrayList<>();
                LoadResult bestDirect = null;
                LoadResult bestGateway = null;
                Map<String, Object> cpuDirect = null;
                Map<String, Object> cpuGateway = null;
                for (int connections : plan.saturationConnections()) {
                    System.out.println("Saturation with " + connections + " connections...");
                    Measured d = Measured.measure(
                            cpu,
                            () -> ClosedLoad.run("direct", toService, i -> directCall, connections, plan.saturation()));
                    settle(suite, user, report, "saturation with " + connections + " connections");
                    Measured g = Measured.measure(
                            cpu,
                            () -> ClosedLoad.run(
                                    "gateway", toGateway, i -> gatewayCall, connections, plan.saturation()));
                    phases.add(d.summary());
                    phases.add(g.summary());
                    measured.add(d);
                    measured.add(g);
                    requireNoRateLimit(g.result());
                    if (bestDirect == null || d.result().throughput() > bestDirect.throughput()) {
                        bestDirect = d.result();
                        cpuDirect = d.cpu();
                    }
                    if (bestGateway == null || g.result().throughput() > bestGateway.throughput()) {
                        bestGateway = g.result();
                        cpuGateway = g.cpu();
                    }
                }

                double rate = Math.floor(bestGateway.throughput() / 2);
                System.out.printf("Half load: %.0f requests/s...%n", rate);
                List<LoadResult> directRuns = new ArrayList<>();
                List<LoadResult> gatewayRuns = new ArrayList<>();
                List<String> rounds = new ArrayList<>();
                for (int round = 0; round < plan.halfLoadRounds(); round++) {
                    boolean directFirst = round % 2 == 0;
                    for (int step = 0; step < 2; step++) {
                        boolean isDirect = (step == 0) == directFirst;
                        if (!isDirect) {
                            settle(suite, user, report, "half load round " + (round + 1));
                        }
                        Measured m = Measured.measure(
                                cpu,
                                () -> isDirect
                                        ? OpenLoad.run("direct", toService, directCall, rate, plan.halfLoad())
                                        : OpenLoad.run("gateway", toGateway, gatewayCall, rate, plan.halfLoad()));
                        phases.add(m.summary());
                        measured.add(m);
                        (isDirect ? directRuns : gatewayRuns).add(m.result());
                        rounds.add(m.result().label() + " p99 " + m.result().ms(99) + " ms, max "
                                + m.result().ms(100) + " ms, CPU pressure "
                                + (m.cpu() == null ? "unknown" : m.cpu().getOrDefault("cpuPressure", "unknown")));
                    }
                }
                LoadResult halfDirect = LoadResult.merge(directRuns);
                LoadResult halfGateway = LoadResult.merge(gatewayRuns);
                requireNoRateLimit(halfGateway);

                results(report, bestDirect, bestGateway, rate, halfDirect, halfGateway, cpuDirect, cpuGateway);
                // rounds differ: the tail is a few scheduling stalls (details: slowestSecondsMs of each phase)
                report.result("halfLoad rounds, in order", rounds);
                details.put("halfLoadDirect", halfDirect.summary());
                details.put("halfLoadGateway", halfGateway.summary());

                double others = measured.stream()
                        .mapToDouble(Measured::otherCores)
                        .max()
                        .orElse(0);
                report.result("other processes during the phases (cores busy, max)", others);
                if (others > 0.2) {
                    report.note("Other processes kept " + others + " cores busy during a measured phase: the numbers"
                            + " are disturbed; run again on a quiet machine.");
                }

                if (profile) {
                    profile(
                            suite,
                            report,
                            details,
                            cpu,
                            toService,
                            directCall,
                            toGateway,
                            gatewayCall,
                            bestGateway.concurrency(),
                            plan);
                }
                if (full) {
                    concurrencyProbe(suite, user, report, details, toGateway, gatewayCall);
                }
            }
        }
        Path written = SuiteUnderTest.writeDetails(report.root(), "gateway", details);
        report.note("Every phase (warm-up included), with errors and CPU per component: " + written.getFileName());
    }

    private static void results(
            Report report,
            LoadResult bestDirect,
            LoadResult bestGateway,
            double rate,
            LoadResult halfDirect,
            LoadResult halfGateway,
            Map<String, Object> cpuDirect,
            Map<String, Object> cpuGateway) {
        double ratio = bestGateway.throughput() / bestDirect.throughput();
        report.result(
                "maxThroughput.direct (req/s)",
                LoadResult.round(bestDirect.throughput(), 0) + " (" + bestDirect.concurrency() + " connections)");
        report.result(
                "maxThroughput.gateway (req/s)",
                LoadResult.round(bestGateway.throughput(), 0) + " (" + bestGateway.concurrency() + " connections)");
        report.result("throughputRatio (gateway ÷ direct)", LoadResult.round(ratio, 3));
        report.result("halfLoad.rate (req/s)", rate);
        report.result("halfLoad.direct (ms)", percentiles(halfDirect));
        report.result("halfLoad.gateway (ms)", percentiles(halfGateway));
        Map<String, Double> added = new LinkedHashMap<>();
        for (double p : new double[] {50, 99, 99.9}) {
            added.put(label(p), LoadResult.round(halfGateway.ms(p) - halfDirect.ms(p), 3));
        }
        report.result("halfLoad.added by the gateway (ms)", added);
        report.result(
                "halfLoad.achieved (req/s, direct / gateway)",
                LoadResult.round(halfDirect.throughput(), 1) + " / " + LoadResult.round(halfGateway.throughput(), 1));
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("saturation.direct", bestDirect.errors());
        errors.put("saturation.gateway", bestGateway.errors());
        errors.put("halfLoad.direct", halfDirect.errors());
        errors.put("halfLoad.gateway", halfGateway.errors());
        report.result("errors (non-2xx, timeouts)", errors);
        if (cpuDirect != null) {
            report.result("cpu at saturation, direct", cpuDirect);
            report.result("cpu at saturation, gateway", cpuGateway);
        }
        boolean throughputMet = ratio >= 0.5;
        boolean latencyMet = added.get("p99") <= 2.0;
        report.result(
                "targets",
                "throughput ≥ 0.5 × direct: " + (throughputMet ? "met" : "MISSED") + "; p99 added ≤ 2 ms at half load: "
                        + (latencyMet ? "met" : "MISSED"));
        for (LoadResult half : List.of(halfDirect, halfGateway)) {
            if (half.throughput() < 0.97 * rate) {
                report.note(half.label() + " did not keep up with " + rate + " req/s at half load (achieved "
                        + LoadResult.round(half.throughput(), 1) + "): its latencies include queueing");
            }
            if (half.schedulerLag() != null
                    && LoadResult.round(half.schedulerLag().getValueAtPercentile(99) / 1000.0, 3) > 1) {
                report.note("the generator sent " + half.label()
                        + "'s requests late (p99 lag > 1 ms); the lag is inside the latencies (measured from the"
                        + " intended start)");
            }
        }
        if (bestDirect.errorCount() + bestGateway.errorCount() + halfDirect.errorCount() + halfGateway.errorCount()
                > 0) {
            report.note("Errors occurred; they are counted above, and the latencies are those of the 2xx responses"
                    + " (every outcome's latencies are in the details file).");
        }
        report.note("On this machine the generator, gateway, task-service and PostgreSQL share the same cores:"
                + " throughput is CPU-bound, so 'cpu at saturation' (CPU ms per request per process) explains the"
                + " ratio.");
    }

    private static Map<String, Double> percentiles(LoadResult result) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (double p : new double[] {50, 99, 99.9}) {
            map.put(label(p), result.ms(p));
        }
        return map;
    }

    private static String label(double p) {
        return p == Math.rint(p) ? "p" + (long) p : "p" + p;
    }

    /** A gateway that answers 429 still has its default per-user budget: the numbers would be the limiter's. */
    private static void requireNoRateLimit(LoadResult result) {
        if (result.errors().containsKey("HTTP 429")) {
            throw new IllegalStateException(
                    "the gateway answered 429 (rate limit) " + result.errors().get("HTTP 429")
                            + " times: start the suite with ATOM_GATEWAY_RATE_LIMITS_STANDARD_CAPACITY=1000000000"
                            + " (bench/README.md)");
        }
    }

    /**
     * The extra, unmeasured phase: JFR on the gateway and task-service under gateway load, then on task-service under
     * direct load, each with the CPU per request, so each process's cost is split by layer.
     */
    private void profile(
            SuiteUnderTest suite,
            Report report,
            Map<String, Object> details,
            ProcessCpu cpu,
            HttpLoadClient toService,
            Call directCall,
            HttpLoadClient toGateway,
            Call gatewayCall,
            int connections,
            Plan plan)
            throws Exception {
        Map<String, Long> pids = suite.pids();
        if (!pids.containsKey("gateway") || !pids.containsKey("task-service")) {
            report.note("No profile: the suite's process ids are unknown (set ATOM_HOME for a reused suite).");
            return;
        }
        Path dir = report.root().resolve("bench").resolve("results");
        java.nio.file.Files.createDirectories(dir);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        Map<String, Object> profiles = new LinkedHashMap<>();

        System.out.println("Profiling (JFR) the gateway and task-service under gateway load...");
        JfrProfile gateway = JfrProfile.start(pids.get("gateway"), "bench-gateway");
        JfrProfile service = JfrProfile.start(pids.get("task-service"), "bench-task-service");
        Measured routed = Measured.measure(
                cpu,
                () -> ClosedLoad.run("profiled gateway", toGateway, i -> gatewayCall, connections, plan.profile()));
        Path gatewayFile = gateway.stop(dir.resolve("gateway-profile-" + stamp + "-gateway.jfr"));
        Path routedServiceFile = service.stop(dir.resolve("gateway-profile-" + stamp + "-task-service-routed.jfr"));

        System.out.println("Profiling (JFR) task-service under direct load...");
        JfrProfile serviceDirect = JfrProfile.start(pids.get("task-service"), "bench-task-service-direct");
        Measured direct = Measured.measure(
                cpu, () -> ClosedLoad.run("profiled direct", toService, i -> directCall, connections, plan.profile()));
        Path directServiceFile =
                serviceDirect.stop(dir.resolve("gateway-profile-" + stamp + "-task-service-direct.jfr"));

        Map<String, Object> gatewayAnalysis = JfrProfile.analyze(gatewayFile, 30);
        Map<String, Object> routedAnalysis = JfrProfile.analyze(routedServiceFile, 30);
        Map<String, Object> directAnalysis = JfrProfile.analyze(directServiceFile, 30);
        Map<String, Double> gatewayMs =
                JfrProfile.msPerRequestByLayer(gatewayAnalysis, routed.msPerRequest("gateway"), 2);
        Map<String, Double> routedMs =
                JfrProfile.msPerRequestByLayer(routedAnalysis, routed.msPerRequest("task-service"), 2);
        Map<String, Double> directMs =
                JfrProfile.msPerRequestByLayer(directAnalysis, direct.msPerRequest("task-service"), 2);
        profiles.put("gatewayLoad", routed.summary());
        profiles.put("directLoad", direct.summary());
        profiles.put("gateway", gatewayAnalysis);
        profiles.put("gatewayMsPerRequestByLayer", gatewayMs);
        profiles.put("taskServiceRouted", routedAnalysis);
        profiles.put("taskServiceRoutedMsPerRequestByLayer", routedMs);
        profiles.put("taskServiceDirect", directAnalysis);
        profiles.put("taskServiceDirectMsPerRequestByLayer", directMs);
        details.put("profile", profiles);
        report.result("profile.gateway: CPU ms per request by layer (net of idle)", gatewayMs);
        report.result("profile.gateway: Netty transport", gatewayAnalysis.get("nettyTransport"));
        report.result("profile.task-service through the gateway: CPU ms per request by layer", routedMs);
        report.result("profile.task-service direct: CPU ms per request by layer", directMs);
        report.note("JFR recordings: " + gatewayFile.getFileName() + ", " + routedServiceFile.getFileName() + ", "
                + directServiceFile.getFileName() + " (JDK Mission Control, or `jfr view hot-methods <file>`)");
    }

    /**
     * Waits until the gateway routes again (its circuit breaker closed after an earlier phase's failures): 20
     * answers 200 in a row, for at most 90 s; a wait is noted.
     */
    private static void settle(SuiteUnderTest suite, SuiteUnderTest.User user, Report report, String before)
            throws InterruptedException {
        TestHttp gateway = new TestHttp(suite.gatewayUrl());
        long start = System.nanoTime();
        int inARow = 0;
        int refused = 0;
        while (inARow < 20 && System.nanoTime() - start < Duration.ofSeconds(90).toNanos()) {
            if (gateway.get(PATH).bearer(user.token()).send().statusCode() == 200) {
                inARow++;
            } else {
                inARow = 0;
                refused++;
                Thread.sleep(1000);
            }
        }
        if (refused > 0) {
            report.note("Before " + before + " the gateway refused requests for "
                    + Math.round((System.nanoTime() - start) / 1e9) + " s (circuit breaker open); the phase started"
                    + (inARow >= 20 ? " once it routed again." : " anyway."));
        }
    }

    /**
     * Many more requests in flight on one route than any phase above: 64 connections for 5 s, last, as refusals
     * would open the route's circuit breaker. Spring Cloud's default bulkhead (25 per route) refused half of such
     * requests with 503 until the gateway turned it off; any 503 here says a concurrency limit is back.
     */
    private static void concurrencyProbe(
            SuiteUnderTest suite,
            SuiteUnderTest.User user,
            Report report,
            Map<String, Object> details,
            HttpLoadClient toGateway,
            Call gatewayCall)
            throws Exception {
        settle(suite, user, report, "the concurrency probe");
        System.out.println("Concurrency probe: 64 connections through the gateway...");
        LoadResult probe =
                ClosedLoad.run("gateway, 64 connections", toGateway, i -> gatewayCall, 64, Duration.ofSeconds(5));
        details.put("concurrencyProbe", probe.summary());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok (req/s)", LoadResult.round(probe.throughput(), 1));
        result.put("sent", probe.sent());
        result.put("errors", probe.errors());
        report.result("concurrency probe: 64 connections through the gateway, 5 s", result);
    }
}
