package org.atom.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.atom.auth.config.AuthProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed-login back-off per account (the email, whether or not it exists) and per client address, kept in
 * {@code login_throttle} so counts survive restarts and every instance sees them.
 *
 * <p>An attempt is counted <em>before</em> the password is checked, in its own committed transaction, so a burst
 * of parallel guesses cannot all slip in before the first failure is recorded; a successful login then takes its
 * attempt back (and clears the account's counter). After {@code freeFailures} counted attempts a key must wait
 * {@code baseDelay · 2^(n − freeFailures)}, capped at {@code maxDelay}.
 */
@Component
class LoginThrottle {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuthProperties.LoginThrottle settings;

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.settings = properties.loginThrottle();
    }

    /** The outcome of {@link #attempt}: allowed, or blocked for {@code retryAfter}. */
    record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    /** Counts an attempt for both keys unless one of them is still waiting. */
    Decision attempt(String emailKey, String clientAddress) {
        return transaction.execute(tx -> {
            Instant now = clock.instant();
            List<Key> keys = keys(emailKey, clientAddress);
            Instant blockedUntil = null;
            for (Key key : keys) {
                Instant until = lock(key.value());
                if (until != null && until.isAfter(now) && (blockedUntil == null || until.isAfter(blockedUntil))) {
                    blockedUntil = until;
                }
            }
            if (blockedUntil != null) {
                return new Decision(false, Duration.between(now, blockedUntil));
            }
            for (Key key : keys) {
                count(key, now);
            }
            return Decision.ALLOWED;
        });
    }

    /** A successful login: the account starts again from zero; the address gets its attempt back. */
    void succeeded(String emailKey, String clientAddress) {
        transaction.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM login_throttle WHERE throttle_key = ?", accountKey(emailKey));
            jdbc.update("""
                    UPDATE login_throttle
                    SET failures = GREATEST(failures - 1, 0),
                        blocked_until = CASE WHEN failures - 1 >= ? THEN blocked_until END
                    WHERE throttle_key = ?
                    """, settings.ipFreeFailures(), addressKey(clientAddress));
        });
    }

    /** Forgets an account's counter (the account was deleted). */
    void forget(String emailKey) {
        jdbc.update("DELETE FROM login_throttle WHERE throttle_key = ?", accountKey(emailKey));
    }

    /** Drops counters nobody has touched for {@code resetAfter} (they would start from zero anyway). */
    int purge() {
        Instant cutoff = clock.instant().minus(settings.resetAfter());
        return jdbc.update(
                "DELETE FROM login_throttle WHERE last_failure_at < ? AND (blocked_until IS NULL OR blocked_until < ?)",
                Timestamp.from(cutoff),
                Timestamp.from(clock.instant()));
    }

    /** Creates the key's row if needed and locks it; returns until when it is blocked (or null). */
    private Instant lock(String key) {
        jdbc.update("""
                INSERT INTO login_throttle (throttle_key, failures, last_failure_at) VALUES (?, 0, ?)
                ON CONFLICT (throttle_key) DO NOTHING
                """, key, Timestamp.from(clock.instant()));
        Timestamp until = jdbc.queryForObject(
                "SELECT blocked_until FROM login_throttle WHERE throttle_key = ? FOR UPDATE", Timestamp.class, key);
        return until == null ? null : until.toInstant();
    }

    private void count(Key key, Instant now) {
        Integer previous = jdbc.queryForObject(
                "SELECT CASE WHEN last_failure_at < ? THEN 0 ELSE failures END FROM login_throttle WHERE throttle_key = ?",
                Integer.class,
                Timestamp.from(now.minus(settings.resetAfter())),
                key.value());
        int failures = (previous == null ? 0 : previous) + 1;
        Duration delay = delayAfter(failures, key.freeFailures());
        jdbc.update(
                "UPDATE login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ? WHERE throttle_key = ?",
                failures,
                Timestamp.from(now),
                delay.isZero() ? null : Timestamp.from(now.plus(delay)),
                key.value());
    }

    /** The wait after the n-th failure in a row: none for the free ones, then base · 2^k, capped. */
    Duration delayAfter(int failures, int freeFailures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration delay = settings.baseDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private List<Key> keys(String emailKey, String clientAddress) {
        // a fixed order (account, then address) so two attempts never wait on each other's locks in reverse
        return List.of(
                new Key(accountKey(emailKey), settings.accountFreeFailures()),
                new Key(addressKey(clientAddress), settings.ipFreeFailures()));
    }

    private record Key(String value, int freeFailures) {}

    static String accountKey(String emailKey) {
        return "account:" + sha256(emailKey);
    }

    static String addressKey(String clientAddress) {
        return "ip:" + sha256(clientAddress == null ? "unknown" : clientAddress);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
