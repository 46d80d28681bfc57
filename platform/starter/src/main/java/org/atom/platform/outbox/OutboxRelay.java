package org.atom.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.atom.platform.events.CloudEvent;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes outbox rows to Kafka in outbox order and marks them sent.
 *
 * <p>Exactly one relay per schema is active: it holds a session-level advisory lock on a dedicated connection;
 * other instances stand by and take over when that connection goes away. The active relay LISTENs on the
 * schema's channel, which the outbox trigger notifies at commit, so events leave within milliseconds of the
 * commit rather than at the next poll. Delivery is at least once: a crash between send and mark re-sends rows,
 * and consumers deduplicate by event id.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** First half of the relay's advisory lock key ("OUTX"); the second is the schema's hash. */
    static final int RELAY_LOCK_NAMESPACE = 0x4f555458;

    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Counter published;
    private final Object pause = new Object();

    private volatile boolean running;
    private volatile boolean active;
    private volatile String channel;
    private Thread worker;
    private Instant nextPurge = Instant.MIN;

    public OutboxRelay(
            DataSource dataSource,
            Producer<String, String> producer,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("atom.outbox.published")
                .description("Outbox events published to Kafka")
                .register(meters);
    }

    /** Whether this instance currently holds the relay lock. */
    public boolean isActive() {
        return active;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            worker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        stop();
        producer.close(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (default phase) so requests in flight still get their events out. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (!tryLock(connection)) {
                    pause(properties.failoverCheckInterval());
                    continue;
                }
                try {
                    active = true;
                    log.info("Outbox relay active on channel {}", channel);
                    relay(connection);
                    backoff = Duration.ofMillis(100);
                } finally {
                    active = false;
                    release(connection);
                }
            } catch (Exception e) {
                if (running) {
                    log.warn("Outbox relay interrupted, retrying in {}: {}", backoff, e.toString());
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), properties.retryBackoffMax());
                }
            }
        }
    }

    /**
     * The connection goes back to the pool with its session still open: drop the lock and the LISTEN, or a standby
     * could never take over. If the connection is broken the session, and with it the lock, is gone anyway.
     */
    private static void release(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("UNLISTEN *");
            s.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            log.debug("Relay connection already closed: {}", e.toString());
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_schema(), pg_try_advisory_lock(" + RELAY_LOCK_NAMESPACE
                        + ", hashtext(current_schema()))")) {
            rs.next();
            channel = "outbox_" + rs.getString(1);
            return rs.getBoolean(2);
        }
    }

    private void relay(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN \"" + channel + "\"");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            int sent;
            try {
                sent = publishBatch(connection);
                backoff = Duration.ofMillis(100);
            } catch (KafkaUnavailable e) {
                log.warn(
                        "Kafka unavailable, outbox retry in {}: {}",
                        backoff,
                        e.getCause().toString());
                pg.getNotifications((int) backoff.toMillis()); // keeps the lock session alive while waiting
                backoff = min(backoff.multipliedBy(2), properties.retryBackoffMax());
                continue;
            }
            if (sent < properties.batchSize()) {
                purgeIfDue(connection);
                // returns at the next commit that wrote events, or after the poll interval
                pg.getNotifications((int) properties.pollInterval().toMillis());
            }
        }
    }

    private int publishBatch(Connection connection) throws SQLException, KafkaUnavailable {
        List<Long> positions = new ArrayList<>();
        List<Future<RecordMetadata>> results = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT position, topic, message_key, payload, traceparent FROM outbox_event"
                        + " WHERE sent_at IS NULL ORDER BY position LIMIT ?")) {
            select.setInt(1, properties.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("content-type", CloudEvent.MEDIA_TYPE.getBytes(StandardCharsets.UTF_8));
                    String traceparent = rs.getString("traceparent");
                    if (traceparent != null) {
                        headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
                    }
                    positions.add(rs.getLong("position"));
                    results.add(producer.send(new ProducerRecord<>(
                            rs.getString("topic"),
                            null,
                            rs.getString("message_key"),
                            rs.getString("payload"),
                            headers)));
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            markSent(connection, delivered(positions, results));
            throw new KafkaUnavailable(e);
        }
        producer.flush();
        List<Long> delivered = delivered(positions, results);
        markSent(connection, delivered);
        if (delivered.size() < positions.size()) {
            throw new KafkaUnavailable(failure(results.get(delivered.size())));
        }
        return delivered.size();
    }

    /** The leading rows that Kafka acknowledged; rows after the first failure are sent again later, in order. */
    private static List<Long> delivered(List<Long> positions, List<Future<RecordMetadata>> results) {
        List<Long> delivered = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Future<RecordMetadata> result = results.get(i);
            if (!result.isDone() || failure(result) != null) {
                break;
            }
            delivered.add(positions.get(i));
        }
        return delivered;
    }

    private static Throwable failure(Future<RecordMetadata> result) {
        try {
            result.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private void markSent(Connection connection, List<Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE outbox_event SET sent_at = ? WHERE position = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", positions.toArray());
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setArray(2, array);
            update.executeUpdate();
        }
        published.increment(positions.size());
    }

    private void purgeIfDue(Connection connection) throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE sent_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(properties.retention())));
            int purged = delete.executeUpdate();
            if (purged > 0) {
                log.debug("Purged {} sent outbox rows", purged);
            }
        }
    }

    private void pause(Duration duration) {
        synchronized (pause) {
            try {
                if (running) {
                    pause.wait(Math.max(1, duration.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the worker whether it waits on the monitor or for a notification. */
    private void wakeUp() {
        synchronized (pause) {
            pause.notifyAll();
        }
        String listening = channel;
        if (listening == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, 'stop')")) {
            notify.setString(1, listening);
            notify.execute();
        } catch (SQLException e) {
            log.debug("Could not wake the outbox relay: {}", e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final class KafkaUnavailable extends Exception {
        KafkaUnavailable(Throwable cause) {
            super(cause);
        }
    }
}
