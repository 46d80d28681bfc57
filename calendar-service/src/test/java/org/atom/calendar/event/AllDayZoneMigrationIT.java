package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import db.migration.V4__All_day_events_have_no_time_zone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.atom.calendar.CalendarServiceContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Migration V4 on rows as they were before it (all-day events with the zone a client sent), and V5's CHECK that keeps
 * all-day rows without one. Everything happens in one transaction that is rolled back (V5's constraint is dropped
 * inside it to write the old rows), so no other test sees these rows.
 */
@CalendarServiceContext
class AllDayZoneMigrationIT {

    @Autowired
    DataSource dataSource;

    @Test
    void v4DropsTheZoneOfAllDayRowsAndTurnsTheirRecurrenceIntoTheDatesItMeantAndV5KeepsItSo() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Savepoint clean = connection.setSavepoint();
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("ALTER TABLE calendar_event DROP CONSTRAINT calendar_event_all_day_without_time_zone");
                }
                // as stored before: lines normalised in the series' zone (Berlin midnights, a UTC instant)
                UUID series = insert(
                        connection,
                        true,
                        "Europe/Berlin",
                        List.of(
                                "RRULE:FREQ=WEEKLY;UNTIL=20260328T230000Z",
                                "RDATE;TZID=Europe/Berlin:20260311T000000",
                                "EXDATE:20260307T230000Z"));
                UUID single = insert(connection, true, "America/New_York", List.of());
                UUID timed = insert(connection, false, "Europe/Berlin", List.of("RRULE:FREQ=DAILY;COUNT=2"));

                int changed = V4__All_day_events_have_no_time_zone.floatAllDayEvents(connection);

                assertThat(changed).isGreaterThanOrEqualTo(2);
                assertThat(row(connection, series))
                        .isEqualTo("null [RRULE:FREQ=WEEKLY;UNTIL=20260329, RDATE;VALUE=DATE:20260311,"
                                + " EXDATE;VALUE=DATE:20260308] 1");
                assertThat(row(connection, single)).isEqualTo("null [] 1");
                assertThat(row(connection, timed)).isEqualTo("Europe/Berlin [RRULE:FREQ=DAILY;COUNT=2] 1");

                // V5 again, as the migration left the rows: it holds, and refuses an all-day row with a zone
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("ALTER TABLE calendar_event ADD CONSTRAINT calendar_event_all_day_without_time_zone"
                            + " CHECK (NOT all_day OR time_zone IS NULL)");
                }
                connection.rollback(clean);
                assertThatThrownBy(() -> insert(connection, true, "Europe/Berlin", List.of()))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("calendar_event_all_day_without_time_zone");
            } finally {
                connection.rollback();
            }
        }
    }

    private static UUID insert(Connection connection, boolean allDay, String zone, List<String> recurrence)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO calendar_event (id, owner_id, ical_uid, title, all_day, start_at, end_at, start_date,
                                            end_date, time_zone, status, event_type, recurrence, span_start, version,
                                            created_at, updated_at)
                VALUES (?, ?, ?, 'old', ?, ?, ?, ?, ?, ?, 'confirmed', 'default', ?, '2026-03-01T00:00:00Z', 1,
                        now(), now())""")) {
            insert.setObject(1, id);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, id + "@atom");
            insert.setBoolean(4, allDay);
            insert.setObject(5, allDay ? null : java.time.OffsetDateTime.parse("2026-03-01T08:00:00Z"));
            insert.setObject(6, allDay ? null : java.time.OffsetDateTime.parse("2026-03-01T09:00:00Z"));
            insert.setObject(7, allDay ? java.time.LocalDate.parse("2026-03-01") : null);
            insert.setObject(8, allDay ? java.time.LocalDate.parse("2026-03-02") : null);
            insert.setString(9, zone);
            insert.setArray(10, connection.createArrayOf("text", recurrence.toArray(String[]::new)));
            insert.executeUpdate();
        }
        return id;
    }

    /** "zone [lines] version" of a row. */
    private static String row(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT time_zone, recurrence, version FROM calendar_event WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1) + " " + List.of((String[]) rs.getArray(2).getArray()) + " " + rs.getLong(3);
            }
        }
    }
}
