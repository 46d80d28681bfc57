package org.atom.task.note;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.atom.platform.web.BadRequestException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for notes. Every statement names the owner: no query can reach another user's rows. */
@Repository
class NoteRepository {

    static final String COLUMNS = """
            id, owner_id, title, content, type, task_id, calendar_event_id, tags, pinned, version, created_at,
            updated_at""";

    /** SQLSTATE of "string is too long for tsvector". */
    private static final String PROGRAM_LIMIT_EXCEEDED = "54000";

    private final JdbcClient jdbc;

    NoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Note> find(String ownerId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM note WHERE owner_id = ? AND id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(ownerId, id)
                .query(NoteRepository::row)
                .optional();
    }

    /**
     * Whether the owner has this task; the row is share-locked until commit, so the task cannot be deleted between
     * this check and the note's write (a deletion already under way makes this wait, then answer false).
     */
    boolean lockTask(String ownerId, UUID taskId) {
        return jdbc.sql("SELECT 1 FROM task WHERE owner_id = ? AND id = ? FOR KEY SHARE")
                .params(ownerId, taskId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    void insert(Note note) {
        searchable(() -> jdbc.sql("INSERT INTO note (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        note.id,
                        note.ownerId,
                        note.title,
                        note.content,
                        note.type.value(),
                        note.taskId,
                        note.calendarEventId,
                        note.tags.toArray(String[]::new),
                        note.pinned,
                        note.version,
                        timestamp(note.createdAt),
                        timestamp(note.updatedAt))
                .update());
    }

    /** Writes the note if it is still at {@code note.version}, and bumps it; false if someone else got there first. */
    boolean update(Note note) {
        int rows = searchable(() -> jdbc.sql("""
                        UPDATE note SET title = ?, content = ?, type = ?, task_id = ?, calendar_event_id = ?, tags = ?,
                          pinned = ?, version = version + 1, updated_at = ?
                        WHERE owner_id = ? AND id = ? AND version = ?
                        """)
                .params(
                        note.title,
                        note.content,
                        note.type.value(),
                        note.taskId,
                        note.calendarEventId,
                        note.tags.toArray(String[]::new),
                        note.pinned,
                        timestamp(note.updatedAt),
                        note.ownerId,
                        note.id,
                        note.version)
                .update());
        if (rows == 1) {
            note.version++;
        }
        return rows == 1;
    }

    boolean delete(String ownerId, UUID id) {
        return jdbc.sql("DELETE FROM note WHERE owner_id = ? AND id = ?")
                        .params(ownerId, id)
                        .update()
                == 1;
    }

    /** Unlinks the owner's notes from these tasks in one statement; returns the notes as changed. */
    List<Note> unlinkTasks(String ownerId, Collection<UUID> taskIds, Instant now) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("UPDATE note SET task_id = NULL, version = version + 1, updated_at = ?"
                        + " WHERE owner_id = ? AND task_id = ANY(?) RETURNING " + COLUMNS)
                .params(timestamp(now), ownerId, taskIds.toArray(UUID[]::new))
                .query(NoteRepository::row)
                .list();
    }

    int deleteAllOf(String ownerId) {
        return jdbc.sql("DELETE FROM note WHERE owner_id = ?").params(ownerId).update();
    }

    /**
     * Runs a write that indexes the note's text. PostgreSQL caps the words of one tsvector at 1 MB: ordinary text of
     * 200,000 characters stays far below, but text built for it (long hyphenated words of ideographs, indexed whole
     * and part by part) crosses it, which is the client's input to fix, not a server error.
     */
    private static int searchable(IntSupplier write) {
        try {
            return write.getAsInt();
        } catch (DataAccessException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && PROGRAM_LIMIT_EXCEEDED.equals(sql.getSQLState())) {
                    throw BadRequestException.of(
                            NoteInput.CONTENT, "has too many distinct words to be indexed for search; split the note");
                }
            }
            throw e;
        }
    }

    static Note row(ResultSet rs, int i) throws SQLException {
        Note note = new Note(
                rs.getObject("id", UUID.class),
                rs.getString("owner_id"),
                rs.getTimestamp("created_at").toInstant());
        note.title = rs.getString("title");
        note.content = rs.getString("content");
        note.type = NoteType.of(rs.getString("type")).orElseThrow();
        note.taskId = rs.getObject("task_id", UUID.class);
        note.calendarEventId = rs.getString("calendar_event_id");
        note.tags = List.copyOf(Arrays.asList((String[]) rs.getArray("tags").getArray()));
        note.pinned = rs.getBoolean("pinned");
        note.version = rs.getLong("version");
        note.updatedAt = rs.getTimestamp("updated_at").toInstant();
        return note;
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
