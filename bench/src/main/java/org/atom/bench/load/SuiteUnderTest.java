package org.atom.bench.load;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atom.bench.Report;
import org.atom.testkit.AtomSuite;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite a benchmark loads: either started by the benchmark ({@code ./atom up --detach} on free ports, with a
 * data folder of its own under {@code bench/target/}, stopped at the end), or a running one reused when
 * {@code ATOM_BENCH_GATEWAY_URL} is set (bench/README.md). Also what every benchmark needs from it: users with
 * tokens, tasks, the process ids of its components, a superuser connection to its PostgreSQL.
 */
public final class SuiteUnderTest implements AutoCloseable {

    /** Reuse a running suite: its gateway, e.g. {@code http://127.0.0.1:8080}. */
    public static final String GATEWAY_URL = "ATOM_BENCH_GATEWAY_URL";
    /** With {@link #GATEWAY_URL}: task-service's URL (default: the gateway's port + 2, as ./atom lays ports out). */
    public static final String TASK_SERVICE_URL = "ATOM_BENCH_TASK_SERVICE_URL";
    /** With {@link #GATEWAY_URL}: PostgreSQL's port (default: the gateway's port + 7352, i.e. 15432 for 8080). */
    public static final String POSTGRES_PORT = "ATOM_BENCH_POSTGRES_PORT";
    /** With {@link #GATEWAY_URL}: realtime-service's URL (default: the gateway's port + 11). */
    public static final String REALTIME_SERVICE_URL = "ATOM_BENCH_REALTIME_SERVICE_URL";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct-Horse-battery-9";

    private final AtomSuite suite;
    private final String gatewayUrl;
    private final String taskServiceUrl;
    private final String authServiceUrl;
    private final String realtimeServiceUrl;
    private final int postgresPort;
    private final Path home;

    /** A registered user: id (the token's subject) and access token (valid 15 minutes). */
    public record User(String id, String token) {}

    private SuiteUnderTest(
            AtomSuite suite,
            String gatewayUrl,
            String taskServiceUrl,
            String authServiceUrl,
            String realtimeServiceUrl,
            int postgresPort,
            Path home) {
        this.suite = suite;
        this.gatewayUrl = gatewayUrl;
        this.taskServiceUrl = taskServiceUrl;
        this.authServiceUrl = authServiceUrl;
        this.realtimeServiceUrl = realtimeServiceUrl;
        this.postgresPort = postgresPort;
        this.home = home;
    }

