package org.atom.auth.token;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.atom.auth.account.AccountDirectory;

/** Issues and revokes a user's tokens: short-lived signed access tokens and rotating opaque refresh tokens. */
public interface Tokens {

    /** Claim naming the session (the refresh-token family) an access token belongs to. */
    String SESSION_CLAIM = "sid";

    /** Claim: when the user last entered their password in this session (epoch seconds, OIDC's auth_time). */
    String AUTH_TIME_CLAIM = "auth_time";

    /** Claim (RFC 8693 §4.1) naming who acts for the subject in an exchanged token: {@code {"sub": "<client id>"}}. */
    String ACTOR_CLAIM = "act";

    /** Claim naming the internal client an exchanged token was issued to (RFC 8693 §4.3). */
    String CLIENT_ID_CLAIM = "client_id";

    /**
     * Longest lifetime of an exchanged token. Signing keys stay published for at least this long after they are
     * retired, whatever the access-token TTL.
     */
    Duration MAX_EXCHANGED_TOKEN_TTL = Duration.ofMinutes(5);

    /** A new session after the user proved their password: an access token and the first refresh token. */
    IssuedTokens issue(AccountDirectory.ActiveAccount account);

    /**
     * Rotates a refresh token: the presented one becomes used and a new one of the same family is returned with a
     * fresh access token. A used (replayed), revoked, expired or unknown token fails with
     * {@link InvalidRefreshTokenException}; a replay also revokes the whole family.
     */
    IssuedTokens refresh(String refreshToken);

    /** Logout: revokes the family of the presented refresh token (unknown tokens are ignored). */
    void revokeFamily(String refreshToken);

    /**
     * Logout with an access token (what the original API's clients send): revokes the session it belongs to, if the
     * token is one of ours and still valid; anything else is ignored.
     */
    void revokeSessionOf(String accessToken);

    /** Revokes every refresh token of the user (deactivation, account deletion). */
    void revokeAll(UUID userId, String reason);

    /** Revokes every session of the user but one (password change: the session that changed it stays). */
    void revokeAllExcept(UUID userId, UUID keptSession, String reason);

    /**
     * Token exchange (RFC 8693): an access token for background work on the user's behalf by an internal client,
     * with {@code act} and {@code client_id} naming the client. Least privilege: the only role is {@code USER}
     * (never {@code ADMIN}), it belongs to no session ({@code sid}) and comes without a refresh token.
     *
     * @param ttl its lifetime, positive and at most {@link #MAX_EXCHANGED_TOKEN_TTL}
     */
    AccessToken issueExchanged(AccountDirectory.ActiveAccount account, String clientId, Duration ttl);

    /**
     * The user id ({@code sub}) of an access token this service signed that is valid now; empty for anything else
     * (expired, foreign issuer, bad signature, not a JWT).
     */
    Optional<UUID> subjectOf(String accessToken);

    /** A lone access token; {@code expiresIn} is its lifetime in seconds. */
    record AccessToken(String accessToken, String tokenType, long expiresIn) {}

    /** What a client receives; {@code expiresIn} is the access token's lifetime in seconds. */
    record IssuedTokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {}
}
