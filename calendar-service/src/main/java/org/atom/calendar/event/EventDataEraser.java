package org.atom.calendar.event;

import org.atom.platform.users.UserDataEraser;
import org.springframework.stereotype.Component;

/** A deleted account's events go with it (no events published: the user and their clients are gone). */
@Component
class EventDataEraser implements UserDataEraser {

    private final EventRepository events;

    EventDataEraser(EventRepository events) {
        this.events = events;
    }

    @Override
    public void eraseUser(String userId) {
        events.deleteAll(userId);
    }
}
