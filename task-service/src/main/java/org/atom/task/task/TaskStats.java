package org.atom.task.task;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.atom.platform.users.UserProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/tasks/stats}: counts over every task of the user (subtasks included), in one statement.
 * "Today" and "this week" are the user's, in their time zone (read model of auth-service's profile, or the
 * {@code timeZone} query parameter), the week starting on their locale's first day.
 */
@Component
class TaskStats {

    /** Unfinished and past due: an instant passed, or a due day over in the zone it was given in (2 parameters). */
    static final String OVERDUE = "(status NOT IN ('completed', 'cancelled') AND ((due_at IS NOT NULL AND due_at < ?)"
            + " OR (due_date IS NOT NULL AND due_date < (?::timestamptz AT TIME ZONE time_zone)::date)))";

    /** Unfinished and due within [from, to): 4 parameters (two instants, two dates). */
    private static final String DUE_BETWEEN =
            "(status NOT IN ('completed', 'cancelled') AND ((due_at >= ? AND due_at < ?)"
                    + " OR (due_date >= ? AND due_date < ?)))";

    /** The response; {@code inProgress} is the original's {@code in_progress}. */
    record Stats(
            long total,
            long completed,
            long pending,
            long inProgress,
            long cancelled,
            long overdue,
            Map<String, Long> byStatus,
            Map<String, Long> byPriority,
            long dueToday,
            long dueThisWeek,
            long completedToday,
            long completedThisWeek,
            String timeZone) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    TaskStats(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Stats of(String ownerId, UserProfile profile, ZoneId zoneOverride) {
        ZoneId zone = zoneOverride != null ? zoneOverride : profile.timeZone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate tomorrow = today.plusDays(1);
        DayOfWeek firstDay = WeekFields.of(locale(profile)).getFirstDayOfWeek();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(firstDay));
        LocalDate weekEnd = weekStart.plusWeeks(1);

        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (TaskStatus status : TaskStatus.values()) {
            sql.append(", count(*) FILTER (WHERE status = '")
                    .append(status.value())
                    .append("')");
        }
        for (TaskPriority priority : TaskPriority.values()) {
            sql.append(", count(*) FILTER (WHERE priority = '")
                    .append(priority.value())
                    .append("')");
        }
        sql.append(", count(*) FILTER (WHERE ").append(OVERDUE).append(")");
        sql.append(", count(*) FILTER (WHERE ").append(DUE_BETWEEN).append(")");
        sql.append(", count(*) FILTER (WHERE ").append(DUE_BETWEEN).append(")");
        sql.append(", count(*) FILTER (WHERE completed_at >= ? AND completed_at < ?)");
        sql.append(", count(*) FILTER (WHERE completed_at >= ? AND completed_at < ?)");
        sql.append(" FROM task WHERE owner_id = ?");

        Instant todayStart = start(today, zone), tomorrowStart = start(tomorrow, zone);
        Instant weekStartAt = start(weekStart, zone), weekEndAt = start(weekEnd, zone);
        return jdbc.sql(sql.toString())
                .params(
                        ts(now),
                        ts(now),
                        ts(todayStart),
                        ts(tomorrowStart),
                        today,
                        tomorrow,
                        ts(weekStartAt),
                        ts(weekEndAt),
                        weekStart,
                        weekEnd,
                        ts(todayStart),
                        ts(tomorrowStart),
                        ts(weekStartAt),
                        ts(weekEndAt),
                        ownerId)
                .query((rs, i) -> {
                    int column = 1;
                    long total = rs.getLong(column++);
                    Map<String, Long> byStatus = new LinkedHashMap<>();
                    for (TaskStatus status : TaskStatus.values()) {
                        byStatus.put(status.value(), rs.getLong(column++));
                    }
                    Map<String, Long> byPriority = new LinkedHashMap<>();
                    for (TaskPriority priority : TaskPriority.values()) {
                        byPriority.put(priority.value(), rs.getLong(column++));
                    }
                    return new Stats(
                            total,
                            byStatus.get(TaskStatus.COMPLETED.value()),
                            byStatus.get(TaskStatus.PENDING.value()),
                            byStatus.get(TaskStatus.IN_PROGRESS.value()),
                            byStatus.get(TaskStatus.CANCELLED.value()),
                            rs.getLong(column++),
                            byStatus,
                            byPriority,
                            rs.getLong(column++),
                            rs.getLong(column++),
                            rs.getLong(column++),
                            rs.getLong(column),
                            zone.getId());
                })
                .single();
    }

    private static Locale locale(UserProfile profile) {
        return profile.locale() != null ? profile.locale() : UserProfile.DEFAULT_LOCALE;
    }

    private static Instant start(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return TaskRepository.timestamp(instant);
    }
}
