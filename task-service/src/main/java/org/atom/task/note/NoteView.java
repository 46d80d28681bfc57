package org.atom.task.note;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A note as the API returns it and as its events carry it ({@code contracts/…/defs/note.schema.json}).
 * {@code content} is Markdown, never null (empty when cleared).
 */
public record NoteView(
        UUID id,
        String title,
        String content,
        String type,
        UUID taskId,
        String calendarEventId,
        List<String> tags,
        boolean pinned,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static NoteView of(Note note) {
        return new NoteView(
                note.id,
                note.title,
                note.content,
                note.type.value(),
                note.taskId,
                note.calendarEventId,
                note.tags,
                note.pinned,
                note.version,
                note.createdAt,
                note.updatedAt);
    }
}
