package org.atom.task.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.ConflictException;
import org.atom.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminder use cases, each on one task of the caller (another user's task is not found). A new reminder whose
 * occurrence is not in the future is refused: a reminder announces a moment, and one already past is a mistake
 * (a wrong zone or offset) the client should hear about rather than a notice pushed at once.
 */
@Service
class ReminderService {

    static final int MAX_PER_TASK = 20;

    private final ReminderRepository reminders;
    private final UserProfiles profiles;
    private final Clock clock;

    ReminderService(ReminderRepository reminders, UserProfiles profiles, Clock clock) {
        this.reminders = reminders;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<ReminderView> list(String ownerId, UUID taskId) {
        task(ownerId, taskId, false);
        return reminders.list(ownerId, taskId).stream().map(ReminderView::of).toList();
    }

    @Transactional(readOnly = true)
    ReminderView get(String ownerId, UUID taskId, UUID id) {
        task(ownerId, taskId, false);
        return reminders
                .find(ownerId, taskId, id)
                .map(ReminderView::of)
                .orElseThrow(() -> new NotFoundException("Reminder", id));
    }

    @Transactional
    ReminderView create(String ownerId, UUID taskId, ReminderInput input) {
        // locked: a concurrent due date change or reminder creation waits for this one
        ReminderRepository.TaskDue task = task(ownerId, taskId, true);
        if (reminders.count(ownerId, taskId) >= MAX_PER_TASK) {
            throw new ConflictException("A task has at most " + MAX_PER_TASK + " reminders");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Reminder reminder = switch (input.when()) {
            case ReminderInput.When.AtInstant at -> absolute(ownerId, taskId, at.at(), now);
            case ReminderInput.When.AtLocalTime local -> {
                ZoneId zone =
                        task.zone() != null ? task.zone() : profiles.of(ownerId).timeZone();
                // a local time in a DST gap moves forward by the gap, as due dates do
                Instant at = local.at().atZone(zone).toInstant().truncatedTo(ChronoUnit.MICROS);
                yield absolute(ownerId, taskId, at, now);
            }
            case ReminderInput.When.MinutesBefore before ->
                new Reminder(
                        UUID.randomUUID(),
                        taskId,
                        ownerId,
                        ReminderKind.RELATIVE,
                        null,
                        before.minutes(),
                        null,
                        null,
                        now);
        };
        Instant occurrence = reminder.occurrence(task.dueKey());
        if (occurrence != null && !occurrence.isAfter(now)) {
            throw reminder.kind() == ReminderKind.ABSOLUTE
                    ? BadRequestException.of(ReminderInput.AT, "must be in the future")
                    : BadRequestException.of(
                            ReminderInput.MINUTES_BEFORE,
                            "must put the reminder in the future: the task is due at " + task.dueKey());
        }
        Reminder armed = new Reminder(
                reminder.id(),
                taskId,
                ownerId,
                reminder.kind(),
                reminder.at(),
                reminder.offsetMinutes(),
                task.finished() ? null : occurrence,
                null,
                now);
        reminders.insert(armed);
        return ReminderView.of(armed);
    }

    @Transactional
    void delete(String ownerId, UUID taskId, UUID id) {
        task(ownerId, taskId, false);
        if (!reminders.delete(ownerId, taskId, id)) {
            throw new NotFoundException("Reminder", id);
        }
    }

    private static Reminder absolute(String ownerId, UUID taskId, Instant at, Instant now) {
        return new Reminder(UUID.randomUUID(), taskId, ownerId, ReminderKind.ABSOLUTE, at, null, null, null, now);
    }

    private ReminderRepository.TaskDue task(String ownerId, UUID taskId, boolean lock) {
        return reminders.task(ownerId, taskId, lock).orElseThrow(() -> new NotFoundException("Task", taskId));
    }
}
