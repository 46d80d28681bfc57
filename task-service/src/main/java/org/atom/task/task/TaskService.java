package org.atom.task.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.atom.platform.recurrence.InvalidRecurrenceException;
import org.atom.platform.recurrence.Recurrence;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.ConflictException;
import org.atom.platform.web.ETags;
import org.atom.platform.web.NotFoundException;
import org.atom.task.project.ProjectLifecycle;
import org.atom.task.project.Projects;
import org.atom.task.publishing.TaskEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Task use cases. Each runs in one transaction with the events it causes (outbox): every task created, changed or
 * removed — subtasks included — publishes exactly one event, and a {@link TaskLifecycle} notice for the service's
 * other features.
 */
@Service
class TaskService {

    private final TaskRepository tasks;
    private final Projects projects;
    private final TaskEvents events;
    private final UserProfiles profiles;
    private final Clock clock;
    private final ApplicationEventPublisher lifecycle;

    TaskService(
            TaskRepository tasks,
            Projects projects,
            TaskEvents events,
            UserProfiles profiles,
            Clock clock,
            ApplicationEventPublisher lifecycle) {
        this.tasks = tasks;
        this.projects = projects;
        this.events = events;
        this.profiles = profiles;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    @Transactional
    TaskView create(String ownerId, TaskInput input) {
        input.requireTitle();
        Instant now = now();
        Task task = new Task(UUID.randomUUID(), ownerId, now);
        apply(task, input, now);
        if (task.parentId != null && !input.has(TaskInput.PROJECT)) {
            // a new subtask goes where its parent is
            task.projectId = tasks.find(ownerId, task.parentId, false)
                    .map(parent -> parent.projectId)
                    .orElse(null);
        }
        if (!input.has(TaskInput.POSITION)) {
            task.position = tasks.nextPosition(ownerId, task.parentId);
        }
        tasks.insert(task);
        List<UUID> blockedBy = applyBlockers(task, input);
        List<TaskView.Subtask> subtasks = new ArrayList<>();
        if (input.subtasks() != null) {
            for (TaskInput.SubtaskInput subtask : input.subtasks()) {
                subtasks.add(createSubtask(task, subtask, now));
            }
        }
        TaskView view = TaskView.of(task, subtasks, blockedBy == null ? List.of() : blockedBy);
        events.created(ownerId, view);
        lifecycle.publishEvent(new TaskLifecycle.Saved(ownerId, null, view));
        touchParent(ownerId, task.parentId, now);
        return view;
    }

    @Transactional(readOnly = true)
    TaskView get(String ownerId, UUID id) {
        return view(find(ownerId, id, false));
    }

    @Transactional
    TaskView update(String ownerId, UUID id, TaskInput input, String ifMatch) {
        Task task = find(ownerId, id, true);
        ETags.checkIfMatch(ifMatch, task.version);
        ETags.checkVersion(input.version(), task.version);
        TaskView before = view(task);
        UUID oldParent = task.parentId;
        Instant now = now();
        boolean wasCompleted = task.status == TaskStatus.COMPLETED;
        apply(task, input, now);
        if (input.has(TaskInput.PARENT) && task.parentId != null) {
            if (tasks.subtree(ownerId, id).contains(task.parentId)) {
                throw BadRequestException.of(TaskInput.PARENT, "must not be the task itself or one of its subtasks");
            }
        }
        task.updatedAt = now;
        boolean completedNow = !wasCompleted && task.status == TaskStatus.COMPLETED;
        Task next = null;
        if (completedNow && task.recurring() && task.nextOccurrenceId == null) {
            next = nextDue(task, now).map(due -> nextOccurrence(task, due, now)).orElse(null);
            task.nextOccurrenceId = next == null ? null : next.id;
        }
        if (!tasks.update(task)) {
            throw new ConflictException("The task changed meanwhile; reload it and try again");
        }
        if (next != null) {
            tasks.insert(next);
            TaskView nextView = TaskView.of(next, List.of(), List.of());
            events.created(ownerId, nextView);
            lifecycle.publishEvent(new TaskLifecycle.Saved(ownerId, null, nextView));
        }
        // a parent shows its subtasks' titles and completion: a change of those is a change of the parent
        boolean shownToParent = !before.title().equals(task.title)
                || before.status().equals(TaskStatus.COMPLETED.value()) != (task.status == TaskStatus.COMPLETED)
                || next != null;
        if (!java.util.Objects.equals(oldParent, task.parentId)) {
            touchParent(ownerId, oldParent, now);
            touchParent(ownerId, task.parentId, now);
        } else if (shownToParent) {
            touchParent(ownerId, task.parentId, now);
        }
        if (input.subtasks() != null) {
            replaceSubtasks(task, input.subtasks(), now);
        }
        applyBlockers(task, input);
        TaskView view = view(task);
        events.updated(ownerId, view, completedNow);
        lifecycle.publishEvent(new TaskLifecycle.Saved(ownerId, before, view));
        return view;
    }

    @Transactional
    void delete(String ownerId, UUID id, String ifMatch) {
        Task task = find(ownerId, id, true);
        ETags.checkIfMatch(ifMatch, task.version);
        deleteTree(ownerId, id);
        touchParent(ownerId, task.parentId, now());
    }

    /**
     * Gives a parent a new version (and its {@code updated} event) when its {@code subtasks} list changed through one
     * of them, so its ETag and the clients showing it follow.
     */
    private void touchParent(String ownerId, UUID parentId, Instant now) {
        if (parentId == null) {
            return;
        }
        tasks.find(ownerId, parentId, true).ifPresent(parent -> {
            parent.updatedAt = now;
            if (!tasks.update(parent)) {
                throw new ConflictException("The parent task changed meanwhile; try again");
            }
            events.updated(ownerId, view(parent), false);
        });
    }

    /**
     * A project is going: its tasks (every level) stay, without a project, each as a change (one event and notice per
     * task), in the project's transaction. Their {@code subtasks} lists do not change: two statements read them all.
     */
    @EventListener
    void detach(ProjectLifecycle.Deleting deleting) {
        String ownerId = deleting.ownerId();
        List<Task> detached = tasks.inProject(ownerId, deleting.projectId());
        if (detached.isEmpty()) {
            return;
        }
        List<UUID> ids = detached.stream().map(task -> task.id).toList();
        Map<UUID, List<TaskView.Subtask>> subtasks = tasks.subtasksOf(ownerId, ids);
        Map<UUID, List<UUID>> blockers = tasks.blockersOf(ownerId, ids);
        Instant now = now();
        tasks.detach(ownerId, deleting.projectId(), now);
        for (Task task : detached) {
            List<TaskView.Subtask> children = subtasks.getOrDefault(task.id, List.of());
            List<UUID> blockedBy = blockers.getOrDefault(task.id, List.of());
            TaskView before = TaskView.of(task, children, blockedBy);
            task.projectId = null;
            task.version++;
            task.updatedAt = now;
            TaskView after = TaskView.of(task, children, blockedBy);
            events.updated(ownerId, after, false);
            lifecycle.publishEvent(new TaskLifecycle.Saved(ownerId, before, after));
        }
    }

    private void deleteTree(String ownerId, UUID id) {
        List<UUID> dependents = tasks.dependentsOf(ownerId, tasks.subtree(ownerId, id));
        List<UUID> removed = tasks.delete(ownerId, id);
        for (UUID gone : removed) {
            events.deleted(ownerId, gone);
        }
        lifecycle.publishEvent(new TaskLifecycle.Deleted(ownerId, removed));
        // tasks that waited for a deleted one no longer list it: that is a change of theirs
        for (UUID dependent : dependents) {
            tasks.find(ownerId, dependent, false).ifPresent(task -> events.updated(ownerId, view(task), false));
        }
    }

    /** Replaces the task's blockers if the input states them; returns them, or null if not stated. */
    private List<UUID> applyBlockers(Task task, TaskInput input) {
        if (!input.has(TaskInput.BLOCKED_BY)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<UUID> blockers =
                input.get(TaskInput.BLOCKED_BY) == null ? List.of() : (List<UUID>) input.get(TaskInput.BLOCKED_BY);
        if (blockers.contains(task.id) || tasks.countOwned(task.ownerId, blockers) != blockers.size()) {
            throw BadRequestException.of(TaskInput.BLOCKED_BY, "must list other tasks of yours");
        }
        if (!blockers.isEmpty() && tasks.blocksAnyOf(task.id, blockers)) {
            throw BadRequestException.of(
                    TaskInput.BLOCKED_BY, "would make a cycle: one of these tasks already waits for this one");
        }
        tasks.setBlockers(task.ownerId, task.id, blockers);
        return blockers;
    }

    /** The original API's inline subtasks, replaced as a whole: listed ones kept or created, the others removed. */
    private void replaceSubtasks(Task parent, List<TaskInput.SubtaskInput> wanted, Instant now) {
        Map<UUID, Task> existing = new HashMap<>();
        for (Task child : tasks.children(parent.ownerId, parent.id)) {
            existing.put(child.id, child);
        }
        for (int i = 0; i < wanted.size(); i++) {
            TaskInput.SubtaskInput subtask = wanted.get(i);
            if (subtask.id() == null) {
                createSubtask(parent, subtask, now);
                continue;
            }
            Task child = existing.remove(subtask.id());
            if (child == null) {
                throw BadRequestException.of(TaskInput.SUBTASKS + "[" + i + "].id", "is not a subtask of this task");
            }
            TaskStatus status = subtask.completed()
                    ? TaskStatus.COMPLETED
                    : child.status == TaskStatus.COMPLETED ? TaskStatus.PENDING : child.status;
            if (!child.title.equals(subtask.title()) || status != child.status) {
                boolean completedNow = status == TaskStatus.COMPLETED && child.status != TaskStatus.COMPLETED;
                TaskView childBefore = view(child);
                child.title = subtask.title();
                child.status(status, now);
                child.updatedAt = now;
                if (!tasks.update(child)) {
                    throw new ConflictException("A subtask changed meanwhile; reload the task and try again");
                }
                TaskView childAfter = view(child);
                events.updated(parent.ownerId, childAfter, completedNow);
                lifecycle.publishEvent(new TaskLifecycle.Saved(parent.ownerId, childBefore, childAfter));
            }
        }
        for (Task removed : existing.values()) {
            deleteTree(parent.ownerId, removed.id);
        }
    }

    private TaskView.Subtask createSubtask(Task parent, TaskInput.SubtaskInput subtask, Instant now) {
        Task child = new Task(UUID.randomUUID(), parent.ownerId, now);
        child.title = subtask.title();
        child.priority = parent.priority;
        child.status(subtask.completed() ? TaskStatus.COMPLETED : TaskStatus.PENDING, now);
        child.parentId = parent.id;
        child.projectId = parent.projectId;
        child.position = tasks.nextPosition(parent.ownerId, parent.id);
        tasks.insert(child);
        TaskView view = TaskView.of(child, List.of(), List.of());
        events.created(parent.ownerId, view);
        lifecycle.publishEvent(new TaskLifecycle.Saved(parent.ownerId, null, view));
        return new TaskView.Subtask(child.id, child.title, subtask.completed());
    }

    /** Applies the stated fields; a due date without a zone takes the task's zone, else the user's. */
    private void apply(Task task, TaskInput input, Instant now) {
        if (input.has(TaskInput.TITLE)) {
            task.title = (String) input.get(TaskInput.TITLE);
        }
        if (input.has(TaskInput.DESCRIPTION)) {
            task.description = (String) input.get(TaskInput.DESCRIPTION);
        }
        if (input.has(TaskInput.ASSIGNEE)) {
            task.assignee = (String) input.get(TaskInput.ASSIGNEE);
        }
        if (input.has(TaskInput.STATUS)) {
            task.status((TaskStatus) input.get(TaskInput.STATUS), now);
        }
        if (input.has(TaskInput.PRIORITY)) {
            task.priority = (TaskPriority) input.get(TaskInput.PRIORITY);
        }
        if (input.has(TaskInput.DEADLINE)) {
            task.deadline = (LocalDate) input.get(TaskInput.DEADLINE);
        }
        if (input.has(TaskInput.IMPORTANT)) {
            task.important = (Boolean) input.get(TaskInput.IMPORTANT);
        }
        if (input.has(TaskInput.TAGS)) {
            @SuppressWarnings("unchecked")
            List<String> tags = (List<String>) input.get(TaskInput.TAGS);
            task.tags = tags == null ? List.of() : tags;
        }
        if (input.has(TaskInput.ESTIMATE)) {
            task.estimateMinutes = (Integer) input.get(TaskInput.ESTIMATE);
        }
        if (input.has(TaskInput.POSITION)) {
            task.position = (Double) input.get(TaskInput.POSITION);
        }
        if (input.has(TaskInput.PARENT)) {
            UUID parent = (UUID) input.get(TaskInput.PARENT);
            if (parent != null
                    && (parent.equals(task.id)
                            || tasks.find(task.ownerId, parent, false).isEmpty())) {
                throw BadRequestException.of(TaskInput.PARENT, "must be the id of another of your tasks");
            }
            task.parentId = parent;
        }
        if (input.has(TaskInput.PROJECT)) {
            UUID project = (UUID) input.get(TaskInput.PROJECT);
            if (project != null && !projects.hold(task.ownerId, project)) {
                throw BadRequestException.of(TaskInput.PROJECT, "must be the id of one of your projects");
            }
            task.projectId = project;
        }
        applyDue(task, input);
        applyRecurrence(task, input);
    }

    private void applyDue(Task task, TaskInput input) {
        if (!input.has(TaskInput.DUE_DATE) && !input.has(TaskInput.TIME_ZONE)) {
            return; // nothing to apply: spares the user's zone lookup
        }
        ZoneId zone =
                task.zone() != null ? task.zone() : profiles.of(task.ownerId).timeZone();
        if (input.get(TaskInput.TIME_ZONE) instanceof ZoneId stated) {
            zone = stated;
        } else if (input.has(TaskInput.TIME_ZONE)) {
            zone = profiles.of(task.ownerId).timeZone();
        }
        if (input.has(TaskInput.DUE_DATE)) {
            task.due = due((TaskInput.DueInput) input.get(TaskInput.DUE_DATE), zone);
        } else if (task.due != null && input.has(TaskInput.TIME_ZONE)) {
            task.due = task.due.inZone(zone);
        }
    }

    private static Due due(TaskInput.DueInput input, ZoneId zone) {
        if (input instanceof TaskInput.DueInput.OnDate onDate) {
            return new Due(onDate.date(), null, zone);
        }
        if (input instanceof TaskInput.DueInput.AtInstant instant) {
            return new Due(null, instant.at().truncatedTo(ChronoUnit.MICROS), zone);
        }
        if (input instanceof TaskInput.DueInput.AtLocalTime local) {
            // a local time that does not exist (DST gap) moves forward by the gap, as RFC 5545 does
            return new Due(null, local.at().atZone(zone).toInstant().truncatedTo(ChronoUnit.MICROS), zone);
        }
        return null;
    }

    /**
     * Checks and anchors a recurring task: one mode only, a due date to recur from, rules valid in its zone
     * (stored in their normal form). The first occurrence's due date or time, local to its zone, anchors a fixed
     * schedule; it moves whenever the rule or the due date is set.
     */
    private static void applyRecurrence(Task task, TaskInput input) {
        if (input.has(TaskInput.RECURRENCE)) {
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) input.get(TaskInput.RECURRENCE);
            task.recurrence = lines;
        }
        if (input.has(TaskInput.REPEAT_AFTER)) {
            task.repeatAfter = (Period) input.get(TaskInput.REPEAT_AFTER);
        }
        if (!task.recurring()) {
            task.recurrenceStart = null;
            return;
        }
        if (task.recurrence != null && task.repeatAfter != null) {
            throw BadRequestException.of(
                    TaskInput.RECURRENCE, "and repeatAfterCompletion exclude each other: choose one");
        }
        if (task.due == null) {
            throw BadRequestException.of(TaskInput.DUE_DATE, "is required for a recurring task");
        }
        if (task.recurrence != null) {
            try {
                task.recurrence =
                        Recurrence.parse(task.recurrence, task.due.zone()).toLines();
            } catch (InvalidRecurrenceException e) {
                throw BadRequestException.of(TaskInput.RECURRENCE, e.getMessage());
            }
        }
        boolean reanchor = task.recurrenceStart == null
                || input.has(TaskInput.RECURRENCE)
                || input.has(TaskInput.REPEAT_AFTER)
                || input.has(TaskInput.DUE_DATE)
                || input.has(TaskInput.TIME_ZONE);
        if (reanchor) {
            task.recurrenceStart = task.due.date() != null
                    ? task.due.date().atStartOfDay()
                    : LocalDateTime.ofInstant(task.due.at(), task.due.zone());
        }
        if (task.seriesId == null) {
            task.seriesId = task.id;
        }
    }

    /**
     * The occurrence after a completed one, if the series goes on. A fixed schedule continues after the completed
     * occurrence's due date — or after today, if that is already past, so a late completion does not create
     * occurrences that are overdue at birth. "After completion" counts from the day it was completed, keeping the
     * time of day. Month ends follow the rule: {@code BYMONTHDAY=-1} is every last day, and P1M from 31 January is 28
     * (or 29) February.
     */
    private static Optional<Due> nextDue(Task task, Instant now) {
        ZoneId zone = task.due.zone();
        if (task.repeatAfter != null) {
            LocalDate day = LocalDate.ofInstant(task.completedAt, zone).plus(task.repeatAfter);
            if (task.due.date() != null) {
                return Optional.of(new Due(day, null, zone));
            }
            Instant at =
                    day.atTime(task.recurrenceStart.toLocalTime()).atZone(zone).toInstant();
            return Optional.of(new Due(null, at, zone));
        }
        Recurrence rule = Recurrence.parse(task.recurrence, zone);
        if (task.due.date() != null) {
            LocalDate yesterday = LocalDate.ofInstant(now, zone).minusDays(1);
            LocalDate after = task.due.date().isBefore(yesterday) ? yesterday : task.due.date();
            return rule.next(task.recurrenceStart.toLocalDate(), after).map(date -> new Due(date, null, zone));
        }
        Instant after = task.due.at().isAfter(now) ? task.due.at() : now;
        return rule.next(task.recurrenceStart, after).map(at -> new Due(null, at.toInstant(), zone));
    }

    /** The next occurrence of a series: the same task, pending, due at its next date. */
    private Task nextOccurrence(Task done, Due due, Instant now) {
        Task next = new Task(UUID.randomUUID(), done.ownerId, now);
        next.title = done.title;
        next.description = done.description;
        next.priority = done.priority;
        next.due = due;
        next.important = done.important;
        next.assignee = done.assignee;
        next.tags = done.tags;
        next.estimateMinutes = done.estimateMinutes;
        next.parentId = done.parentId;
        next.projectId = done.projectId;
        next.recurrence = done.recurrence;
        next.repeatAfter = done.repeatAfter;
        next.recurrenceStart = done.recurrenceStart;
        next.seriesId = done.seriesId;
        next.position = tasks.nextPosition(done.ownerId, done.parentId);
        return next;
    }

    private Task find(String ownerId, UUID id, boolean forUpdate) {
        return tasks.find(ownerId, id, forUpdate).orElseThrow(() -> new NotFoundException("Task", id));
    }

    private TaskView view(Task task) {
        List<UUID> id = List.of(task.id);
        return TaskView.of(
                task,
                tasks.subtasksOf(task.ownerId, id).getOrDefault(task.id, List.of()),
                tasks.blockersOf(task.ownerId, id).getOrDefault(task.id, List.of()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
