package org.atom.platform.kafka;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in {@code processed_event} in the
 * same transaction as the effect, so a redelivered event (Kafka is at-least-once) changes nothing.
 */
public class IdempotentConsumer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public IdempotentConsumer(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs the effect unless this consumer already processed the event.
     *
     * @param consumer a stable name of the consuming feature, e.g. {@code user-read-model}
     * @return true if the effect ran, false for a duplicate
     */
    public boolean runOnce(String consumer, String eventId, Runnable effect) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            // a concurrent delivery of the same id waits here until the first commits, then sees the conflict
            int inserted = jdbc.update(
                    "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    consumer,
                    eventId,
                    Timestamp.from(clock.instant()));
            if (inserted == 0) {
                return false;
            }
            effect.run();
            return true;
        }));
    }

    /** Forgets ids older than the retention; returns how many were removed. */
    public int purge(Duration retention) {
        return jdbc.update(
                "DELETE FROM processed_event WHERE processed_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
    }
}
