package org.atom.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.atom.bench.Benchmark;
import org.atom.bench.Report;
import org.atom.testkit.Ports;
import org.atom.testkit.Processes;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run startup [--full]}: time from process start to healthy and RSS after a small warm-up, for every
 * component and for the whole {@code ./atom up}, without and with the JDK 25 AOT caches ({@code bench/README.md},
 * section "Start-up and memory").
 *
 * <p>One fresh suite home per benchmark run, on one fixed port offset. First {@code ./atom up --aot} trains the caches
 * (and does the home's first-run work: initdb, keys, the Kafka format; it builds missing jars too) — preparation, timed
 * but not part of the start-up numbers. Then {@code N} repetitions of both variants in ABBA order on that same warm
 * home: for "no AOT" the launcher's cache folder is moved aside (it then starts every JVM without
 * {@code -XX:AOTCache}), for "AOT" it is put back. Each repetition: {@code ./atom up --detach} watched from outside,
 * warm-up through the gateway, RSS, {@code ./atom down}, check that no process is left. In full mode a last run with
 * {@code -XX:NativeMemoryTracking=summary} (through {@code JAVA_TOOL_OPTIONS}, which every JVM the launcher starts
 * inherits) tells where each JVM's memory goes; its numbers are kept apart from the measured ones.
 */
public final class StartupBenchmark implements Benchmark {

