package org.atom.task.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.platform.web.Cursor;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.SortParameter;
import org.atom.task.project.Projects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/tasks} and {@code GET /api/projects/{id}/tasks}: filters, sort and keyset paging in SQL. A page
 * costs four statements whatever its size and the user's number of tasks: the page, the total count, and the
 * subtasks and blockers of the page's tasks (plus one under a project's URL: whether the project is the user's).
 */
@Component
class TaskQuery {

    /** The filters of one list request; null or empty means "any". */
    record Filter(
            List<TaskStatus> statuses,
            List<TaskPriority> priorities,
            List<String> tags,
            Instant dueBefore,
            Instant dueAfter,
            Boolean overdue,
            /** true: not blocked by an unfinished task; false: blocked by one */
            Boolean ready,
            /** null: top-level tasks only; {@link #ANY_PARENT}: every task; else that task's subtasks */
            String parent,
            UUID project,
            String text) {

        /** The same filters within one project. */
        Filter inProject(UUID projectId) {
            return new Filter(statuses, priorities, tags, dueBefore, dueAfter, overdue, ready, parent, projectId, text);
        }
    }

    static final String ANY_PARENT = "any";

    /** Waits for a task that is not finished. */
    static final String BLOCKED = "EXISTS (SELECT 1 FROM task_dependency d JOIN task b ON b.id = d.blocked_by"
            + " WHERE d.task_id = task.id AND b.status NOT IN ('completed', 'cancelled'))";

    /**
     * A sort: {@code dueDate}, {@code priority}, {@code createdAt} or {@code position}, {@code -} for descending.
     * Rows are ordered by (key is null, key, id): tasks without the key come last either way, and the id makes the
     * order total, which keyset paging needs.
     */
    enum Sort {
        DUE_DATE("dueDate", "extract(epoch from due_key)"),
        PRIORITY("priority", "CASE priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END"),
        CREATED_AT("createdAt", "extract(epoch from created_at)"),
        POSITION("position", "position");

        final String name;
        final String expression;

        Sort(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }

        static SortOrder parse(String value) {
            SortParameter.Sort<Sort> parsed = SortParameter.parse(
                    value, values(), sort -> sort.name, new SortParameter.Sort<>(CREATED_AT, false));
            return new SortOrder(parsed.key(), parsed.descending());
        }
    }

    record SortOrder(Sort sort, boolean descending) {
        /** The numeric sort value, negated for descending so every comparison runs one way. */
        String key() {
            return (descending ? "-(" : "(") + sort.expression + ")::float8";
        }
    }

    private final JdbcClient jdbc;
    private final TaskRepository tasks;
    private final Projects projects;

    TaskQuery(JdbcClient jdbc, TaskRepository tasks, Projects projects) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.projects = projects;
    }

    /** {@code GET /api/projects/{id}/tasks}: {@link #list} within one of the user's projects; any other → 404. */
    CursorPage<TaskView> listInProject(
            String ownerId, UUID projectId, Filter filter, SortOrder order, CursorPageRequest page, Instant now) {
        projects.requireExists(ownerId, projectId);
        return list(ownerId, filter.inProject(projectId), order, page, now);
    }

    CursorPage<TaskView> list(String ownerId, Filter filter, SortOrder order, CursorPageRequest page, Instant now) {
        List<Object> params = new ArrayList<>();
        String where = where(ownerId, filter, now, params);
        String key = order.key();
        long total = jdbc.sql("SELECT count(*) FROM task WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();

        List<Object> pageParams = new ArrayList<>(params);
        String after = "";
        if (!page.isFirst()) {
            Cursor cursor = page.after();
            // (key is null, coalesce(key, 0), id) > cursor: the same tuple the ORDER BY sorts on
            after = " AND (" + key + " IS NULL, coalesce(" + key + ", 0), id) > (?, ?, ?)";
            pageParams.add(Boolean.parseBoolean(cursor.string(0)));
            pageParams.add(Double.parseDouble(cursor.string(1)));
            pageParams.add(cursor.uuid(2));
        }
        pageParams.add(page.fetchSize());
        List<Row> rows = jdbc.sql("SELECT " + TaskRepository.COLUMNS + ", " + key + " AS sort_key FROM task WHERE "
                        + where + after + " ORDER BY " + key + " IS NULL, " + key + ", id LIMIT ?")
                .params(pageParams)
                .query((rs, i) -> new Row(TaskRepository.row(rs, i), rs.getObject("sort_key", Double.class)))
                .list();
        // the cursor carries the sort value exactly as the database computed it
        CursorPage<Row> found = CursorPage.of(
                rows,
                page,
                row -> Cursor.of(row.key() == null, row.key() == null ? 0.0 : row.key(), row.task().id),
                total);
        List<UUID> ids = found.items().stream().map(row -> row.task().id).toList();
        Map<UUID, List<TaskView.Subtask>> subtasks = tasks.subtasksOf(ownerId, ids);
        Map<UUID, List<UUID>> blockers = tasks.blockersOf(ownerId, ids);
        return found.map(row -> TaskView.of(
                row.task(),
                subtasks.getOrDefault(row.task().id, List.of()),
                blockers.getOrDefault(row.task().id, List.of())));
    }

    private record Row(Task task, Double key) {}

    private static String where(String ownerId, Filter filter, Instant now, List<Object> params) {
        StringBuilder sql = new StringBuilder("owner_id = ?");
        params.add(ownerId);
        if (filter.parent() == null) {
            sql.append(" AND parent_id IS NULL");
        } else if (!ANY_PARENT.equals(filter.parent())) {
            sql.append(" AND parent_id = ?");
            params.add(UUID.fromString(filter.parent()));
        }
        if (filter.project() != null) {
            sql.append(" AND project_id = ?");
            params.add(filter.project());
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND status = ANY(?)");
            params.add(filter.statuses().stream().map(TaskStatus::value).toArray(String[]::new));
        }
        if (!filter.priorities().isEmpty()) {
            sql.append(" AND priority = ANY(?)");
            params.add(filter.priorities().stream().map(TaskPriority::value).toArray(String[]::new));
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" AND tags @> ?::text[]");
            params.add(filter.tags().toArray(String[]::new));
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND due_key < ?");
            params.add(TaskRepository.timestamp(filter.dueBefore()));
        }
        if (filter.dueAfter() != null) {
            sql.append(" AND due_key >= ?");
            params.add(TaskRepository.timestamp(filter.dueAfter()));
        }
        if (filter.overdue() != null) {
            sql.append(filter.overdue() ? " AND " : " AND NOT ").append(TaskStats.OVERDUE);
            params.add(TaskRepository.timestamp(now));
            params.add(TaskRepository.timestamp(now));
        }
        if (filter.ready() != null) {
            sql.append(filter.ready() ? " AND NOT " : " AND ").append(BLOCKED);
        }
        if (filter.text() != null) {
            sql.append(" AND to_tsvector('simple', title || ' ' || coalesce(description, ''))"
                    + " @@ plainto_tsquery('simple', ?)");
            params.add(filter.text());
        }
        return sql.toString();
    }
}
