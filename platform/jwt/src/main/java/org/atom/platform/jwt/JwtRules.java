package org.atom.platform.jwt;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The checks every ATOM resource server applies to an access token, in one place for servlet and reactive. */
public final class JwtRules {

    private JwtRules() {}

    /** The allowed JWS algorithms; tokens signed otherwise (or unsigned) never verify. */
    public static Set<SignatureAlgorithm> algorithms(AtomSecurityProperties properties) {
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : properties.algorithms()) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
            if (algorithm == null) {
                throw new IllegalArgumentException("atom.security.algorithms: unknown JWS algorithm " + name);
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }

    /**
     * Rejects a bearer token longer than {@code atom.security.max-token-length}, before anything parses it.
     *
     * @throws InvalidBearerTokenException when it is too long (the resource server answers 401)
     */
    public static void checkLength(String token, AtomSecurityProperties properties) {
        if (token != null && token.length() > properties.maxTokenLength()) {
            throw new InvalidBearerTokenException("The access token is longer than this server accepts");
        }
    }

    /** Claim checks for tokens of the issuer: {@code exp} required, {@code nbf}, {@code iss}, {@code aud}, {@code sub}. */
    public static OAuth2TokenValidator<Jwt> validator(
            AtomSecurityProperties.Issuer issuer, AtomSecurityProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                // JwtTimestampValidator checks exp only when present: require it
                new JwtClaimValidator<Object>("exp", Objects::nonNull),
                timestamps,
                new JwtIssuerValidator(issuer.uri()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience())),
                new JwtClaimValidator<Object>(
                        "sub", sub -> sub != null && !sub.toString().isBlank())));
    }
}
