package org.atom.task.note;

import org.atom.platform.users.UserDataEraser;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A deleted account's notes go with it (no events: the user and their clients are gone). Ordered before the task
 * eraser: notes reference tasks, so they leave first and no statement ever sees a note pointing at a deleted task.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NoteDataEraser implements UserDataEraser {

    private final NoteRepository notes;

    NoteDataEraser(NoteRepository notes) {
        this.notes = notes;
    }

    @Override
    public void eraseUser(String userId) {
        notes.deleteAllOf(userId);
    }
}
