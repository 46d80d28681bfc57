package org.atom.auth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_account} table, in SQL (docs/adr/0008: no JPA for one table). Updates check and increment the
 * row's {@code version}; a stale one fails with {@link OptimisticLockingFailureException}.
 */
@Repository
class UserAccountRepository {

    private static final String COLUMNS = """
            id, email, email_key, name, password_hash, password_changed_at, time_zone, locale, working_hours,
            preferences, advanced_settings, roles, active, created_at, updated_at, last_login_at, version""";

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = ?")
                .param(id)
                .query(UserAccountRepository::row)
                .optional();
    }

    Optional<UserAccount> findByEmailKey(String emailKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE email_key = ?")
                .param(emailKey)
                .query(UserAccountRepository::row)
                .optional();
    }

    boolean existsByEmailKey(String emailKey) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE email_key = ?)")
                .param(emailKey)
                .query(Boolean.class)
                .single();
    }

    /** Inserts a new account (a taken email key fails with a {@code DuplicateKeyException}). */
    UserAccount insert(UserAccount account) {
        jdbc.sql("""
                        INSERT INTO user_account (%s)
                        VALUES (:id, :email, :emailKey, :name, :passwordHash, :passwordChangedAt, :timeZone, :locale,
                                CAST(:workingHours AS jsonb), CAST(:preferences AS jsonb),
                                CAST(:advancedSettings AS jsonb), :roles, :active, :createdAt, :updatedAt,
                                :lastLoginAt, :version)""".formatted(COLUMNS)).params(parameters(account)).update();
        return account;
    }

    /** Writes every column of the account if its version is still the stored one, and increments the version. */
    UserAccount update(UserAccount account) {
        int rows = jdbc.sql("""
                        UPDATE user_account
                        SET email = :email, email_key = :emailKey, name = :name, password_hash = :passwordHash,
                            password_changed_at = :passwordChangedAt, time_zone = :timeZone, locale = :locale,
                            working_hours = CAST(:workingHours AS jsonb), preferences = CAST(:preferences AS jsonb),
                            advanced_settings = CAST(:advancedSettings AS jsonb), roles = :roles, active = :active,
                            updated_at = :updatedAt, last_login_at = :lastLoginAt, version = :version + 1
                        WHERE id = :id AND version = :version""").params(parameters(account)).update();
        if (rows != 1) {
            throw stale(account);
        }
        account.written();
        return account;
    }

    /** Deletes the account if its version is still the stored one. */
    void delete(UserAccount account) {
        int rows = jdbc.sql("DELETE FROM user_account WHERE id = ? AND version = ?")
                .params(account.id(), account.version())
                .update();
        if (rows != 1) {
            throw stale(account);
        }
    }

    /** Bookkeeping that is not a profile change: no version bump, no {@code updatedAt}. */
    int recordLogin(UUID id, Instant at) {
        return jdbc.sql("UPDATE user_account SET last_login_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /** A transparent re-hash with today's parameters: the profile does not change. */
    int upgradeHash(UUID id, String oldHash, String newHash) {
        return jdbc.sql("UPDATE user_account SET password_hash = ? WHERE id = ? AND password_hash = ?")
                .params(newHash, id, oldHash)
                .update();
    }

    /**
     * The admin list in its order (created, then id), after a keyset position; {@code pattern} is a lower-case
     * {@code LIKE} pattern matched against email and name; {@code active} null means either.
     */
    List<UserAccount> page(Instant afterCreated, UUID afterId, Boolean active, String pattern, int limit) {
        Filter filter = new Filter(active, pattern);
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account"
                        + " WHERE (created_at > :afterCreated OR (created_at = :afterCreated AND id > :afterId))"
                        + filter.and() + " ORDER BY created_at, id LIMIT :limit")
                .param("afterCreated", Timestamp.from(afterCreated))
                .param("afterId", afterId)
                .params(filter.parameters())
                .param("limit", limit)
                .query(UserAccountRepository::row)
                .list();
    }

    long count(Boolean active, String pattern) {
        Filter filter = new Filter(active, pattern);
        return jdbc.sql("SELECT count(*) FROM user_account WHERE TRUE" + filter.and())
                .params(filter.parameters())
                .query(Long.class)
                .single();
    }

    /** The admin list's filters: only those given become conditions. */
    private record Filter(Boolean active, String pattern) {

        String and() {
            List<String> conditions = new ArrayList<>();
            if (active != null) {
                conditions.add(" AND active = :active");
            }
            if (pattern != null) {
                conditions.add(" AND (email_key LIKE :pattern ESCAPE '\\' OR lower(name) LIKE :pattern ESCAPE '\\')");
            }
            return String.join("", conditions);
        }

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new HashMap<>();
            if (active != null) {
                parameters.put("active", active);
            }
            if (pattern != null) {
                parameters.put("pattern", pattern);
            }
            return parameters;
        }
    }

    private static Map<String, Object> parameters(UserAccount account) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", account.id());
        parameters.put("email", account.email());
        parameters.put("emailKey", account.emailKey());
        parameters.put("name", account.name());
        parameters.put("passwordHash", account.passwordHash());
        parameters.put("passwordChangedAt", timestamp(account.passwordChangedAt()));
        parameters.put("timeZone", account.timeZone());
        parameters.put("locale", account.locale());
        parameters.put("workingHours", account.workingHours());
        parameters.put("preferences", account.preferences());
        parameters.put("advancedSettings", account.advancedSettings());
        parameters.put("roles", account.roleNames());
        parameters.put("active", account.active());
        parameters.put("createdAt", timestamp(account.createdAt()));
        parameters.put("updatedAt", timestamp(account.updatedAt()));
        parameters.put("lastLoginAt", timestamp(account.lastLoginAt()));
        parameters.put("version", account.version());
        return parameters;
    }

    private static OptimisticLockingFailureException stale(UserAccount account) {
        return new OptimisticLockingFailureException("user_account " + account.id()
                + " was changed or deleted concurrently (version " + account.version() + ")");
    }

    private static UserAccount row(ResultSet rs, int rowNumber) throws SQLException {
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("email_key"),
                rs.getString("name"),
                rs.getString("password_hash"),
                instant(rs.getTimestamp("password_changed_at")),
                rs.getString("time_zone"),
                rs.getString("locale"),
                rs.getString("working_hours"),
                rs.getString("preferences"),
                rs.getString("advanced_settings"),
                (String[]) rs.getArray("roles").getArray(),
                rs.getBoolean("active"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("last_login_at")),
                rs.getLong("version"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
