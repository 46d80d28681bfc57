package org.atom.auth.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * auth-service settings ({@code atom.auth.*}).
 *
 * @param issuer the {@code iss} of every access token, and the base of the published JWKS URL (the address
 *     resource servers reach this service at, e.g. through the gateway)
 * @param accessTokenTtl lifetime of access tokens; at most 15 minutes
 * @param refreshTokenTtl lifetime of each refresh token (every use issues a new one)
 * @param keyRotation a signing key older than this is replaced at start-up (or earlier by an admin)
 * @param keyRefreshInterval how often an instance reloads the signing keys, to follow rotations made by others
 * @param keyEncryptionKey base64 of the 32-byte AES-256 key that encrypts signing keys at rest
 *     ({@code ATOM_AUTH_KEY_ENCRYPTION_KEY}); required unless {@code allowGeneratedKeyEncryptionKey}
 * @param allowGeneratedKeyEncryptionKey development only: without a key-encryption key, generate one per start
 *     (keys stored by an earlier start then cannot be used and are replaced)
 * @param bootstrapAdminEmail the account registering with this email gets {@code ADMIN}
 *     ({@code ATOM_BOOTSTRAP_ADMIN_EMAIL})
 * @param recentLogin {@code DELETE /api/auth/account} without {@code currentPassword} is allowed this long after
 *     the password was last entered
 * @param hashingConcurrency password hashes computed at once (each Argon2id hash holds 19 MiB); more wait
 * @param loginThrottle back-off after failed logins
 */
@ConfigurationProperties("atom.auth")
public record AuthProperties(
        @DefaultValue("http://localhost:8081") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration keyRotation,
        @DefaultValue("1m") Duration keyRefreshInterval,
        String keyEncryptionKey,
        @DefaultValue("false") boolean allowGeneratedKeyEncryptionKey,
        String bootstrapAdminEmail,
        @DefaultValue("5m") Duration recentLogin,
        @DefaultValue("4") int hashingConcurrency,
        @DefaultValue LoginThrottle loginThrottle) {

    public static final Duration MAX_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

    public AuthProperties {
        if (accessTokenTtl.isNegative()
                || accessTokenTtl.isZero()
                || accessTokenTtl.compareTo(MAX_ACCESS_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException(
                    "atom.auth.access-token-ttl must be positive and at most 15m, was " + accessTokenTtl);
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
            throw new IllegalArgumentException("atom.auth.refresh-token-ttl must be longer than the access-token TTL");
        }
        if (keyRotation.compareTo(accessTokenTtl) <= 0) {
            throw new IllegalArgumentException("atom.auth.key-rotation must be longer than the access-token TTL");
        }
        if (hashingConcurrency < 1) {
            throw new IllegalArgumentException("atom.auth.hashing-concurrency must be at least 1");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("atom.auth.issuer is required");
        }
        issuer = issuer.strip();
    }

    /**
     * Login throttling: after {@code freeFailures} failed attempts in a row, a key (an account's email or a
     * client address) must wait {@code baseDelay}, then twice as long after each further failure, up to
     * {@code maxDelay}. A success resets the account's counter; a counter left alone for {@code resetAfter} starts
     * again from zero.
     */
    public record LoginThrottle(
            @DefaultValue("5") int accountFreeFailures,
            @DefaultValue("20") int ipFreeFailures,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("1h") Duration resetAfter) {}
}
