package org.atom.task.task;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for tasks. Every statement names the owner: no query can reach another user's rows. */
@Repository
class TaskRepository {

    static final String COLUMNS = """
            id, owner_id, title, description, status, priority, due_date, due_at, time_zone, deadline,
            is_important, assignee, tags, estimate_minutes, recurrence, repeat_after, recurrence_start, series_id,
            next_occurrence_id, parent_id, project_id, position, completed_at, version,
            created_at, updated_at""";

    private final JdbcClient jdbc;

    TaskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Task> find(String ownerId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE owner_id = ? AND id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(ownerId, id)
                .query(TaskRepository::row)
                .optional();
    }

    /** What a write sets: every column but the key, the owner, the creation time and the version. */
    private static final String WRITTEN = """
            title, description, status, priority, due_date, due_at, time_zone, deadline, is_important, assignee, tags,
            estimate_minutes, recurrence, repeat_after, recurrence_start, series_id, next_occurrence_id, parent_id,
            project_id, position, completed_at, updated_at, due_key""";

    private static final String WRITTEN_PLACEHOLDERS =
            String.join(", ", java.util.Collections.nCopies(WRITTEN.split(",").length, "?"));

    void insert(Task task) {
        List<Object> values = new ArrayList<>(List.of(task.id, task.ownerId, task.version, timestamp(task.createdAt)));
        values.addAll(written(task));
        jdbc.sql("INSERT INTO task (id, owner_id, version, created_at, " + WRITTEN + ") VALUES (?, ?, ?, ?, "
                        + WRITTEN_PLACEHOLDERS + ")")
                .params(values)
                .update();
    }

    /** Writes the task if it is still at {@code task.version}, and bumps it; false if someone else got there first. */
    boolean update(Task task) {
        List<Object> values = new ArrayList<>(written(task));
        values.addAll(List.of(task.ownerId, task.id, task.version));
        int rows = jdbc.sql("UPDATE task SET (" + WRITTEN + ") = (" + WRITTEN_PLACEHOLDERS + "),"
                        + " version = version + 1 WHERE owner_id = ? AND id = ? AND version = ?")
                .params(values)
                .update();
        if (rows == 1) {
            task.version++;
        }
        return rows == 1;
    }

    /** Deletes the task and (by cascade) its subtasks; returns the ids removed, the task's own first. */
    List<UUID> delete(String ownerId, UUID id) {
        List<UUID> removed = subtree(ownerId, id);
        jdbc.sql("DELETE FROM task WHERE owner_id = ? AND id = ?")
                .params(ownerId, id)
                .update();
        return removed;
    }

    /** The task and every task below it. */
    List<UUID> subtree(String ownerId, UUID id) {
        return jdbc.sql("""
                        WITH RECURSIVE tree(id) AS (
                          SELECT id FROM task WHERE owner_id = ? AND id = ?
                          UNION ALL
                          SELECT t.id FROM task t JOIN tree ON t.parent_id = tree.id
                        )
                        SELECT id FROM tree
                        """).params(ownerId, id).query(UUID.class).list();
    }

