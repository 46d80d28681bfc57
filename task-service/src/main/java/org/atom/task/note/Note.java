package org.atom.task.note;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One note row: the state {@link NoteService} changes and {@link NoteRepository} stores. */
final class Note {

    final UUID id;
    final String ownerId;
    String title;
    String content = "";
    NoteType type = NoteType.PERSONAL_MEMO;
    UUID taskId;
    String calendarEventId;
    List<String> tags = List.of();
    boolean pinned;
    long version;
    final Instant createdAt;
    Instant updatedAt;

    Note(UUID id, String ownerId, Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }
}
