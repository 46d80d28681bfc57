package org.atom.task.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.atom.platform.outbox.Outbox;
import org.atom.task.reminder.ReminderFired;
import org.springframework.stereotype.Component;

/**
 * Fired reminders as {@code atom.task.reminder.fired.v1} on the task topic (record key and {@code userid} = the
 * owner, subject = the task), written to the outbox in the caller's transaction under the occurrence's own event
 * id ({@link #eventId}): the same occurrence, recorded twice, is one event.
 */
@Component
public class ReminderEvents {

    public static final String FIRED = "atom.task.reminder.fired.v1";

    private final Outbox outbox;

    ReminderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void fired(String ownerId, ReminderFired fired) {
        outbox.publish(
                eventId(fired.reminderId(), fired.scheduledFor()),
                TaskEvents.TOPIC,
                FIRED,
                fired.taskId().toString(),
                ownerId,
                fired);
    }

    /**
     * The event id of one occurrence of a reminder: a name-based UUID (v3) of {@code <reminderId>/<scheduledFor>}
     * with the instant in ISO-8601 UTC ({@link Instant#toString()}), e.g.
     * {@code 0b6f…/2026-12-01T08:30:00Z}. Any instance, any retry, derives the same id.
     */
    public static UUID eventId(UUID reminderId, Instant scheduledFor) {
        return UUID.nameUUIDFromBytes((reminderId + "/" + scheduledFor).getBytes(StandardCharsets.UTF_8));
    }
}