    /** The direct subtasks of each of the given tasks, in position order: one statement for a whole page. */
    Map<UUID, List<TaskView.Subtask>> subtasksOf(String ownerId, Collection<UUID> parents) {
        Map<UUID, List<TaskView.Subtask>> byParent = new LinkedHashMap<>();
        if (parents.isEmpty()) {
            return byParent;
        }
        jdbc.sql("""
                        SELECT parent_id, id, title, status FROM task
                        WHERE owner_id = ? AND parent_id = ANY(?) ORDER BY position, created_at, id
                        """)
                .params(ownerId, parents.toArray(UUID[]::new))
                .query((rs, i) -> {
                    byParent.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new TaskView.Subtask(
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    TaskStatus.COMPLETED.value().equals(rs.getString(4))));
                    return null;
                })
                .list();
        return byParent;
    }

    /** The blockers of each of the given tasks: one statement for a whole page. */
    Map<UUID, List<UUID>> blockersOf(String ownerId, Collection<UUID> tasks) {
        Map<UUID, List<UUID>> byTask = new LinkedHashMap<>();
        if (tasks.isEmpty()) {
            return byTask;
        }
        jdbc.sql("SELECT task_id, blocked_by FROM task_dependency WHERE owner_id = ? AND task_id = ANY(?)"
                        + " ORDER BY task_id, blocked_by")
                .params(ownerId, tasks.toArray(UUID[]::new))
                .query((rs, i) -> byTask.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return byTask;
    }

    /** How many of the ids are tasks of the owner. */
    int countOwned(String ownerId, Collection<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM task WHERE owner_id = ? AND id = ANY(?)")
                .params(ownerId, ids.toArray(UUID[]::new))
                .query(Integer.class)
                .single();
    }

    /** Whether {@code task} is among the blockers of {@code blockers}, transitively (so blocking it would loop). */
    boolean blocksAnyOf(UUID task, Collection<UUID> blockers) {
        return jdbc.sql("""
                        WITH RECURSIVE upstream(id) AS (
                          SELECT unnest(?::uuid[])
                          UNION
                          SELECT d.blocked_by FROM task_dependency d JOIN upstream u ON d.task_id = u.id
                        )
                        SELECT EXISTS (SELECT 1 FROM upstream WHERE id = ?)
                        """)
                .params(blockers.toArray(UUID[]::new), task)
                .query(Boolean.class)
                .single();
    }

    /** Replaces the task's blockers. */
    void setBlockers(String ownerId, UUID task, List<UUID> blockers) {
        jdbc.sql("DELETE FROM task_dependency WHERE task_id = ?").params(task).update();
        for (UUID blocker : blockers) {
            jdbc.sql("INSERT INTO task_dependency (task_id, blocked_by, owner_id) VALUES (?, ?, ?)")
                    .params(task, blocker, ownerId)
                    .update();
        }
    }

    /** Tasks outside {@code removed} that wait for one of them: their {@code blockedBy} changes with the removal. */
    List<UUID> dependentsOf(String ownerId, Collection<UUID> removed) {
        return jdbc.sql("SELECT DISTINCT task_id FROM task_dependency"
                        + " WHERE owner_id = ? AND blocked_by = ANY(?) AND NOT (task_id = ANY(?))")
                .params(ownerId, removed.toArray(UUID[]::new), removed.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    List<Task> children(String ownerId, UUID parentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE owner_id = ? AND parent_id = ? ORDER BY position, id")
                .params(ownerId, parentId)
                .query(TaskRepository::row)
                .list();
    }

    /** Where a new task goes: after every other task of the same parent (or of the top level). */
    double nextPosition(String ownerId, UUID parentId) {
        return jdbc.sql(
                        "SELECT coalesce(max(position), 0) + 1 FROM task WHERE owner_id = ? AND parent_id IS NOT DISTINCT FROM ?")
                .params(ownerId, parentId)
                .query(Double.class)
                .single();
    }

    /** The tasks in a project (every level), locked for the caller's transaction. */
    List<Task> inProject(String ownerId, UUID projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE owner_id = ? AND project_id = ? ORDER BY id FOR UPDATE")
                .params(ownerId, projectId)
                .query(TaskRepository::row)
                .list();
    }

    /** Takes every task out of a project in one statement, each as a change (version bumped, updated then). */
    void detach(String ownerId, UUID projectId, Instant now) {
        jdbc.sql("""
                        UPDATE task SET project_id = NULL, version = version + 1, updated_at = ?
                        WHERE owner_id = ? AND project_id = ?
                        """).params(timestamp(now), ownerId, projectId).update();
    }

    int deleteAllOf(String ownerId) {
        return jdbc.sql("DELETE FROM task WHERE owner_id = ?").params(ownerId).update();
    }

    /** The values of {@link #WRITTEN}, in its order (nulls included, so not {@code List.of}). */
    private static List<Object> written(Task task) {
        Due due = task.due;
        return Arrays.asList(
                task.title,
                task.description,
                task.status.value(),
                task.priority.value(),
                due == null ? null : due.date(),
                timestamp(due == null ? null : due.at()),
                due == null ? null : due.zone().getId(),
                task.deadline,
                task.important,
                task.assignee,
                task.tags.toArray(String[]::new),
                task.estimateMinutes,
                task.recurrence == null ? null : task.recurrence.toArray(String[]::new),
                task.repeatAfter == null ? null : task.repeatAfter.toString(),
                task.recurrenceStart,
                task.seriesId,
                task.nextOccurrenceId,
                task.parentId,
                task.projectId,
                task.position,
                timestamp(task.completedAt),
                timestamp(task.updatedAt),
                timestamp(due == null ? null : due.key()));
    }

    static Task row(ResultSet rs, int i) throws SQLException {
        Task task = new Task(
                rs.getObject("id", UUID.class),
                rs.getString("owner_id"),
                rs.getTimestamp("created_at").toInstant());
        task.title = rs.getString("title");
        task.description = rs.getString("description");
        task.status = TaskStatus.of(rs.getString("status")).orElseThrow();
        task.priority = TaskPriority.of(rs.getString("priority")).orElseThrow();
        LocalDate dueDate = rs.getObject("due_date", LocalDate.class);
        Instant dueAt = instant(rs.getTimestamp("due_at"));
        if (dueDate != null || dueAt != null) {
            task.due = new Due(dueDate, dueAt, ZoneId.of(rs.getString("time_zone")));
        }
        task.deadline = rs.getObject("deadline", LocalDate.class);
        task.important = rs.getBoolean("is_important");
        task.assignee = rs.getString("assignee");
        Array tags = rs.getArray("tags");
        task.tags = List.copyOf(Arrays.asList((String[]) tags.getArray()));
        task.estimateMinutes = rs.getObject("estimate_minutes", Integer.class);
        Array recurrence = rs.getArray("recurrence");
        task.recurrence = recurrence == null ? null : List.copyOf(Arrays.asList((String[]) recurrence.getArray()));
        String repeatAfter = rs.getString("repeat_after");
        task.repeatAfter = repeatAfter == null ? null : Period.parse(repeatAfter);
        task.recurrenceStart = rs.getObject("recurrence_start", LocalDateTime.class);
        task.seriesId = rs.getObject("series_id", UUID.class);
        task.nextOccurrenceId = rs.getObject("next_occurrence_id", UUID.class);
        task.parentId = rs.getObject("parent_id", UUID.class);
        task.projectId = rs.getObject("project_id", UUID.class);
        task.position = rs.getDouble("position");
        task.completedAt = instant(rs.getTimestamp("completed_at"));
        task.version = rs.getLong("version");
        task.updatedAt = rs.getTimestamp("updated_at").toInstant();
        return task;
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
