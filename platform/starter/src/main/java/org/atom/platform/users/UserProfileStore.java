package org.atom.platform.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code user_profile} table (platform migrations V4, V5) of the service's schema. */
class UserProfileStore {

    private static final Logger log = LoggerFactory.getLogger(UserProfileStore.class);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;

    UserProfileStore(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    private static final String COLUMNS = "user_id, time_zone, locale, working_hours, email";

    Optional<UserProfile> find(String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM user_profile WHERE user_id = ?", this::row, userId).stream()
                .findFirst();
    }

    /** By email, case-insensitively; of two rows with the address (a moment's overlap), the later event's. */
    Optional<UserProfile> findByEmail(String email) {
        String normalized = UserProfile.normalizedEmail(email);
        if (normalized == null) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM user_profile WHERE email = ? ORDER BY event_time DESC LIMIT 1",
                        this::row,
                        normalized)
                .stream()
                .findFirst();
    }

    /** One statement for any number of users. */
    Map<String, UserProfile> findAll(Collection<String> userIds) {
        Map<String, UserProfile> found = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        List<UserProfile> rows =
                jdbc.query("SELECT " + COLUMNS + " FROM user_profile WHERE user_id = ANY(?)", this::row, (Object)
                        userIds.stream().distinct().toArray(String[]::new));
        rows.forEach(profile -> found.put(profile.userId(), profile));
        return found;
    }

    private UserProfile row(ResultSet rs, int row) throws SQLException {
        String userId = rs.getString("user_id");
        return new UserProfile(
                userId,
                zone(userId, rs.getString("time_zone")),
                Locale.forLanguageTag(rs.getString("locale")),
                WorkingHoursJson.read(json.readTree(rs.getString("working_hours"))),
                rs.getString("email"));
    }

    /**
     * Stores the profile as of {@code eventTime} unless the row already reflects a later event (events of one user
     * normally arrive in order; a replay or a late duplicate must not move the profile back).
     *
     * @return whether the row was written
     */
    boolean upsert(UserProfile profile, Instant eventTime) {
        return jdbc.update(
                        """
                        INSERT INTO user_profile
                            (user_id, time_zone, locale, working_hours, email, event_time, updated_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET
                            time_zone = EXCLUDED.time_zone,
                            locale = EXCLUDED.locale,
                            working_hours = EXCLUDED.working_hours,
                            email = EXCLUDED.email,
                            event_time = EXCLUDED.event_time,
                            updated_at = EXCLUDED.updated_at
                        WHERE user_profile.event_time <= EXCLUDED.event_time
                        """,
                        profile.userId(),
                        profile.timeZone().getId(),
                        profile.locale().toLanguageTag(),
                        WorkingHoursJson.write(profile.workingHours()),
                        profile.email(),
                        utc(eventTime),
                        utc(clock.instant()))
                == 1;
    }

    /** @return whether there was a row */
    boolean delete(String userId) {
        return jdbc.update("DELETE FROM user_profile WHERE user_id = ?", userId) == 1;
    }

    private static ZoneId zone(String userId, String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            // stored by a JVM whose time-zone database knew the id; this one does not
            log.warn("Unknown time zone {} of user {}; using {}", id, userId, UserProfile.DEFAULT_TIME_ZONE);
            return UserProfile.DEFAULT_TIME_ZONE;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
