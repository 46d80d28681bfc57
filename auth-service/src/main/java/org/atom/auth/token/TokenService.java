package org.atom.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.atom.auth.account.AccountDirectory;
import org.atom.auth.account.Role;
import org.atom.auth.config.AuthProperties;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.atom.platform.jwt.JwtRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access tokens (RS256 JWTs from {@link SigningKeys}) and refresh tokens: 256 random bits, shown to the client
 * once and stored only as their SHA-256, chained in families (one family = one login session). Every refresh uses
 * up the presented token and returns the next one; presenting a used token again means it leaked (or a client
 * raced itself), so the whole family is revoked.
 */
@Service
class TokenService implements Tokens {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    static final String TOKEN_TYPE = "Bearer";
    private static final int REFRESH_TOKEN_BYTES = 32;
    private static final List<String> EXCHANGED_TOKEN_ROLES = List.of(Role.USER.name());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final SigningKeys keys;
    private final AccountDirectory directory;
    private final Clock clock;
    private final AuthProperties properties;
    private final String audience;
    /** Verifies our own access tokens (logout with an access token), with the rules every service applies. */
    private final JwtDecoder accessTokens;

    TokenService(
            JdbcTemplate jdbc,
            SigningKeys keys,
            AccountDirectory directory,
            Clock clock,
            AuthProperties properties,
            AtomSecurityProperties security) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.directory = directory;
        this.clock = clock;
        this.properties = properties;
        this.audience = security.audience();
        AtomSecurityProperties.Issuer self =
                new AtomSecurityProperties.Issuer(properties.issuer(), null, "roles", Map.of());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.jwkSource())
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtRules.algorithms(security)))
                .build();
        decoder.setJwtValidator(JwtRules.validator(self, security, clock));
        this.accessTokens = decoder;
    }

    private record Presented(
            UUID familyId,
            UUID userId,
            Instant authenticatedAt,
            Instant familyRevokedAt,
            Instant expiresAt,
            Instant usedAt) {}

    @Override
    @Transactional
    public IssuedTokens issue(AccountDirectory.ActiveAccount account) {
        Instant now = now();
        UUID family = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO refresh_token_family (id, user_id, authenticated_at, created_at) VALUES (?, ?, ?, ?)",
                family,
                account.id(),
                Timestamp.from(now),
                Timestamp.from(now));
        return tokens(account, family, now, now);
    }

    @Override
    @Transactional(noRollbackFor = InvalidRefreshTokenException.class)
    public IssuedTokens refresh(String refreshToken) {
        Instant now = now();
        Presented presented =
                find(refreshToken).orElseThrow(() -> new InvalidRefreshTokenException("unknown refresh token"));
        if (presented.familyRevokedAt() != null) {
            throw new InvalidRefreshTokenException("the session of this refresh token has ended");
        }
        if (presented.usedAt() != null) {
            revoke(presented.familyId(), "reuse", now);
            log.warn("Refresh token replayed: session {} of user {} revoked", presented.familyId(), presented.userId());
            throw new InvalidRefreshTokenException("refresh token already used; the session has been ended");
        }
        if (!presented.expiresAt().isAfter(now)) {
            throw new InvalidRefreshTokenException("refresh token expired");
        }
        AccountDirectory.ActiveAccount account =
                directory.activeAccount(presented.userId()).orElse(null);
        if (account == null) {
            revoke(presented.familyId(), "inactive", now);
            throw new InvalidRefreshTokenException("the account is deactivated or gone");
        }
        jdbc.update(
                "UPDATE refresh_token SET used_at = ? WHERE token_hash = ?", Timestamp.from(now), hash(refreshToken));
        return tokens(account, presented.familyId(), presented.authenticatedAt(), now);
    }

    @Override
    @Transactional
    public void revokeFamily(String refreshToken) {
        find(refreshToken).ifPresent(p -> revoke(p.familyId(), "logout", now()));
    }

    @Override
    @Transactional
    public void revokeSessionOf(String accessToken) {
        Jwt jwt;
        try {
            jwt = accessTokens.decode(accessToken);
        } catch (JwtException notValid) {
            return;
        }
        Object sid = jwt.getClaims().get(SESSION_CLAIM);
        if (sid == null) {
            return;
        }
        jdbc.update("""
                UPDATE refresh_token_family SET revoked_at = ?, revoked_reason = 'logout'
                WHERE id::text = ? AND user_id::text = ? AND revoked_at IS NULL
                """, Timestamp.from(now()), sid.toString(), jwt.getSubject());
    }

    @Override
    public AccessToken issueExchanged(AccountDirectory.ActiveAccount account, String clientId, Duration ttl) {
        if (ttl.toSeconds() < 1 || ttl.compareTo(MAX_EXCHANGED_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("an exchanged token lives 1s to " + MAX_EXCHANGED_TOKEN_TTL);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an exchanged token needs the client it is issued to");
        }
        // USER only, whatever the account's roles: background work never acts as an administrator
        JWTClaimsSet claims = accessTokenClaims(account.id(), EXCHANGED_TOKEN_ROLES, now(), ttl)
                .claim(ACTOR_CLAIM, Map.of("sub", clientId))
                .claim(CLIENT_ID_CLAIM, clientId)
                .build();
        return new AccessToken(keys.sign(claims), TOKEN_TYPE, ttl.toSeconds());
    }

    @Override
    public Optional<UUID> subjectOf(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Optional.empty();
        }
        String subject;
        try {
            subject = accessTokens.decode(accessToken).getSubject();
        } catch (JwtException notValid) {
            return Optional.empty();
        }
        try {
            return subject == null ? Optional.empty() : Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException notAUserId) {
            return Optional.empty();
        }
    }

    @Override
    @Transactional
    public void revokeAll(UUID userId, String reason) {
        jdbc.update(
                "UPDATE refresh_token_family SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
                Timestamp.from(now()),
                reason,
                userId);
    }

    @Override
    @Transactional
    public void revokeAllExcept(UUID userId, UUID keptSession, String reason) {
        jdbc.update("""
                UPDATE refresh_token_family SET revoked_at = ?, revoked_reason = ?
                WHERE user_id = ? AND revoked_at IS NULL AND id IS DISTINCT FROM ?
                """, Timestamp.from(now()), reason, userId, keptSession);
    }

    /** Drops refresh tokens expired for a day and sessions with nothing left; returns tokens deleted. */
    @Transactional
    public int purge() {
        Timestamp cutoff = Timestamp.from(now().minus(1, ChronoUnit.DAYS));
        int tokens = jdbc.update("DELETE FROM refresh_token WHERE expires_at < ?", cutoff);
        jdbc.update("""
                DELETE FROM refresh_token_family f
                WHERE f.created_at < ? AND NOT EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = f.id)
                """, cutoff);
        return tokens;
    }

    private IssuedTokens tokens(
            AccountDirectory.ActiveAccount account, UUID family, Instant authenticatedAt, Instant now) {
        String refreshToken = newRefreshToken();
        jdbc.update(
                "INSERT INTO refresh_token (token_hash, family_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                hash(refreshToken),
                family,
                Timestamp.from(now),
                Timestamp.from(now.plus(properties.refreshTokenTtl())));
        JWTClaimsSet claims = accessTokenClaims(account.id(), account.roles(), now, properties.accessTokenTtl())
                .claim(SESSION_CLAIM, family.toString())
                .claim(AUTH_TIME_CLAIM, authenticatedAt.getEpochSecond())
                .build();
        return new IssuedTokens(
                keys.sign(claims),
                refreshToken,
                TOKEN_TYPE,
                properties.accessTokenTtl().toSeconds());
    }

    /**
     * What every access token carries: {@code iss, aud, sub, iat, nbf, exp, jti, roles}. Each kind of token adds
     * its own claims to the builder.
     */
    private JWTClaimsSet.Builder accessTokenClaims(UUID subject, Collection<String> roles, Instant now, Duration ttl) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        return new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(audience)
                .subject(subject.toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles.stream().sorted().toList());
    }

    private Optional<Presented> find(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 512) {
            return Optional.empty();
        }
        // locks the token and its family: concurrent uses of one token serialise, the second sees it used
        List<Presented> rows = jdbc.query(
                """
                SELECT f.id, f.user_id, f.authenticated_at, f.revoked_at, t.expires_at, t.used_at
                FROM refresh_token t JOIN refresh_token_family f ON f.id = t.family_id
                WHERE t.token_hash = ?
                FOR UPDATE OF t, f
                """,
                (rs, i) -> new Presented(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()),
                hash(refreshToken));
        return rows.stream().findFirst();
    }

    private void revoke(UUID family, String reason, Instant now) {
        jdbc.update(
                "UPDATE refresh_token_family SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(now),
                reason,
                family);
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String refreshToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
