package org.atom.calendar.share;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for shares. Reads and deletes name the owner, or the grantee's address for what was granted to them. */
@Repository
class ShareRepository {

    private static final String COLUMNS = "id, owner_id, grantee_email, scope, created_at";

    private final JdbcClient jdbc;

    ShareRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the share unless the owner already granted this scope to this address; empty then. */
    Optional<Share> insertIfAbsent(Share share) {
        return jdbc.sql("INSERT INTO calendar_share (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (owner_id, grantee_email, scope) DO NOTHING RETURNING " + COLUMNS)
                .params(
                        share.id(),
                        share.ownerId(),
                        share.granteeEmail(),
                        share.scope().value(),
                        Timestamp.from(share.createdAt()))
                .query(this::row)
                .optional();
    }

    Optional<Share> find(String ownerId, String granteeEmail, ShareScope scope) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM calendar_share WHERE owner_id = ? AND grantee_email = ? AND scope = ?")
                .params(ownerId, granteeEmail, scope.value())
                .query(this::row)
                .optional();
    }

    Optional<Share> find(String ownerId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_share WHERE owner_id = ? AND id = ?")
                .params(ownerId, id)
                .query(this::row)
                .optional();
    }

    /** The owner's shares after the keyset position, by {@code createdAt} then id. */
    List<Share> owned(String ownerId, Instant afterCreatedAt, UUID afterId, int limit) {
        return page("owner_id", ownerId, afterCreatedAt, afterId, limit);
    }

    long countOwned(String ownerId) {
        return count("owner_id", ownerId);
    }

    /** The shares granted to the address after the keyset position, by {@code createdAt} then id. */
    List<Share> grantedTo(String granteeEmail, Instant afterCreatedAt, UUID afterId, int limit) {
        return page("grantee_email", granteeEmail, afterCreatedAt, afterId, limit);
    }

    long countGrantedTo(String granteeEmail) {
        return count("grantee_email", granteeEmail);
    }

    /** Which of these owners granted the scope to the address: one statement for all of them. */
    Set<String> ownersGranting(String granteeEmail, ShareScope scope, Collection<String> ownerIds) {
        if (ownerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT owner_id FROM calendar_share"
                        + " WHERE grantee_email = ? AND scope = ? AND owner_id = ANY(?)")
                .params(granteeEmail, scope.value(), ownerIds.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    boolean delete(String ownerId, UUID id) {
        return jdbc.sql("DELETE FROM calendar_share WHERE owner_id = ? AND id = ?")
                        .params(ownerId, id)
                        .update()
                == 1;
    }

    int deleteOwnedBy(String ownerId) {
        return jdbc.sql("DELETE FROM calendar_share WHERE owner_id = ?")
                .params(ownerId)
                .update();
    }

    int deleteGrantedTo(String granteeEmail) {
        return jdbc.sql("DELETE FROM calendar_share WHERE grantee_email = ?")
                .params(granteeEmail)
                .update();
    }

    // column is one of two constants above, never client input
    private List<Share> page(String column, String value, Instant afterCreatedAt, UUID afterId, int limit) {
        String after = afterCreatedAt == null ? "" : " AND (created_at, id) > (:afterCreatedAt, :afterId)";
        var statement = jdbc.sql("SELECT " + COLUMNS + " FROM calendar_share WHERE " + column + " = :value" + after
                        + " ORDER BY created_at, id LIMIT :limit")
                .param("value", value)
                .param("limit", limit);
        if (afterCreatedAt != null) {
            statement = statement
                    .param("afterCreatedAt", Timestamp.from(afterCreatedAt))
                    .param("afterId", afterId);
        }
        return statement.query(this::row).list();
    }

    private long count(String column, String value) {
        return jdbc.sql("SELECT count(*) FROM calendar_share WHERE " + column + " = ?")
                .params(value)
                .query(Long.class)
                .single();
    }

    private Share row(ResultSet rs, int i) throws SQLException {
        return new Share(
                rs.getObject("id", UUID.class),
                rs.getString("owner_id"),
                rs.getString("grantee_email"),
                ShareScope.of(rs.getString("scope")).orElseThrow(),
                rs.getTimestamp("created_at").toInstant());
    }
}
