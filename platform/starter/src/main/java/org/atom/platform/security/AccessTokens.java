package org.atom.platform.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.atom.platform.jwt.JwtRules;
import org.atom.platform.jwt.VerifiedTokens;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Verifies an access token given as a string, by the rules of its (configured) issuer: the HTTP resource server
 * uses it for bearer headers, and services whose token travels elsewhere (a socket protocol) call it directly.
 */
public final class AccessTokens {

    private final Map<String, AuthenticationProvider> byIssuer;
    private final AtomSecurityProperties properties;
    private final VerifiedTokens verified;

    AccessTokens(
            Map<String, AuthenticationProvider> byIssuer, AtomSecurityProperties properties, VerifiedTokens verified) {
        this.byIssuer = Map.copyOf(byIssuer);
        this.properties = properties;
        this.verified = verified;
    }

    /**
     * The authenticated token (a {@code JwtAuthenticationToken} with the mapped roles).
     *
     * @throws AuthenticationException when the token is too long, unparsable, from an untrusted issuer, badly
     *     signed, expired or otherwise invalid; its message says which
     */
    public Authentication authenticate(String token) {
        JwtRules.checkLength(token, properties);
        Authentication known = verified.get(token);
        if (known != null) {
            return known;
        }
        // the issuer is read before the signature is checked, only to pick that issuer's keys and rules
        AuthenticationProvider provider = byIssuer.get(unverifiedIssuer(token));
        if (provider == null) {
            throw new InvalidBearerTokenException("The access token is not from a trusted issuer");
        }
        Authentication authentication = provider.authenticate(new BearerTokenAuthenticationToken(token));
        verified.put(token, authentication);
        return authentication;
    }

    private static String unverifiedIssuer(String token) {
        try {
            String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            if (issuer == null) {
                throw new InvalidBearerTokenException("The access token has no issuer");
            }
            return issuer;
        } catch (ParseException e) {
            throw new InvalidBearerTokenException("The access token is not a JWT");
        }
    }
}
