package org.atom.task.reminder;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.atom.task.config.ReminderProperties;
import org.atom.task.publishing.ReminderEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the reminders that have come due, on every instance. Each batch is one transaction: claim due rows that
 * no one else holds ({@code FOR UPDATE SKIP LOCKED}), record one event per occurrence in the outbox, mark them
 * fired. Two scanners never claim the same row, a crash before commit leaves the rows due for the next scan, and
 * the event id is the occurrence's own ({@link ReminderEvents#eventId}), so whatever still records an occurrence
 * twice (a retry, an instance whose clock lags re-arming it) yields one event. Delivery stays at least once.
 */
@Component
class ReminderFiring {

    private static final Logger log = LoggerFactory.getLogger(ReminderFiring.class);

    /**
     * How long a batch waits for a lock (the outbox's per-user lock) before giving way. Below PostgreSQL's default
     * {@code deadlock_timeout} (1 s): a task change holding that user's lock and waiting for a reminder row this
     * batch claimed is a deadlock, and the scanner, not the user's request, must be the one to roll back.
     */
    static final Duration LOCK_WAIT = Duration.ofMillis(500);

    private static final String LOCK_NOT_AVAILABLE = "55P03", DEADLOCK_DETECTED = "40P01";

    private final ReminderRepository reminders;
    private final ReminderEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;

    ReminderFiring(
            ReminderRepository reminders,
            ReminderEvents events,
            PlatformTransactionManager transactions,
            Clock clock,
            ReminderProperties properties) {
        this.reminders = reminders;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.batchSize = properties.batchSize();
    }

    /** Fires every due reminder this instance can claim, batch after batch; returns how many it fired. */
    int fireDue() {
        int fired = 0;
        while (true) {
            Integer batch;
            try {
                batch = transactions.execute(status -> fireBatch());
            } catch (DataAccessException e) {
                if (!gaveWay(e)) {
                    throw e;
                }
                // rolled back: the batch's reminders stay due and fire on the next scan
                log.info(
                        "Reminder batch gave way to a concurrent change: {}",
                        e.getMostSpecificCause().toString());
                return fired;
            }
            fired += batch;
            if (batch < batchSize) {
                return fired;
            }
        }
    }

    /** Whether the batch stopped on a lock: waited {@link #LOCK_WAIT} in vain, or chosen as a deadlock's victim. */
    private static boolean gaveWay(DataAccessException e) {
        // lock_timeout reaches the outbox's JdbcTemplate as an uncategorized SQLException: look at the SQL state
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (LOCK_NOT_AVAILABLE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return e instanceof PessimisticLockingFailureException;
    }

    private int fireBatch() {
        reminders.limitLockWaits(LOCK_WAIT);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ReminderRepository.DueReminder> due = reminders.claimDue(now, batchSize);
        if (due.isEmpty()) {
            return 0;
        }
        // the outbox locks per user: take those locks in one order in every scanner
        List<ReminderRepository.DueReminder> ordered = due.stream()
                .sorted(Comparator.comparing(ReminderRepository.DueReminder::ownerId)
                        .thenComparing(ReminderRepository.DueReminder::scheduledFor)
                        .thenComparing(ReminderRepository.DueReminder::id))
                .toList();
        for (ReminderRepository.DueReminder reminder : ordered) {
            events.fired(
                    reminder.ownerId(),
                    new ReminderFired(
                            reminder.id(),
                            reminder.taskId(),
                            reminder.title(),
                            reminder.dueAt() != null
                                    ? reminder.dueAt().toString()
                                    : reminder.dueDate() != null
                                            ? reminder.dueDate().toString()
                                            : null,
                            reminder.timeZone(),
                            now,
                            reminder.scheduledFor()));
        }
        reminders.markFired(
                ordered.stream().map(ReminderRepository.DueReminder::id).toList(), now);
        return due.size();
    }
}
