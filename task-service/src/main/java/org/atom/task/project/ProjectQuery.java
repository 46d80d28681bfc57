package org.atom.task.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.Cursor;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.SortParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/projects}: filters, sort and keyset paging in SQL. A page costs three statements whatever its size
 * and the user's numbers of projects and tasks: the page, the total count, and the task counts of the page's
 * projects (one grouped statement).
 */
@Component
class ProjectQuery {

    /** The filters of one list request; null or empty means "any". */
    record Filter(Boolean archived, List<ProjectKind> kinds, String text) {}

    /**
     * A sort: {@code position} (the default), {@code name} (case-insensitive) or {@code createdAt}, {@code -} for
     * descending. Every key is set on every project; the id breaks ties, which keyset paging needs.
     */
    enum Sort {
        POSITION("position", "position"),
        NAME("name", "lower(name)"),
        CREATED_AT("createdAt", "created_at");

        final String name;
        final String expression;

        Sort(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }

        static SortOrder parse(String value) {
            SortParameter.Sort<Sort> parsed =
                    SortParameter.parse(value, values(), sort -> sort.name, new SortParameter.Sort<>(POSITION, false));
            return new SortOrder(parsed.key(), parsed.descending());
        }

        /** The key of a row as the database computed it, for the cursor. */
        Object key(ResultSet rs) throws SQLException {
            return switch (this) {
                case POSITION -> rs.getDouble("sort_key");
                case NAME -> rs.getString("sort_key");
                case CREATED_AT -> rs.getTimestamp("sort_key").toInstant();
            };
        }

        /** The cursor's key as a statement parameter. */
        Object parameter(Cursor cursor) {
            try {
                return switch (this) {
                    case POSITION -> Double.parseDouble(cursor.string(0));
                    case NAME -> cursor.string(0);
                    case CREATED_AT -> Timestamp.from(cursor.instant(0));
                };
            } catch (NumberFormatException e) {
                throw BadRequestException.of(Cursor.PARAMETER, "is not a valid cursor for this sort");
            }
        }
    }

    record SortOrder(Sort sort, boolean descending) {}

    private final JdbcClient jdbc;
    private final ProjectRepository projects;

    ProjectQuery(JdbcClient jdbc, ProjectRepository projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    CursorPage<ProjectView> list(String ownerId, Filter filter, SortOrder order, CursorPageRequest page) {
        List<Object> params = new ArrayList<>();
        String where = where(ownerId, filter, params);
        long total = jdbc.sql("SELECT count(*) FROM project WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();

        String key = order.sort().expression;
        String direction = order.descending() ? " DESC" : "";
        List<Object> pageParams = new ArrayList<>(params);
        String after = "";
        if (!page.isFirst()) {
            // (key, id) past the cursor, in the direction both are sorted
            after = " AND (" + key + ", id) " + (order.descending() ? "<" : ">") + " (?, ?)";
            pageParams.add(order.sort().parameter(page.after()));
            pageParams.add(page.after().uuid(1));
        }
        pageParams.add(page.fetchSize());
        List<Row> rows = jdbc.sql("SELECT " + ProjectRepository.COLUMNS + ", " + key + " AS sort_key FROM project"
                        + " WHERE " + where + after + " ORDER BY " + key + direction + ", id" + direction + " LIMIT ?")
                .params(pageParams)
                .query((rs, i) ->
                        new Row(ProjectRepository.row(rs, i), order.sort().key(rs)))
                .list();
        CursorPage<Row> found = CursorPage.of(rows, page, row -> Cursor.of(row.key(), row.project().id), total);
        Map<UUID, TaskCounts> counts = projects.taskCounts(
                ownerId, found.items().stream().map(row -> row.project().id).toList());
        return found.map(row -> ProjectView.of(row.project(), counts.getOrDefault(row.project().id, TaskCounts.NONE)));
    }

    private record Row(Project project, Object key) {}

    private static String where(String ownerId, Filter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder("owner_id = ?");
        params.add(ownerId);
        if (filter.archived() != null) {
            sql.append(" AND archived = ?");
            params.add(filter.archived());
        }
        if (!filter.kinds().isEmpty()) {
            sql.append(" AND kind = ANY(?)");
            params.add(filter.kinds().stream().map(ProjectKind::value).toArray(String[]::new));
        }
        if (filter.text() != null) {
            sql.append(" AND to_tsvector('simple', name || ' ' || coalesce(description, ''))"
                    + " @@ plainto_tsquery('simple', ?)");
            params.add(filter.text());
        }
        return sql.toString();
    }
}
