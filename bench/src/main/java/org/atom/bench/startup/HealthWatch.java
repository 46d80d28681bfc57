package org.atom.bench.startup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Watches {@code ./atom up} from outside: for every component it announces ("Starting X on port N") it polls the
 * same health check the launcher uses — {@code SELECT 1} for PostgreSQL, a described cluster for Kafka, an actuator
 * health of {@code UP} for an application — every {@value #POLL_MS} ms, and records when its process started (from
 * {@code /proc}) and when it first answered healthy, both on the boot clock.
 */
final class HealthWatch implements AutoCloseable {

    static final long POLL_MS = 100;
    private static final Pattern STARTING = Pattern.compile("^Starting (\\S+) on port (\\d+)");
    private static final Duration GIVE_UP = Duration.ofSeconds(300);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * A component seen starting: its process, its start and its first healthy answer (boot clock, ms), and the CPU
     * time its process had used by then (ms).
     */
    record Observed(String name, int port, long pid, long started, long healthy, long cpuMs) {

        long startupMillis() {
            return healthy - started;
        }
    }

    private final AtomCli atom;
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    private final Map<String, Thread> watchers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HealthWatch(AtomCli atom) {
        this.atom = atom;
    }

    /** Feed with every output line of {@code ./atom up}. */
    void line(AtomCli.Line line) {
        Matcher starting = STARTING.matcher(line.text());
        if (starting.find()) {
            String name = starting.group(1);
            int port = Integer.parseInt(starting.group(2));
            watchers.computeIfAbsent(
                    name, n -> Thread.ofVirtual().name("watch-" + n).start(() -> watch(n, port)));
        }
    }

    /** Every component seen, once each answered healthy (waits up to {@code timeout} for the last ones). */
    Map<String, Observed> results(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread watcher : watchers.values()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                watcher.join(left);
            }
        }
        return Map.copyOf(observed);
    }

    private void watch(String name, int port) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        Long pid = null;
        try (Check check = check(name, port)) {
            while (!closed && System.nanoTime() < giveUp) {
                if (pid == null) {
                    pid = pidOf(name).orElse(null);
                }
                if (pid != null && check.healthy()) {
                    long healthy = Proc.now();
                    long cpu = Proc.cpuMillis(pid);
                    long started = Proc.startMillis(pid).orElse(-1L);
                    if (started >= 0) {
                        observed.put(name, new Observed(name, port, pid, started, healthy, cpu));
                    }
                    return;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Long> pidOf(String name) {
        try {
            return Optional.ofNullable(atom.pids().get(name));
        } catch (Exception notYetWritten) {
            return Optional.empty();
        }
    }

    private interface Check extends AutoCloseable {
        boolean healthy();

        @Override
        default void close() {}
    }

    private static Check check(String name, int port) {
        return switch (name) {
            case "postgres" ->
                () -> {
                    DriverManager.setLoginTimeout(2);
                    try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
                        return c.createStatement().execute("SELECT 1");
                    } catch (Exception notYet) {
                        return false;
                    }
                };
            case "kafka" ->
                new Check() {
                    private final Admin admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100));

                    @Override
                    public boolean healthy() {
                        try {
                            return !admin.describeCluster()
                                    .nodes()
                                    .get(3, TimeUnit.SECONDS)
                                    .isEmpty();
                        } catch (Exception notYet) {
                            if (notYet instanceof InterruptedException) {
                                Thread.currentThread().interrupt();
                            }
                            return false;
                        }
                    }

                    @Override
                    public void close() {
                        admin.close(Duration.ofSeconds(2));
                    }
                };
            default ->
                () -> {
                    try {
                        HttpResponse<String> response = HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                        .timeout(Duration.ofSeconds(3))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200 && response.body().contains("\"UP\"");
                    } catch (Exception notYet) {
                        if (notYet instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        return false;
                    }
                };
        };
    }

    @Override
    public void close() {
        closed = true;
        watchers.values().forEach(Thread::interrupt);
    }
}
