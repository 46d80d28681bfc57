package org.atom.platform.users;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code user_profile} table (platform migration V4) of the service's schema. */
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

    Optional<UserProfile> find(String userId) {
        return jdbc
                .query(
                        "SELECT time_zone, locale, working_hours FROM user_profile WHERE user_id = ?",
                        (rs, row) -> new UserProfile(
                                userId,
                                zone(userId, rs.getString("time_zone")),
                                Locale.forLanguageTag(rs.getString("locale")),
                                WorkingHoursJson.read(json.readTree(rs.getString("working_hours")))),
                        userId)
                .stream()
                .findFirst();
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
                        INSERT INTO user_profile (user_id, time_zone, locale, working_hours, event_time, updated_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET
                            time_zone = EXCLUDED.time_zone,
                            locale = EXCLUDED.locale,
                            working_hours = EXCLUDED.working_hours,
                            event_time = EXCLUDED.event_time,
                            updated_at = EXCLUDED.updated_at
                        WHERE user_profile.event_time <= EXCLUDED.event_time
                        """,
                        profile.userId(),
                        profile.timeZone().getId(),
                        profile.locale().toLanguageTag(),
                        WorkingHoursJson.write(profile.workingHours()),
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
