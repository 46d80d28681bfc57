package org.atom.platform.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code idempotency_key} table (platform migration V3): one row per (user, route, key), claimed by an insert
 * before the request runs, so a concurrent duplicate finds the claim instead of running the request twice. Each
 * statement commits on its own: the claim must be visible to other requests at once.
 */
class IdempotencyStore {

    /** Outcome of trying to claim a key. */
    sealed interface Claim {}

    /** The key is ours: run the request. */
    record Acquired() implements Claim {}

    /** The key already has a stored response for the same body. */
    record Replay(StoredResponse response) implements Claim {}

    /** The first request with this key is still running. */
    record InProgress() implements Claim {}

    /** The key was used with a different request body. */
    record Mismatch() implements Claim {}

    /** What is replayed: status, selected headers, body. */
    record StoredResponse(int status, Map<String, String> headers, byte[] body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private record Row(String requestHash, Instant createdAt, Integer status, String headers, byte[] body) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final Duration processingTimeout;
    private final AtomicLong nextPurge = new AtomicLong();

    IdempotencyStore(JdbcTemplate jdbc, Clock clock, Duration ttl, Duration processingTimeout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
        this.processingTimeout = processingTimeout;
    }

    Claim claim(String userId, String route, String key, String requestHash) {
        purgeExpiredNowAndThen();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            int inserted =
                    jdbc.update("""
                    INSERT INTO idempotency_key (user_id, route, idempotency_key, request_hash, created_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", userId, route, key, requestHash, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            if (inserted == 1) {
                return new Acquired();
            }
            List<Row> rows = jdbc.query("""
                    SELECT request_hash, created_at, response_status, response_headers, response_body
                    FROM idempotency_key WHERE user_id = ? AND route = ? AND idempotency_key = ?""", IdempotencyStore::row, userId, route, key);
            if (rows.isEmpty()) {
                continue; // released by a failed first attempt meanwhile: claim again
            }
            Row row = rows.getFirst();
            boolean expired = row.createdAt().isBefore(now.minus(ttl));
            // a claim whose request never finished (instance died) must not block the key for the whole TTL
            boolean abandoned = row.status() == null && row.createdAt().isBefore(now.minus(processingTimeout));
            if (expired || abandoned) {
                jdbc.update(
                        "DELETE FROM idempotency_key WHERE user_id = ? AND route = ? AND idempotency_key = ? AND created_at = ?",
                        userId,
                        route,
                        key,
                        OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
                continue;
            }
            if (!row.requestHash().equals(requestHash)) {
                return new Mismatch();
            }
            if (row.status() == null) {
                return new InProgress();
            }
            return new Replay(new StoredResponse(row.status(), headers(row.headers()), row.body()));
        }
        return new InProgress(); // lost every race against other requests with this key
    }

    /** Stores the first (successful) response for replay. */
    void complete(String userId, String route, String key, StoredResponse response) {
        jdbc.update(
                """
                UPDATE idempotency_key SET response_status = ?, response_headers = ?, response_body = ?, completed_at = ?
                WHERE user_id = ? AND route = ? AND idempotency_key = ?""",
                response.status(),
                JSON.writeValueAsString(response.headers()),
                response.body(),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                userId,
                route,
                key);
    }

    /** Gives the key back after a failed attempt, so the client may retry with it. */
    void release(String userId, String route, String key) {
        jdbc.update(
                "DELETE FROM idempotency_key WHERE user_id = ? AND route = ? AND idempotency_key = ? AND response_status IS NULL",
                userId,
                route,
                key);
    }

    /** Deletes keys older than the TTL; returns how many. */
    int purgeExpired() {
        return jdbc.update(
                "DELETE FROM idempotency_key WHERE created_at < ?",
                OffsetDateTime.ofInstant(clock.instant().minus(ttl), ZoneOffset.UTC));
    }

    /** Purging rides on claims (at most every few minutes per instance), so no scheduler is needed. */
    private void purgeExpiredNowAndThen() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
            purgeExpired();
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        int status = rs.getInt("response_status");
        boolean running = rs.wasNull();
        return new Row(
                rs.getString("request_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                running ? null : status,
                rs.getString("response_headers"),
                rs.getBytes("response_body"));
    }

    private static Map<String, String> headers(String json) {
        if (json == null) {
            return Map.of();
        }
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    }
}
