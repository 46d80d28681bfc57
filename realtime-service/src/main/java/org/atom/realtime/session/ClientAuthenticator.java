package org.atom.realtime.session;

import java.time.Instant;
import org.atom.platform.security.AccessTokens;
import org.atom.realtime.delivery.RevokedUsers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Checks the access token a client connects with, by the same rules as every HTTP endpoint (trusted issuers,
 * signature, audience, expiry), and refuses users deactivated since the token was issued.
 */
@Component
public class ClientAuthenticator {

    private final AccessTokens tokens;
    private final RevokedUsers revoked;

    public ClientAuthenticator(AccessTokens tokens, RevokedUsers revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    /** @throws RefusedException with a message for the client when the token is missing or not acceptable */
    public AuthenticatedUser authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new RefusedException("Authentication required: connect with an access token");
        }
        Authentication authentication;
        try {
            authentication = tokens.authenticate(token);
        } catch (AuthenticationException e) {
            String reason = String.valueOf(e.getMessage());
            throw new RefusedException(
                    reason.contains("expired") ? "The access token has expired" : "The access token is invalid");
        }
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            throw new RefusedException("The access token is invalid");
        }
        String userId = jwt.getToken().getSubject();
        Instant issuedAt = jwt.getToken().getIssuedAt();
        if (revoked.isRevoked(userId, issuedAt)) {
            throw new RefusedException("The account is deactivated");
        }
        return new AuthenticatedUser(userId, jwt.getToken().getExpiresAt());
    }
}
