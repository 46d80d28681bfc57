package org.atom.task.reminder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for reminders. Every statement a request runs names the owner. The task rows are read here (owner, status,
 * due date, title), never written: they are the task feature's.
 */
@Repository
class ReminderRepository {

    private static final String COLUMNS =
            "id, task_id, owner_id, kind, at, offset_minutes, next_fire_at, fired_at, created_at";

    /** The occurrence of reminder {@code r} of task {@code t}: the rule of {@link Reminder#occurrence}. */
    private static final String OCCURRENCE =
            "(CASE r.kind WHEN 'absolute' THEN r.at" + " ELSE t.due_key - make_interval(mins => r.offset_minutes) END)";

    private final JdbcClient jdbc;

    ReminderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What reminders need of their task: its due key (null without a due date), zone and whether it is finished. */
    record TaskDue(Instant dueKey, ZoneId zone, boolean finished) {}

    /** A reminder whose occurrence has come, with what its event tells of the task. */
    record DueReminder(
            UUID id,
            UUID taskId,
            String ownerId,
            Instant scheduledFor,
            String title,
            LocalDate dueDate,
            Instant dueAt,
            String timeZone) {}

    /** The owner's task; {@code lock} holds it against concurrent changes (and reminder counts) until commit. */
    Optional<TaskDue> task(String ownerId, UUID taskId, boolean lock) {
        return jdbc.sql("SELECT due_key, time_zone, status FROM task WHERE owner_id = ? AND id = ?"
                        + (lock ? " FOR UPDATE" : ""))
                .params(ownerId, taskId)
                .query((rs, i) -> new TaskDue(
                        instant(rs.getTimestamp("due_key")),
                        rs.getString("time_zone") == null ? null : ZoneId.of(rs.getString("time_zone")),
                        "completed".equals(rs.getString("status")) || "cancelled".equals(rs.getString("status"))))
                .optional();
    }

    List<Reminder> list(String ownerId, UUID taskId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM task_reminder WHERE owner_id = ? AND task_id = ? ORDER BY created_at, id")
                .params(ownerId, taskId)
                .query(ReminderRepository::row)
                .list();
    }

    Optional<Reminder> find(String ownerId, UUID taskId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task_reminder WHERE owner_id = ? AND task_id = ? AND id = ?")
                .params(ownerId, taskId, id)
                .query(ReminderRepository::row)
                .optional();
    }

    int count(String ownerId, UUID taskId) {
        return jdbc.sql("SELECT count(*) FROM task_reminder WHERE owner_id = ? AND task_id = ?")
                .params(ownerId, taskId)
                .query(Integer.class)
                .single();
    }

    void insert(Reminder reminder) {
        jdbc.sql("INSERT INTO task_reminder (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        reminder.id(),
                        reminder.taskId(),
                        reminder.ownerId(),
                        reminder.kind().value(),
                        timestamp(reminder.at()),
                        reminder.offsetMinutes(),
                        timestamp(reminder.nextFireAt()),
                        timestamp(reminder.firedAt()),
                        timestamp(reminder.createdAt()))
                .update();
    }

    boolean delete(String ownerId, UUID taskId, UUID id) {
        return jdbc.sql("DELETE FROM task_reminder WHERE owner_id = ? AND task_id = ? AND id = ?")
                        .params(ownerId, taskId, id)
                        .update()
                == 1;
    }

    /**
     * Brings the task's reminders in line with the task as it now is (in the task's transaction): none pending
     * while it is finished; otherwise each pending at its occurrence if that is still to come — or is the one
     * already pending (due, not yet fired) — else none. A fired or passed occurrence is not armed again; an
     * occurrence that moved (new due date) is a new one.
     */
    int reschedule(String ownerId, UUID taskId, Instant now) {
        return jdbc.sql("UPDATE task_reminder r SET next_fire_at = CASE"
                        + " WHEN t.status IN ('completed', 'cancelled') THEN NULL"
                        + " WHEN " + OCCURRENCE + " = r.next_fire_at OR " + OCCURRENCE + " > ? THEN " + OCCURRENCE
                        + " ELSE NULL END"
                        + " FROM task t WHERE t.id = r.task_id AND r.owner_id = ? AND r.task_id = ?")
                .params(timestamp(now), ownerId, taskId)
                .update();
    }

    /**
     * Claims up to {@code limit} reminders due at {@code now} for this transaction. Rows another transaction holds
     * (another instance's scanner, a task change rescheduling them) are skipped, so no occurrence is claimed twice;
     * a row claimed here stays locked until it is marked fired and committed.
     */
    List<DueReminder> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT r.id, r.task_id, r.owner_id, r.next_fire_at, t.title, t.due_date, t.due_at, t.time_zone
                        FROM task_reminder r JOIN task t ON t.id = r.task_id
                        WHERE r.next_fire_at <= ?
                        ORDER BY r.next_fire_at
                        LIMIT ?
                        FOR UPDATE OF r SKIP LOCKED
                        """)
                .params(timestamp(now), limit)
                .query((rs, i) -> new DueReminder(
                        rs.getObject("id", UUID.class),
                        rs.getObject("task_id", UUID.class),
                        rs.getString("owner_id"),
                        instant(rs.getTimestamp("next_fire_at")),
                        rs.getString("title"),
                        rs.getObject("due_date", LocalDate.class),
                        instant(rs.getTimestamp("due_at")),
                        rs.getString("time_zone")))
                .list();
    }

    void markFired(List<UUID> ids, Instant firedAt) {
        jdbc.sql("UPDATE task_reminder SET fired_at = ?, next_fire_at = NULL WHERE id = ANY(?)")
                .params(timestamp(firedAt), ids.toArray(UUID[]::new))
                .update();
    }

    /** Bounds how long the current transaction waits for any lock from now on. */
    void limitLockWaits(Duration wait) {
        jdbc.sql("SET LOCAL lock_timeout = '" + wait.toMillis() + "ms'").update();
    }

    private static Reminder row(ResultSet rs, int i) throws SQLException {
        return new Reminder(
                rs.getObject("id", UUID.class),
                rs.getObject("task_id", UUID.class),
                rs.getString("owner_id"),
                ReminderKind.of(rs.getString("kind")),
                instant(rs.getTimestamp("at")),
                rs.getObject("offset_minutes", Integer.class),
                instant(rs.getTimestamp("next_fire_at")),
                instant(rs.getTimestamp("fired_at")),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
