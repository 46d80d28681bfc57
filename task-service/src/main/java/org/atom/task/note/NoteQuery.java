package org.atom.task.note;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.Cursor;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.SortParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/notes}: filters, sort and keyset paging in SQL. A page costs two statements whatever its size and
 * the user's number of notes: the page and the total count.
 */
@Component
class NoteQuery {

    /** The filters of one list request; null or empty means "any". */
    record Filter(
            List<NoteType> types,
            UUID taskId,
            String calendarEventId,
            Boolean pinned,
            List<String> tags,
            String text) {}

    /**
     * A sort: {@code updatedAt}, {@code createdAt} or {@code title} (case-insensitive), {@code -} for descending.
     * Every key is non-null; rows are ordered by (key, id), the id in the key's direction, which makes the order
     * total (keyset paging needs that) and lets one index serve both directions.
     */
    enum Sort {
        UPDATED_AT("updatedAt", "updated_at"),
        CREATED_AT("createdAt", "created_at"),
        TITLE("title", "lower(title)");

        final String name;
        final String expression;

        Sort(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }

        /** Absent: {@code -updatedAt}, the notes edited last first. */
        static SortOrder parse(String value) {
            SortParameter.Sort<Sort> parsed =
                    SortParameter.parse(value, values(), sort -> sort.name, new SortParameter.Sort<>(UPDATED_AT, true));
            return new SortOrder(parsed.key(), parsed.descending());
        }
    }

    record SortOrder(Sort sort, boolean descending) {
        /** How the cursor names this order, so a cursor is only ever used with the order that made it. */
        String token() {
            return (descending ? "-" : "") + sort.name;
        }
    }

    private final JdbcClient jdbc;

    NoteQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CursorPage<NoteView> list(String ownerId, Filter filter, SortOrder order, CursorPageRequest page) {
        List<Object> params = new ArrayList<>();
        String where = where(ownerId, filter, params);
        long total = jdbc.sql("SELECT count(*) FROM note WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();

        String key = order.sort().expression;
        String direction = order.descending() ? " DESC" : "";
        List<Object> pageParams = new ArrayList<>(params);
        String after = "";
        if (!page.isFirst()) {
            Cursor cursor = page.after();
            if (!order.token().equals(cursor.string(0))) {
                throw BadRequestException.of(
                        Cursor.PARAMETER, "belongs to another sort order; use the Link header of the previous page");
            }
            // the same tuple the ORDER BY sorts on, compared the way it runs
            after = " AND (" + key + ", id) " + (order.descending() ? "<" : ">") + " (?, ?)";
            pageParams.add(order.sort() == Sort.TITLE ? cursor.string(1) : NoteRepository.timestamp(cursor.instant(1)));
            pageParams.add(cursor.uuid(2));
        }
        pageParams.add(page.fetchSize());
        List<Row> rows = jdbc.sql("SELECT " + NoteRepository.COLUMNS + ", " + key + " AS sort_key FROM note WHERE "
                        + where + after + " ORDER BY " + key + direction + ", id" + direction + " LIMIT ?")
                .params(pageParams)
                .query((rs, i) -> new Row(
                        NoteRepository.row(rs, i),
                        // the cursor carries the key exactly as the database computed it
                        order.sort() == Sort.TITLE
                                ? rs.getString("sort_key")
                                : rs.getTimestamp("sort_key").toInstant().toString()))
                .list();
        return CursorPage.of(rows, page, row -> Cursor.of(order.token(), row.key(), row.note().id), total)
                .map(row -> NoteView.of(row.note()));
    }

    private record Row(Note note, String key) {}

    private static String where(String ownerId, Filter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder("owner_id = ?");
        params.add(ownerId);
        if (!filter.types().isEmpty()) {
            sql.append(" AND type = ANY(?)");
            params.add(filter.types().stream().map(NoteType::value).toArray(String[]::new));
        }
        if (filter.taskId() != null) {
            sql.append(" AND task_id = ?");
            params.add(filter.taskId());
        }
        if (filter.calendarEventId() != null) {
            sql.append(" AND calendar_event_id = ?");
            params.add(filter.calendarEventId());
        }
        if (filter.pinned() != null) {
            sql.append(filter.pinned() ? " AND pinned" : " AND NOT pinned");
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" AND tags @> ?::text[]");
            params.add(filter.tags().toArray(String[]::new));
        }
        if (filter.text() != null) {
            sql.append(" AND search @@ plainto_tsquery('simple', ?)");
            params.add(filter.text());
        }
        return sql.toString();
    }
}
