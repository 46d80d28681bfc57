package org.atom.realtime.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.atom.realtime.config.RealtimeProperties;
import org.atom.realtime.delivery.CloseReason;
import org.atom.realtime.delivery.EventStreams;
import org.atom.realtime.delivery.RealtimeMetrics;
import org.atom.realtime.delivery.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The live connections of this instance: attaches them to their user's stream, runs their once-a-second checks
 * (token expiry, keep-alive), counts them, and on shutdown stops taking new ones and closes the rest with
 * {@code server_shutdown} after their queued frames are out (clients resume elsewhere).
 */
@Component
public class Connections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("connection-ticks").daemon().factory());
    private final EventStreams streams;
    private final RealtimeProperties properties;
    private final RealtimeMetrics metrics;
    private final Clock clock;
    private final int limit;
    private volatile boolean running;
    private volatile boolean draining;

    public Connections(
            EventStreams streams,
            RealtimeProperties properties,
            RealtimeMetrics metrics,
            Clock clock,
            MeterRegistry registry) {
        this.streams = streams;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.limit = properties.connectionLimit();
        log.info("Taking up to {} connections (atom.realtime.max-connections)", limit);
        Gauge.builder("atom.realtime.connections.limit", () -> limit)
                .description("Connections this instance takes before it refuses more")
                .register(registry);
        for (String protocol : List.of("socket.io", "websocket")) {
            Gauge.builder(
                            "atom.realtime.connections",
                            live,
                            set -> set.stream()
                                    .filter(c -> c.protocol().equals(protocol))
                                    .count())
                    .tag("protocol", protocol)
                    .description("Authenticated client connections")
                    .register(registry);
        }
        Gauge.builder("atom.realtime.buffered.events", streams, EventStreams::buffered)
                .description("Events held for resuming clients")
                .register(registry);
    }

    /**
     * Whether a new client is taken: null if so, else what to tell it (counted by reason). Refused while catching up
     * with Kafka, while shutting down, and at the connection limit — a soft limit: clients admitted at the same
     * moment may pass it by a few.
     */
    public String admit() {
        String reason;
        String message;
        if (draining) {
            reason = "shutting_down";
            message = "The server is shutting down; connect again";
        } else if (!streams.isCaughtUp()) {
            reason = "starting";
            message = "The server is not accepting connections yet; connect again";
        } else if (live.size() >= limit) {
            reason = "full";
            message = "The server is at its connection limit; connect again";
        } else {
            return null;
        }
        metrics.refused(reason);
        return message;
    }

    /** Registers an authenticated connection and attaches it to its user's stream, resuming if asked. */
    public Subscriber.Attach open(Connection connection, String resumeToken) {
        if (draining) {
            throw new RefusedException("The server is shutting down; connect again");
        }
        live.add(connection);
        return streams.attach(connection, resumeToken);
    }

    void closed(Connection connection, CloseReason reason) {
        if (live.remove(connection)) {
            streams.detach(connection);
            metrics.disconnected(reason);
        }
    }

    /** Runs a task off the caller's thread. */
    public void later(Runnable task) {
        executor.execute(task);
    }

    /** Runs a task about every {@code period} until shutdown (e.g. protocol housekeeping). */
    public void every(Duration period, Runnable task) {
        ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("Connection housekeeping failed", e);
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public ExecutorService executor() {
        return executor;
    }

    public RealtimeProperties properties() {
        return properties;
    }

    public RealtimeMetrics metrics() {
        return metrics;
    }

    public Instant now() {
        return clock.instant();
    }

    @Override
    public void start() {
        running = true;
        every(Duration.ofSeconds(1), () -> {
            Instant now = clock.instant();
            live.forEach(connection -> connection.tick(now));
        });
    }

    @Override
    public void stop() {
        draining = true;
        List<Connection> open = List.copyOf(live);
        open.forEach(connection -> connection.close(CloseReason.SERVER_SHUTDOWN));
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        while (System.nanoTime() < deadline && !open.stream().allMatch(Connection::terminated)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Closed {} connections for shutdown", open.size());
        ticker.shutdownNow();
        executor.shutdown();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (lower phases stop later), after the Kafka consumer. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
