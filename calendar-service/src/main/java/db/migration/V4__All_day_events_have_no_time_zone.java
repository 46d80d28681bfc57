package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.platform.recurrence.Recurrence;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * All-day events keep no time zone any more: their dates are floating, as in Google Calendar. Rows written before kept
 * the zone a client sent with them; it goes, and an all-day series' date-times (RDATE, EXDATE, a DATE-TIME UNTIL),
 * which were read in that zone, become the dates they stood for there ({@link Recurrence#withDatesOnly}): the same
 * occurrences, now the same whatever zone reads them. Versions stay and nothing is published: nothing a client sees
 * changes (the API never showed an all-day event's zone). Java, not SQL, because only the recurrence engine can read
 * the lines; the schema change that follows (a CHECK) is plain SQL, V5.
 */
public class V4__All_day_events_have_no_time_zone extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        floatAllDayEvents(context.getConnection());
    }

    /** Drops the zone of every all-day row, turning its recurrence into dates; returns how many rows changed. */
    public static int floatAllDayEvents(Connection connection) throws SQLException {
        record Row(UUID id, List<String> recurrence) {}
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT id, time_zone, recurrence FROM calendar_event"
                                + " WHERE all_day AND time_zone IS NOT NULL FOR UPDATE");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                List<String> lines =
                        List.of((String[]) rs.getArray("recurrence").getArray());
                ZoneId zone = ZoneId.of(rs.getString("time_zone"));
                rows.add(new Row(
                        rs.getObject("id", UUID.class),
                        lines.isEmpty()
                                ? lines
                                : Recurrence.parse(lines, zone).withDatesOnly().toLines()));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE calendar_event SET time_zone = NULL, recurrence = ? WHERE id = ?")) {
            for (Row row : rows) {
                Array lines = connection.createArrayOf("text", row.recurrence().toArray(String[]::new));
                update.setArray(1, lines);
                update.setObject(2, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
        return rows.size();
    }
}