    static final String NO_AOT = "no AOT";
    static final String AOT = "AOT";
    /** Optional third variant: AOT plus the environment of {@code BENCH_STARTUP_WHATIF}, to try a fix first. */
    static final String WHAT_IF = "what-if";
    /** The target for each service after warm-up. */
    static final double TARGET_MB = 300;

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(7);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);
    /** After the warm-up, before reading memory: outbox relays and Kafka consumers finish their work. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private static final List<Integer> DEFAULT_PORTS = List.of(
            15432, 19092, 19093, 8761, 8888, 8080, 8081, 8082, 8083, 8084, 8085, 8086, 8087, 8088, 8089, 8090, 8091);
    private static final Pattern SPRING_STARTED =
            Pattern.compile("Started \\S+ in [\\d.]+ seconds \\(process running for ([\\d.]+)\\)");
    private static final Pattern TRAINING = Pattern.compile("training the AOT cache of (\\S+)");

    /** One component in one repetition. */
    record ComponentSample(
            String name,
            int port,
            long pid,
            long startupMs,
            long cpuToHealthyMs,
            long startedAtMs,
            long healthyAtMs,
            Double springRunningForS,
            List<String> jvmFlags,
            Boolean aotCacheMapped,
            Proc.Memory atHealthy,
            Proc.Memory afterWarmup,
            Proc.Memory serverProcesses) {}

    /** One {@code ./atom up} … {@code ./atom down}. */
    record Sample(
            String variant,
            int repetition,
            long upMs,
            long allHealthyMs,
            long downMs,
            Warmup.Result warmup,
            List<ComponentSample> components,
            List<Long> leftAfterDown) {

        Optional<ComponentSample> component(String name) {
            return components.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        Proc.Memory total() {
            return components.stream().map(ComponentSample::afterWarmup).reduce(Proc.Memory.NONE, Proc.Memory::plus);
        }
    }

    /** The preparation run: {@code ./atom up --aot} on the fresh home. */
    record Training(
            long upMs,
            Long buildMs,
            Map<String, Long> trainingMs,
            Map<String, Long> cacheBytes,
            List<String> failures,
            long downMs) {}

    /** The NMT run: each JVM's memory by use, after the same warm-up. */
    record Diagnosis(
            String variant,
            Map<String, NativeMemory.Breakdown> jvms,
            Map<String, Proc.Memory> rss,
            Proc.Memory postgresServer,
            Map<String, Long> startupMs,
            Map<String, List<String>> jvmFlags) {}

    @Override
    public void run(boolean full, Report report) throws Exception {
        Path root = report.root();
        int repetitions = intEnv("BENCH_STARTUP_REPETITIONS", full ? 3 : 1);
        boolean aotSupported = Runtime.version().feature() >= 25;
        boolean diagnose = "1".equals(System.getenv().getOrDefault("BENCH_STARTUP_NMT", full ? "1" : "0"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path home = root.resolve("bench/target/startup-" + stamp);
        int offset = offset();
        AtomCli atom = new AtomCli(root, home, offset);
        Map<String, String> whatIf = whatIf(System.getenv("BENCH_STARTUP_WHATIF"));
        List<String> variants = new ArrayList<>(List.of(NO_AOT));
        if (aotSupported) {
            variants.add(AOT);
        }
        if (!whatIf.isEmpty()) {
            variants.add(WHAT_IF);
            report.setting(
                    "what-if",
                    (aotSupported ? "AOT + " : "") + "environment " + whatIf
                            + " (BENCH_STARTUP_WHATIF; JAVA_TOOL_OPTIONS reaches every JVM ./atom starts, Kafka's and"
                            + " PostgreSQL's runners too)");
        }

        report.setting("repetitions per variant", repetitions)
                .setting("variants", String.join(", ", variants))
                .setting(
                        "order",
                        "ABBA: repetition 1 " + String.join(", ", variants) + ", repetition 2 the reverse, and so on")
                .setting(
                        "home",
                        "one fresh ATOM_HOME for the benchmark run (" + root.relativize(home)
                                + "); both variants on it, warm (initdb, keys and Kafka format done by the training"
                                + " run); no AOT = its aot/ folder moved aside, AOT = put back")
                .setting("ATOM_PORT_OFFSET", offset)
                .setting(
                        "start-up",
                        "per component: process start (/proc/<pid>/stat) → first healthy answer to ./atom's own check,"
                                + " polled every " + HealthWatch.POLL_MS + " ms (SELECT 1, Kafka describeCluster,"
                                + " actuator health UP); whole suite: wall time of ./atom up --detach (returns once every"
                                + " component is healthy and the gateway routes to every service)")
                .setting(
                        "warm-up",
                        "through the gateway: register + login, " + Warmup.TASKS + " tasks created and listed "
                                + Warmup.LISTS + "×, " + Warmup.EVENTS + " events created and their month listed "
                                + Warmup.LISTS + "×; then " + SETTLE.toSeconds() + " s")
                .setting(
                        "RSS",
                        "VmRSS of /proc/<pid>/status after the warm-up; PostgreSQL = runner JVM + every postgres"
                                + " process (their shared buffers count once per process in RSS, once in PSS)");

        Thread hook = new Thread(() -> stopEverything(atom, new ArrayList<>()), "bench-startup-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Sample> samples = new ArrayList<>();
        List<String> cleanupNotes = new ArrayList<>();
        Training training = null;
        List<Diagnosis> diagnoses = new ArrayList<>();
        boolean completed = false;
        try {
            Path aot = home.resolve("aot");
            Path parked = home.resolve("aot-parked");
            if (aotSupported) {
                training = train(atom);
                Files.move(aot, parked);
            }
            for (int r = 1; r <= repetitions; r++) {
                List<String> order = new ArrayList<>(variants);
                if (r % 2 == 0) {
                    order = order.reversed();
                }
                for (String variant : order) {
                    boolean caches = aotSupported && !variant.equals(NO_AOT);
                    if (caches) {
                        Files.move(parked, aot);
                    }
                    samples.add(measure(atom, variant, r, variant.equals(WHAT_IF) ? whatIf : Map.of()));
                    if (caches) {
                        Files.move(aot, parked);
                    }
                }
            }
            if (diagnose) {
                // a failed breakdown must not cost the measured samples: noted, and the report is written anyway
                try {
                    diagnoses.add(diagnose(atom, NO_AOT));
                    if (aotSupported) {
                        Files.move(parked, aot);
                        diagnoses.add(diagnose(atom, AOT));
                    }
                } catch (Exception e) {
                    cleanupNotes.add("the memory breakdown (NMT) run failed: " + e.getMessage());
                    stopEverything(atom, cleanupNotes);
                }
            }
            completed = true;
        } finally {
            stopEverything(atom, cleanupNotes);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }

        Summary summary = new Summary(samples, variants, training, diagnoses, aotSupported);
        summary.fill(report);
        cleanupNotes.forEach(report::note);
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        Path tables = results.resolve("startup-" + stamp + "-tables.md");
        Files.writeString(tables, summary.markdown(report, full, repetitions, offset));
        Path raw = results.resolve("startup-" + stamp + "-raw.json");
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("training", training);
        all.put("samples", samples);
        all.put("diagnoses", diagnoses);
        Files.writeString(
                raw,
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(all));
        report.note("Tables: " + root.relativize(tables) + "; every sample: " + root.relativize(raw));
        System.out.println(Files.readString(tables));
        if (completed && !"1".equals(System.getenv("BENCH_STARTUP_KEEP_HOME"))) {
            // keep the logs and transcripts; drop the data and the caches (~1 GB)
            deleteTree(home.resolve("data"));
            deleteTree(home.resolve("aot"));
            deleteTree(home.resolve("aot-parked"));
        }
    }

    /** {@code ./atom up --detach --aot} on the fresh home, timing the training of each cache; then down. */
    private Training train(AtomCli atom) throws Exception {
        System.out.println("[startup] preparation: ./atom up --detach --aot (trains the AOT caches) in " + atom.home());
        AtomCli.Run up =
                atom.run(TRAINING_TIMEOUT, line -> System.out.println("  | " + line.text()), "up", "--detach", "--aot");
        if (up.exit() != 0) {
            throw new IllegalStateException("./atom up --aot failed:\n" + up.output());
        }
        Long buildStart = null;
        Long buildMs = null;
        Map<String, Long> trainingMs = new LinkedHashMap<>();
        Map<String, Long> cacheBytes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<AtomCli.Line> lines = up.lines();
        long wallMinusBoot = System.currentTimeMillis() - Proc.now();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (text.startsWith("Building ") && buildStart == null) {
                buildStart = lines.get(i).at();
            }
            if (text.startsWith("Starting ") && buildStart != null && buildMs == null) {
                buildMs = lines.get(i).at() - buildStart;
            }
            if (text.contains("no AOT cache for")) {
                failures.add(text.trim());
            }
            Matcher training = TRAINING.matcher(text);
            if (training.find()) {
                String name = training.group(1);
                Optional<Path> cache = cacheOf(atom.home().resolve("aot"), name);
                if (cache.isPresent()) {
                    long writtenBoot = Files.getLastModifiedTime(cache.get()).toMillis() - wallMinusBoot;
                    trainingMs.put(name, writtenBoot - lines.get(i).at());
                    cacheBytes.put(name, Files.size(cache.get()));
                }
            }
        }
        long downMs = down(atom, new ArrayList<>());
        return new Training(up.millis(), buildMs, trainingMs, cacheBytes, failures, downMs);
    }

    private static Optional<Path> cacheOf(Path dir, String component) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(component + "-")
                            && f.getFileName().toString().endsWith(".aot")
                            && f.getFileName()
                                    .toString()
                                    .substring(component.length() + 1)
                                    .matches("[0-9a-f]+(-[0-9a-f]+)+\\.aot")) // <jar size>-<jar time>-<options>
                    .findFirst();
        }
    }

    /** One repetition of one variant: up, warm-up, memory, down. */
    private Sample measure(AtomCli atom, String variant, int repetition, Map<String, String> extraEnv)
            throws Exception {
        System.out.printf("[startup] repetition %d, %s: ./atom up --detach%n", repetition, variant);
        Map<String, Long> logSizes = logSizes(atom.home());
        AtomCli.Run up;
        Map<String, HealthWatch.Observed> observed;
        atom.environment().putAll(extraEnv);
        try (HealthWatch watch = new HealthWatch(atom)) {
            up = atom.run(UP_TIMEOUT, watch::line, "up", "--detach");
            if (up.exit() != 0) {
                throw new IllegalStateException("./atom up (" + variant + ") failed:\n" + up.output());
            }
            observed = watch.results(Duration.ofSeconds(15));
        } finally {
            extraEnv.keySet().forEach(atom.environment()::remove);
        }
        Map<String, Long> pids = atom.pids();
        Map<String, Proc.Memory> atHealthy = new LinkedHashMap<>();
        pids.forEach((name, pid) -> atHealthy.put(name, memoryOf(atom, name, pid)));

        int gatewayPort =
                observed.containsKey("gateway") ? observed.get("gateway").port() : 8080 + atom.offset();
        Warmup.Result warmup = Warmup.run(gatewayPort);
        Thread.sleep(SETTLE.toMillis());

        List<ComponentSample> components = new ArrayList<>();
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            String name = entry.getKey();
            long pid = entry.getValue();
            HealthWatch.Observed seen = observed.get(name);
            Boolean mapped = null;
            if (!variant.equals(NO_AOT) && !name.equals("postgres") && !name.equals("kafka")) {
                mapped = cacheOf(atom.home().resolve("aot"), name)
                        .map(cache -> Proc.maps(pid, cache))
                        .orElse(false);
            }
            components.add(new ComponentSample(
                    name,
                    seen == null ? 0 : seen.port(),
                    pid,
                    seen == null ? -1 : seen.startupMillis(),
                    seen == null ? -1 : seen.cpuMs(),
                    seen == null ? -1 : seen.started() - up.start(),
                    seen == null ? -1 : seen.healthy() - up.start(),
                    springRunningFor(atom.home(), name, logSizes.getOrDefault(name, 0L)),
                    Proc.jvmFlags(pid),
                    mapped,
                    atHealthy.get(name),
                    memoryOf(atom, name, pid),
                    name.equals("postgres") ? Proc.memory(postgresServer(atom)) : null));
        }
        components.sort(Comparator.comparingLong(ComponentSample::startedAtMs));
        long allHealthy = components.stream()
                .mapToLong(ComponentSample::healthyAtMs)
                .max()
                .orElse(-1);
        List<Long> left = new ArrayList<>();
        long downMs = down(atom, left);
        Sample sample = new Sample(variant, repetition, up.millis(), allHealthy, downMs, warmup, components, left);
        System.out.printf(
                "[startup]   up %.1f s, RSS sum %.0f MB, warm-up %d requests (%d failed), down %.1f s%n",
                sample.upMs() / 1000.0,
                sample.total().rssMb(),
                warmup.requests(),
                warmup.failures().size(),
                downMs / 1000.0);
        return sample;
    }

    /** An NMT run of one variant: up with NMT, the same warm-up, then each JVM's memory by use. */
    private Diagnosis diagnose(AtomCli atom, String variant) throws Exception {
        System.out.println("[startup] diagnosis, " + variant
                + ": ./atom up --detach with JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary");
        atom.environment().put("JAVA_TOOL_OPTIONS", "-XX:NativeMemoryTracking=summary");
        try {
            Map<String, HealthWatch.Observed> observed;
            try (HealthWatch watch = new HealthWatch(atom)) {
                AtomCli.Run up = atom.run(UP_TIMEOUT, watch::line, "up", "--detach");
                if (up.exit() != 0) {
                    throw new IllegalStateException("./atom up with NMT failed:\n" + up.output());
                }
                observed = watch.results(Duration.ofSeconds(15));
            }
            int gatewayPort =
                    observed.containsKey("gateway") ? observed.get("gateway").port() : 8080 + atom.offset();
            Warmup.run(gatewayPort);
            Thread.sleep(SETTLE.toMillis());
            Map<String, Proc.Memory> rss = new LinkedHashMap<>();
            Map<String, List<String>> flags = new LinkedHashMap<>();
            Map<String, NativeMemory.Breakdown> jvms = new LinkedHashMap<>();
            Map<String, Long> startup = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : atom.pids().entrySet()) {
                // RSS first: attaching jcmd adds a thread and some memory
                rss.put(entry.getKey(), Proc.memory(entry.getValue()));
                flags.put(entry.getKey(), Proc.jvmFlags(entry.getValue()));
                Optional.ofNullable(observed.get(entry.getKey()))
                        .ifPresent(o -> startup.put(entry.getKey(), o.startupMillis()));
            }
            for (Map.Entry<String, Long> entry : atom.pids().entrySet()) {
                jvms.put(entry.getKey(), NativeMemory.of(entry.getValue(), atom.home()));
            }
            Proc.Memory server = Proc.memory(postgresServer(atom));
            down(atom, new ArrayList<>());
            return new Diagnosis(variant, jvms, rss, server, startup, flags);
        } finally {
            atom.environment().remove("JAVA_TOOL_OPTIONS");
        }
    }

    /** The component's memory: its process tree; for PostgreSQL also the server's processes (not its children). */
    private static Proc.Memory memoryOf(AtomCli atom, String name, long pid) {
        Proc.Memory own = Proc.memory(Proc.tree(pid));
        return name.equals("postgres") ? own.plus(Proc.memory(postgresServer(atom))) : own;
    }

    /** The PostgreSQL server's processes: the postmaster (from its pid file) and its children. */
    private static List<Long> postgresServer(AtomCli atom) {
        Path pidFile = atom.home().resolve("data/postgres/postmaster.pid");
        try {
            long postmaster =
                    Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return Proc.tree(postmaster);
        } catch (IOException | RuntimeException notRunning) {
            return List.of();
        }
    }

    /** Spring Boot's own "process running for" of the start that was just logged (a load-free cross-check). */
    private static Double springRunningFor(Path home, String name, long from) {
        Path log = home.resolve("logs").resolve(name + ".log");
        try {
            byte[] all = Files.readAllBytes(log);
            String fresh = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from));
            Matcher m = SPRING_STARTED.matcher(fresh);
            Double last = null;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (IOException | RuntimeException noLog) {
            return null;
        }
    }

    private static Map<String, Long> logSizes(Path home) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        Path logs = home.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.toList()) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".log")) {
                        sizes.put(file.substring(0, file.length() - 4), Files.size(f));
                    }
                }
            }
        }
        return sizes;
    }

    /**
     * {@code ./atom down}, then waits until no process of this run is left; ends any that is (each by its pid) and
     * records it in {@code left}. Returns how long {@code ./atom down} took.
     */
    private static long down(AtomCli atom, List<Long> left) throws Exception {
        AtomCli.Run down = atom.run(DOWN_TIMEOUT, null, "down");
        if (down.exit() != 0) {
            System.out.println("[startup] ./atom down failed:\n" + down.output());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Long> remaining = Proc.withAtomHome(atom.home());
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            remaining = Proc.withAtomHome(atom.home());
        }
        for (long pid : remaining) {
            left.add(pid);
            System.out.println("[startup] still running after ./atom down, ending it: " + pid + " "
                    + String.join(" ", Proc.commandLine(pid)));
            ProcessHandle.of(pid).ifPresent(p -> Processes.terminate(p, Duration.ofSeconds(10)));
        }
        return down.millis();
    }

    /** Whatever happened: {@code ./atom down}, then nothing of this run may be left running. */
    private static void stopEverything(AtomCli atom, List<String> notes) {
        try {
            if (!Files.exists(atom.home())) {
                return;
            }
            List<Long> left = new ArrayList<>();
            down(atom, left);
            if (!left.isEmpty()) {
                notes.add("./atom down left processes " + left + " running at the end; the benchmark ended them");
            }
        } catch (Exception e) {
            notes.add("stopping the suite failed: " + e);
            System.err.println("[startup] stopping the suite failed: " + e);
        }
    }

    /** A port offset under which every default port of the suite is free, below the ephemeral port range. */
    private static int offset() {
        String fixed = System.getenv("BENCH_STARTUP_PORT_OFFSET");
        if (fixed != null) {
            return Integer.parseInt(fixed);
        }
        for (int offset = 3000; offset < 13000; offset += 137) {
            int candidate = offset;
            if (DEFAULT_PORTS.stream().allMatch(port -> Ports.isFree(port + candidate))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset between 3000 and 13000");
    }

    /** {@code NAME=value|NAME=value} → the environment of the what-if variant. */
    static Map<String, String> whatIf(String spec) {
        Map<String, String> env = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return env;
        }
        for (String entry : spec.split("\\|")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("BENCH_STARTUP_WHATIF: expected NAME=value|NAME=value, got " + spec);
            }
            env.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return env;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    static String mb(double mb) {
        return String.format(Locale.ROOT, "%.0f", mb);
    }
}