    /**
     * Reuses the suite named by {@link #GATEWAY_URL}, or starts one with {@code environment} added (e.g. raised rate
     * limits); either way the settings go into the report.
     */
    public static SuiteUnderTest startOrReuse(Report report, Map<String, String> environment) throws IOException {
        String gateway = System.getenv(GATEWAY_URL);
        if (gateway != null && !gateway.isBlank()) {
            gateway = gateway.replaceAll("/+$", "");
            int gatewayPort = URI.create(gateway).getPort();
            String task = env(TASK_SERVICE_URL, "http://127.0.0.1:" + (gatewayPort + 2));
            int postgres = Integer.parseInt(env(POSTGRES_PORT, Integer.toString(gatewayPort + 15432 - 8080)));
            String homeVariable = System.getenv("ATOM_HOME");
            Path home =
                    homeVariable != null ? Path.of(homeVariable) : report.root().resolve(".atom");
            report.setting("suite", "reused (" + GATEWAY_URL + "=" + gateway + "), not restarted");
            String realtime = env(REALTIME_SERVICE_URL, "http://127.0.0.1:" + (gatewayPort + 11));
            report.setting("suite.taskService", task);
            report.setting("suite.postgresPort", postgres);
            report.setting(
                    "suite.environment",
                    "as started by its owner; the benchmark needs " + environment + ", or equivalent");
            return new SuiteUnderTest(
                    null,
                    gateway,
                    task,
                    "http://127.0.0.1:" + (gatewayPort + 1),
                    realtime,
                    postgres,
                    Files.isRegularFile(home.resolve("state.properties")) ? home : null);
        }
        AtomSuite suite =
                AtomSuite.prepare(report.root(), report.root().resolve("bench").resolve("target"));
        suite.environment().putAll(environment);
        long started = System.nanoTime();
        System.out.println("Starting the suite (./atom up --detach, port offset " + suite.offset() + ")...");
        suite.up();
        report.setting(
                "suite",
                "started by the benchmark: ./atom up --detach, ports +" + suite.offset() + ", home " + suite.home()
                        + " (up in " + Math.round((System.nanoTime() - started) / 1e9) + " s)");
        report.setting("suite.environment", new java.util.TreeMap<>(suite.environment()));
        java.util.Map<String, String> javaOptions = new java.util.TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("ATOM_") && name.endsWith("JAVA_OPTIONS")) {
                javaOptions.put(name, value);
            }
        });
        report.setting(
                "suite.jvms",
                "as ./atom starts them (devstack Stack.HEAP and JavaCommand), with these from the environment: "
                        + (javaOptions.isEmpty() ? "none" : javaOptions));
        return new SuiteUnderTest(
                suite,
                "http://127.0.0.1:" + suite.port(AtomSuite.GATEWAY),
                "http://127.0.0.1:" + suite.port(8082),
                "http://127.0.0.1:" + suite.port(AtomSuite.AUTH_SERVICE),
                "http://127.0.0.1:" + suite.port(AtomSuite.REALTIME_SERVICE),
                suite.port(AtomSuite.POSTGRES),
                suite.home());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback.replaceAll("/+$", "") : value.replaceAll("/+$", "");
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public String taskServiceUrl() {
        return taskServiceUrl;
    }

    public String realtimeServiceUrl() {
        return realtimeServiceUrl;
    }

    /** A component's log in the suite's data folder ({@code logs/<name>.log}), when the folder is known. */
    public Optional<Path> log(String component) {
        return home == null
                ? Optional.empty()
                : Optional.of(home.resolve("logs").resolve(component + ".log")).filter(Files::isRegularFile);
    }

    public int postgresPort() {
        return postgresPort;
    }

    /** Whether the benchmark started this suite (and so may restart its parts). */
    public boolean owned() {
        return suite != null;
    }

    /**
     * Registers a new user through the gateway ({@code POST /api/auth/register}, as a client would); when the
     * gateway's per-IP budget for registrations is spent (429), directly at auth-service.
     */
    public User register(String name) {
        String body = "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Bench\"}"
                .formatted(name + "-" + UUID.randomUUID() + "@bench.atom.test", PASSWORD);
        HttpResponse<String> response =
                new TestHttp(gatewayUrl).post("/api/auth/register", body).send();
        if (response.statusCode() == 429) {
            response = new TestHttp(authServiceUrl)
                    .post("/api/auth/register", body)
                    .send();
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "registering a user answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        return new User(
                json.path("user").path("id").asString(),
                json.path("accessToken").asString());
    }

    /** Creates {@code count} top-level tasks of the user, directly at task-service. */
    public void createTasks(User user, int count) {
        TestHttp task = new TestHttp(taskServiceUrl);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = task.post(
                            "/api/tasks",
                            "{\"title\":\"Bench task %d\",\"description\":\"A task the benchmark made\",\"priority\":\"medium\",\"tags\":[\"bench\"]}"
                                    .formatted(i))
                    .bearer(user.token())
                    .send();
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "creating a task answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /**
     * Waits until {@code GET path} answers 200 at {@code baseUrl} (e.g. the gateway, until its load balancer knows
     * task-service), and returns that response.
     */
    public HttpResponse<String> awaitOk(String baseUrl, String path, User user, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = new TestHttp(baseUrl).get(path).bearer(user.token()).send();
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("GET " + baseUrl + path + " did not answer 200 within " + timeout
                + (last == null ? "" : "; last: " + last.statusCode() + " " + last.body()));
    }

    /** A superuser connection (./atom's PostgreSQL trusts {@code postgres} from 127.0.0.1, see devstack). */
    public Connection postgres() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
    }

    /**
     * The process ids of the suite's components from its data folder ({@code state.properties}), when known (a
     * reused suite: from {@code ATOM_HOME}, default {@code .atom/}).
     */
    public Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (home == null) {
            return pids;
        }
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve("state.properties"))) {
            state.load(in);
        }
        for (String key : state.stringPropertyNames()) {
            if (key.endsWith(".pid")) {
                long pid = Long.parseLong(state.getProperty(key).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pids.put(key.substring(0, key.length() - 4), pid);
                }
            }
        }
        return pids;
    }

    /** The PostgreSQL server's main process (its backends are its children), from its data directory. */
    public Optional<Long> postmasterPid() {
        try (Connection c = postgres();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            Path pidFile = Path.of(rs.getString(1), "postmaster.pid");
            return Optional.of(
                    Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
        } catch (SQLException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The components to measure CPU of: the benchmark's own JVM ({@code client}, with the processes it ran, e.g.
     * pgbench), those of the suite named (e.g. gateway, task-service; {@code postgres} is the server with its
     * backends), and the rest of the suite together, when their process ids are known.
     */
    public ProcessCpu cpu(String... names) throws IOException {
        Map<String, ProcessCpu.Component> components = new LinkedHashMap<>();
        if (!ProcessCpu.available()) {
            return new ProcessCpu(components);
        }
        components.put(
                "client", new ProcessCpu.Component(ProcessHandle.current().pid(), true));
        Map<String, Long> pids = new LinkedHashMap<>(pids());
        for (String name : names) {
            if (name.equals("postgres")) {
                postmasterPid().ifPresent(pid -> components.put(name, new ProcessCpu.Component(pid, true)));
            } else if (pids.containsKey(name)) {
                components.put(name, new ProcessCpu.Component(pids.remove(name), false));
            }
        }
        if (!pids.isEmpty()) {
            // Kafka, the other services, discovery …: work the requests cause elsewhere (events), and background
            components.put("rest of the suite", new ProcessCpu.Component(List.copyOf(pids.values()), false));
        }
        return new ProcessCpu(components);
    }

    /** Runs {@code ./atom <args>} against the suite the benchmark started. */
    public AtomSuite.Result atom(int timeoutSeconds, String... args) {
        if (suite == null) {
            throw new IllegalStateException("a reused suite is not restarted by the benchmark");
        }
        return suite.atom(timeoutSeconds, args);
    }

    /** Versions the numbers depend on: Spring Boot and Spring Cloud (root pom), the load client, PostgreSQL. */
    public Map<String, Object> versions(Path root) {
        Map<String, Object> versions = new LinkedHashMap<>();
        try {
            String pom = Files.readString(root.resolve("pom.xml"));
            versions.put("springBoot", match(pom, "spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)"));
            versions.put("springCloud", match(pom, "<spring-cloud.version>([^<]+)"));
        } catch (IOException e) {
            versions.put("pom", "unreadable: " + e);
        }
        versions.put("loadClient", "Reactor Netty " + jarVersion(reactor.netty.http.client.HttpClient.class));
        try (Connection c = postgres();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            versions.put("postgres", rs.getString(1));
        } catch (SQLException e) {
            versions.put("postgres", "unknown: " + e.getMessage());
        }
        return versions;
    }

    /** The CPU model and load average, to tell a busy machine from a quiet one. */
    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    machine.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        machine.put(
                "loadAverageAtStart",
                LoadResult.round(
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(),
                        2));
        return machine;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).trim() : "?";
    }

    private static String jarVersion(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        String location =
                type.getProtectionDomain().getCodeSource().getLocation().getPath();
        Matcher m = Pattern.compile("-(\\d[^/]*)\\.jar$").matcher(location);
        return m.find() ? m.group(1) : "?";
    }

    /** Writes a benchmark's detailed numbers next to its report: {@code bench/results/<name>-details-<time>.json}. */
    public static Path writeDetails(Path root, String name, Map<String, Object> details) throws IOException {
        Path dir = root.resolve("bench").resolve("results");
        Files.createDirectories(dir);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        Path file = dir.resolve(name + "-details-" + stamp + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(details));
        return file;
    }

    /**
     * Stops the suite if the benchmark started it, and then deletes its data (hundreds of MB after the database
     * benchmark); its logs stay in its home under {@code bench/target/}.
     */
    @Override
    public void close() {
        if (suite != null) {
            System.out.println("Stopping the suite (./atom down)...");
            suite.close();
            Path data = suite.home().resolve("data");
            try (var paths = Files.walk(data)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.err.println("could not delete " + data + ": " + e);
            }
        }
    }
}
