package org.atom.task.reminder;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.atom.task.task.TaskLifecycle;
import org.atom.task.task.TaskStatus;
import org.atom.task.task.TaskView;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps reminders in step with their task, inside the task's transaction: a new due date (or zone) moves relative
 * reminders to their new occurrence — a new occurrence, which may fire although the old one did; finishing the
 * task stops its pending reminders, reopening it restores those still to come. Deletion cascades in the database.
 */
@Component
class ReminderRescheduling {

    private final ReminderRepository reminders;
    private final Clock clock;

    ReminderRescheduling(ReminderRepository reminders, Clock clock) {
        this.reminders = reminders;
        this.clock = clock;
    }

    @EventListener
    void on(TaskLifecycle.Saved saved) {
        TaskView before = saved.before();
        TaskView after = saved.after();
        if (before == null) {
            return; // a new task has no reminders yet
        }
        boolean dueMoved = !Objects.equals(before.dueDate(), after.dueDate())
                || !Objects.equals(before.timeZone(), after.timeZone());
        if (dueMoved || finished(before) != finished(after)) {
            reminders.reschedule(saved.ownerId(), after.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
    }

    private static boolean finished(TaskView task) {
        return TaskStatus.COMPLETED.value().equals(task.status())
                || TaskStatus.CANCELLED.value().equals(task.status());
    }
}
