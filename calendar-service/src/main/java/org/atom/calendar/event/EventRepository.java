package org.atom.calendar.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for events. Every statement names the owner: no query can reach another user's rows. */
@Repository
class EventRepository {

    /** The columns insert and update write, besides identity, version and creation time. */
    private static final List<String> WRITTEN = List.of(
            "ical_uid",
            "title",
            "description",
            "location",
            "color",
            "all_day",
            "start_at",
            "end_at",
            "start_date",
            "end_date",
            "time_zone",
            "status",
            "event_type",
            "transparency",
            "recurrence",
            "span_start",
            "span_end",
            "recurring_event_id",
            "original_start_at",
            "original_start_date",
            "attendees",
            "reminders",
            "updated_at");

    static final String COLUMNS = "id, owner_id, " + String.join(", ", WRITTEN) + ", version, created_at";

    private static final List<String> JSONB = List.of("attendees", "reminders");

    /** The words {@code q} looks for: title, description and location. */
    static final String SEARCHABLE =
            "to_tsvector('simple', title || ' ' || coalesce(description, '') || ' ' || coalesce(location, ''))";

    private static final TypeReference<List<Attendee>> ATTENDEES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<CalendarEvent> find(String ownerId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event WHERE owner_id = ? AND id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(ownerId, id)
                .query(this::row)
                .optional();
    }

