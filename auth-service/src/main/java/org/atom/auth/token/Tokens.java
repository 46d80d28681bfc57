package org.atom.auth.token;

import java.util.UUID;
import org.atom.auth.account.AccountDirectory;

/** Issues and revokes a user's tokens: short-lived signed access tokens and rotating opaque refresh tokens. */
public interface Tokens {

    /** Claim naming the session (the refresh-token family) an access token belongs to. */
    String SESSION_CLAIM = "sid";

    /** Claim: when the user last entered their password in this session (epoch seconds, OIDC's auth_time). */
    String AUTH_TIME_CLAIM = "auth_time";

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

    /** What a client receives; {@code expiresIn} is the access token's lifetime in seconds. */
    record IssuedTokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {}
}
