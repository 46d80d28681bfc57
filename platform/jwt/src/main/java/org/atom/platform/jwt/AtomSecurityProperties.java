package org.atom.platform.jwt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which access tokens a service accepts. Several issuers may be trusted at once, e.g. auth-service and a
 * Keycloak realm: {@code atom.security.issuers[0].uri=…} or, from the environment,
 * {@code ATOM_SECURITY_ISSUERS_0_URI}, {@code ATOM_SECURITY_ISSUERS_0_JWK_SET_URI}, ….
 *
 * @param audience the audience every token must carry ({@code aud})
 * @param algorithms the JWS algorithms accepted; anything else (including {@code none} and HMAC) is rejected
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
 * @param issuers the trusted issuers; a token from any other issuer is rejected
 * @param publicPaths Ant-style paths that need no token (actuator and API docs are always public)
 * @param maxTokenLength longer bearer tokens are rejected before they are parsed: below the HTTP header limit
 *     (8 KiB), so an oversize token gets a clean 401 rather than a 431 or a parse of attacker-sized JSON
 * @param verifiedTokenCache how many verified access tokens are remembered (until they expire, 5 minutes at most),
 *     so that a client's repeated token is not parsed and signature-checked on every request ({@link VerifiedTokens});
 *     0 turns it off. A service holding its issuer's keys itself (auth-service) remembers none.
 */
@ConfigurationProperties("atom.security")
public record AtomSecurityProperties(
        @DefaultValue("atom-api") String audience,
        @DefaultValue({"RS256", "ES256"}) List<String> algorithms,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue List<Issuer> issuers,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("4096") int maxTokenLength,
        @DefaultValue("1024") int verifiedTokenCache) {

    public AtomSecurityProperties {
        if (maxTokenLength < 256) {
            throw new IllegalArgumentException("atom.security.max-token-length must be at least 256");
        }
        if (verifiedTokenCache < 0) {
            throw new IllegalArgumentException("atom.security.verified-token-cache must not be negative");
        }
    }

    /**
     * One trusted issuer.
     *
     * @param uri the exact {@code iss} value
     * @param jwkSetUri where its keys are published; defaults to {@code <uri>/.well-known/jwks.json}
     * @param rolesClaim where roles are read: {@code roles} (auth-service) or {@code realm_access.roles}
     *     (Keycloak); a dotted path walks nested objects
     * @param roleMapping issuer role → ATOM role ({@code USER}, {@code ADMIN}); roles not listed are ignored.
     *     Empty means the issuer's {@code USER}/{@code ADMIN} roles are taken as they are.
     */
    public record Issuer(
            String uri,
            String jwkSetUri,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue Map<String, String> roleMapping) {

        public String effectiveJwkSetUri() {
            if (jwkSetUri != null && !jwkSetUri.isBlank()) {
                return jwkSetUri;
            }
            return uri.replaceAll("/+$", "") + "/.well-known/jwks.json";
        }
    }
}
