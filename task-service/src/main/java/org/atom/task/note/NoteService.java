package org.atom.task.note;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.ConflictException;
import org.atom.platform.web.ETags;
import org.atom.platform.web.NotFoundException;
import org.atom.task.publishing.NoteEvents;
import org.atom.task.task.TaskLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Note use cases. Each runs in one transaction with the events it causes (outbox): every note created, changed or
 * deleted publishes exactly one event — including the notes a task deletion unlinks.
 */
@Service
class NoteService {

    private final NoteRepository notes;
    private final NoteEvents events;
    private final Clock clock;

    NoteService(NoteRepository notes, NoteEvents events, Clock clock) {
        this.notes = notes;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    NoteView create(String ownerId, NoteInput input) {
        input.requireTitle();
        checkTask(ownerId, input);
        Note note = new Note(UUID.randomUUID(), ownerId, now());
        apply(note, input);
        notes.insert(note);
        NoteView view = NoteView.of(note);
        events.created(ownerId, view);
        return view;
    }

    @Transactional(readOnly = true)
    NoteView get(String ownerId, UUID id) {
        return NoteView.of(find(ownerId, id, false));
    }

    @Transactional
    NoteView update(String ownerId, UUID id, NoteInput input, String ifMatch) {
        // the task before the note: the order a task deletion locks them in (task, then its notes)
        boolean taskOk = taskIsLinkable(ownerId, input);
        Note note = find(ownerId, id, true);
        ETags.checkIfMatch(ifMatch, note.version);
        ETags.checkVersion(input.version(), note.version);
        if (!taskOk) {
            throw unknownTask();
        }
        apply(note, input);
        note.updatedAt = now();
        if (!notes.update(note)) {
            throw new ConflictException("The note changed meanwhile; reload it and try again");
        }
        NoteView view = NoteView.of(note);
        events.updated(ownerId, view);
        return view;
    }

    @Transactional
    void delete(String ownerId, UUID id, String ifMatch) {
        Note note = find(ownerId, id, true);
        ETags.checkIfMatch(ifMatch, note.version);
        notes.delete(ownerId, id);
        events.deleted(ownerId, id);
    }

    /**
     * Deleted tasks take their links with them: the notes pointing at one are unlinked (a change like any other:
     * new version, {@code atom.note.updated.v1}), inside the deleting transaction, so both commit or neither.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onTasksDeleted(TaskLifecycle.Deleted deleted) {
        for (Note note : notes.unlinkTasks(deleted.ownerId(), deleted.ids(), now())) {
            events.updated(deleted.ownerId(), NoteView.of(note));
        }
    }

    private void checkTask(String ownerId, NoteInput input) {
        if (!taskIsLinkable(ownerId, input)) {
            throw unknownTask();
        }
    }

    /** True unless the input links a task the owner does not have; a linked task stays until this commits. */
    private boolean taskIsLinkable(String ownerId, NoteInput input) {
        return !(input.get(NoteInput.TASK) instanceof UUID taskId) || notes.lockTask(ownerId, taskId);
    }

    private static BadRequestException unknownTask() {
        return BadRequestException.of(NoteInput.TASK, "must be the id of one of your tasks");
    }

    private static void apply(Note note, NoteInput input) {
        if (input.has(NoteInput.TITLE)) {
            note.title = (String) input.get(NoteInput.TITLE);
        }
        if (input.has(NoteInput.CONTENT)) {
            note.content = (String) input.get(NoteInput.CONTENT);
        }
        if (input.has(NoteInput.TYPE)) {
            note.type = (NoteType) input.get(NoteInput.TYPE);
        }
        if (input.has(NoteInput.TASK)) {
            note.taskId = (UUID) input.get(NoteInput.TASK);
        }
        if (input.has(NoteInput.CALENDAR_EVENT)) {
            note.calendarEventId = (String) input.get(NoteInput.CALENDAR_EVENT);
        }
        if (input.has(NoteInput.TAGS)) {
            @SuppressWarnings("unchecked")
            List<String> tags = (List<String>) input.get(NoteInput.TAGS);
            note.tags = tags;
        }
        if (input.has(NoteInput.PINNED)) {
            note.pinned = (Boolean) input.get(NoteInput.PINNED);
        }
    }

    private Note find(String ownerId, UUID id, boolean forUpdate) {
        return notes.find(ownerId, id, forUpdate).orElseThrow(() -> new NotFoundException("Note", id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