    /** The edited occurrence of a series that replaced the one starting at the instance's original start. */
    Optional<CalendarEvent> findException(String ownerId, InstanceId instance, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM calendar_event
                        WHERE owner_id = ? AND recurring_event_id = ?
                          AND original_start_at IS NOT DISTINCT FROM ? AND original_start_date IS NOT DISTINCT FROM ?""" + (forUpdate ? " FOR UPDATE" : ""))
                .params(
                        ownerId,
                        instance.seriesId(),
                        timestamp(instance.originalStartAt()),
                        instance.originalStartDate())
                .query(this::row)
                .optional();
    }

    /** The series', single events' and edited occurrences' rows whose span meets {@code [from, to)}. */
    List<CalendarEvent> meeting(String ownerId, Instant from, Instant to, String q) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM calendar_event
                        WHERE owner_id = ? AND span_start < ? AND (span_end IS NULL OR span_end > ?)"""
                        + (q == null ? "" : " AND " + SEARCHABLE + " @@ plainto_tsquery('simple', ?)"))
                .params(
                        q == null
                                ? List.of(ownerId, timestamp(to), timestamp(from))
                                : List.of(ownerId, timestamp(to), timestamp(from), q))
                .query(this::row)
                .list();
    }

    /**
     * The edited occurrences of these series that matter to the window {@code [from, to)}: those now overlapping it,
     * and those replacing an occurrence that could overlap it — timed: its original start before {@code to} and that
     * start plus the series' length after {@code from}; all-day: its original date before {@code lastDate} and that
     * date plus the series' days from {@code firstDate} on (the window's dates in the viewer's zone, widened).
     */
    List<CalendarEvent> exceptionsNear(
            String ownerId,
            Collection<UUID> seriesIds,
            Instant from,
            Instant to,
            LocalDate firstDate,
            LocalDate lastDate) {
        if (seriesIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM calendar_event e
                        WHERE owner_id = ? AND recurring_event_id = ANY(?)
                          AND ((span_start < ? AND (span_end IS NULL OR span_end > ?))
                               OR EXISTS (SELECT 1 FROM calendar_event s
                                           WHERE s.owner_id = e.owner_id AND s.id = e.recurring_event_id
                                             AND ((e.original_start_at < ?
                                                   AND e.original_start_at + (s.end_at - s.start_at) > ?)
                                                  OR (e.original_start_date < ?
                                                   AND e.original_start_date + (s.end_date - s.start_date) >= ?))))""")
                .params(
                        ownerId,
                        seriesIds.toArray(UUID[]::new),
                        timestamp(to),
                        timestamp(from),
                        timestamp(to),
                        timestamp(from),
                        lastDate,
                        firstDate)
                .query(this::row)
                .list();
    }

    /** Every edited occurrence of these series, by series and original start. */
    List<CalendarEvent> exceptionsOf(String ownerId, Collection<UUID> seriesIds) {
        if (seriesIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event WHERE owner_id = ? AND recurring_event_id = ANY(?)"
                        + " ORDER BY recurring_event_id, original_start_at, original_start_date")
                .params(ownerId, seriesIds.toArray(UUID[]::new))
                .query(this::row)
                .list();
    }

    /** Single events and series (no edited occurrences) after the keyset position, by span start then id. */
    List<CalendarEvent> page(String ownerId, String q, Instant afterStart, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + COLUMNS + " FROM calendar_event WHERE owner_id = :owner AND recurring_event_id IS NULL");
        if (q != null) {
            sql.append(" AND ").append(SEARCHABLE).append(" @@ plainto_tsquery('simple', :q)");
        }
        if (afterStart != null) {
            sql.append(" AND (span_start, id) > (:afterStart, :afterId)");
        }
        sql.append(" ORDER BY span_start, id LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("owner", ownerId).param("limit", limit);
        if (q != null) {
            statement = statement.param("q", q);
        }
        if (afterStart != null) {
            statement = statement.param("afterStart", timestamp(afterStart)).param("afterId", afterId);
        }
        return statement.query(this::row).list();
    }

    long count(String ownerId, String q) {
        return jdbc.sql("SELECT count(*) FROM calendar_event WHERE owner_id = ? AND recurring_event_id IS NULL"
                        + (q == null ? "" : " AND " + SEARCHABLE + " @@ plainto_tsquery('simple', ?)"))
                .params(q == null ? List.of(ownerId) : List.of(ownerId, q))
                .query(Long.class)
                .single();
    }

    void insert(CalendarEvent event) {
        List<Object> values = new ArrayList<>(List.of(event.id, event.ownerId));
        values.addAll(written(event));
        values.add(event.version);
        values.add(timestamp(event.createdAt));
        jdbc.sql("INSERT INTO calendar_event (id, owner_id, " + String.join(", ", WRITTEN) + ", version, created_at)"
                        + " VALUES (?, ?, " + placeholders() + ", ?, ?)")
                .params(values)
                .update();
    }

    /** Writes the event if it is still at {@code event.version}, and bumps it; false if someone else got there first. */
    boolean update(CalendarEvent event) {
        List<Object> values = new ArrayList<>(written(event));
        values.addAll(List.of(event.ownerId, event.id, event.version));
        int rows = jdbc.sql("UPDATE calendar_event SET (" + String.join(", ", WRITTEN) + ") = (" + placeholders()
                        + "), version = version + 1 WHERE owner_id = ? AND id = ? AND version = ?")
                .params(values)
                .update();
        if (rows == 1) {
            event.version++;
        }
        return rows == 1;
    }

    /**
     * Deletes an event; a series takes its edited occurrences with it (the cascade is a safety net: they are deleted,
     * and announced, first — {@link #deleteExceptionsOf}).
     */
    boolean delete(String ownerId, UUID id) {
        return jdbc.sql("DELETE FROM calendar_event WHERE owner_id = ? AND id = ?")
                        .params(ownerId, id)
                        .update()
                == 1;
    }

    /** Deletes the edited occurrences of a series that start at or after {@code from}; returns them, in order. */
    List<CalendarEvent> deleteExceptionsFrom(String ownerId, UUID seriesId, Instant fromAt, LocalDate fromDate) {
        return inOrder(jdbc.sql("DELETE FROM calendar_event WHERE owner_id = ? AND recurring_event_id = ?"
                        + " AND (original_start_at >= ? OR original_start_date >= ?) RETURNING " + COLUMNS)
                .params(ownerId, seriesId, timestamp(fromAt), fromDate)
                .query(this::row)
                .list());
    }

    /** Deletes every edited occurrence of a series; returns them, in the order of their original starts. */
    List<CalendarEvent> deleteExceptionsOf(String ownerId, UUID seriesId) {
        return inOrder(jdbc.sql(
                        "DELETE FROM calendar_event WHERE owner_id = ? AND recurring_event_id = ? RETURNING " + COLUMNS)
                .params(ownerId, seriesId)
                .query(this::row)
                .list());
    }

    /** Edited occurrences of one series by original start (RETURNING has no order; events published from it do). */
    private static List<CalendarEvent> inOrder(List<CalendarEvent> exceptions) {
        return exceptions.stream()
                .sorted(Comparator.comparing(
                                (CalendarEvent e) -> e.originalStartAt,
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(e -> e.originalStartDate, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** Every event of a user, for erasure. */
    int deleteAll(String ownerId) {
        return jdbc.sql("DELETE FROM calendar_event WHERE owner_id = ?")
                .params(ownerId)
                .update();
    }

    /** The values of {@link #WRITTEN}, in its order. */
    private List<Object> written(CalendarEvent event) {
        return Arrays.asList(
                event.icalUid,
                event.title,
                event.description,
                event.location,
                event.color,
                event.allDay,
                timestamp(event.startAt),
                timestamp(event.endAt),
                event.startDate,
                event.endDate,
                event.timeZone == null ? null : event.timeZone.getId(),
                event.status.value(),
                event.eventType.value(),
                event.transparency.value(),
                event.recurrence.toArray(String[]::new),
                timestamp(event.spanStart()),
                timestamp(event.spanEnd()),
                event.recurringEventId,
                timestamp(event.originalStartAt),
                event.originalStartDate,
                json.writeValueAsString(event.attendees),
                json.writeValueAsString(event.reminders),
                timestamp(event.updatedAt));
    }

    private static String placeholders() {
        return String.join(
                ", ",
                WRITTEN.stream()
                        .map(column -> JSONB.contains(column) ? "?::jsonb" : "?")
                        .toList());
    }

    CalendarEvent row(ResultSet rs, int i) throws SQLException {
        CalendarEvent event = new CalendarEvent(
                rs.getObject("id", UUID.class),
                rs.getString("owner_id"),
                rs.getTimestamp("created_at").toInstant());
        event.icalUid = rs.getString("ical_uid");
        event.title = rs.getString("title");
        event.description = rs.getString("description");
        event.location = rs.getString("location");
        event.color = rs.getString("color");
        event.allDay = rs.getBoolean("all_day");
        event.startAt = instant(rs.getTimestamp("start_at"));
        event.endAt = instant(rs.getTimestamp("end_at"));
        event.startDate = rs.getObject("start_date", LocalDate.class);
        event.endDate = rs.getObject("end_date", LocalDate.class);
        String zone = rs.getString("time_zone");
        event.timeZone = zone == null ? null : ZoneId.of(zone);
        event.status = EventStatus.of(rs.getString("status")).orElseThrow();
        event.eventType = EventType.of(rs.getString("event_type")).orElseThrow();
        event.transparency = Transparency.of(rs.getString("transparency")).orElseThrow();
        event.recurrence =
                List.copyOf(Arrays.asList((String[]) rs.getArray("recurrence").getArray()));
        event.recurringEventId = rs.getObject("recurring_event_id", UUID.class);
        event.originalStartAt = instant(rs.getTimestamp("original_start_at"));
        event.originalStartDate = rs.getObject("original_start_date", LocalDate.class);
        event.attendees = List.copyOf(json.readValue(rs.getString("attendees"), ATTENDEES));
        event.reminders = json.readValue(rs.getString("reminders"), Reminders.class);
        event.version = rs.getLong("version");
        event.updatedAt = rs.getTimestamp("updated_at").toInstant();
        return event;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    // ---- iCalendar import and export (IcsImport, IcsExport)

    /** The single event or series with this iCalendar UID (edited occurrences share it and are not found). */
    Optional<CalendarEvent> findByUid(String ownerId, String icalUid, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM calendar_event WHERE owner_id = ? AND ical_uid = ? AND recurring_event_id IS NULL"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(ownerId, icalUid)
                .query(this::row)
                .optional();
    }

    /** Every row of a user (single events, series, edited occurrences), by span start then id. */
    List<CalendarEvent> all(String ownerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_event WHERE owner_id = ? ORDER BY span_start, id")
                .params(ownerId)
                .query(this::row)
                .list();
    }
}
