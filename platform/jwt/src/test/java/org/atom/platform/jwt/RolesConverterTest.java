package org.atom.platform.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesConverterTest {

    @Test
    void ourIssuersRolesAreTakenAsTheyAreButOnlyKnownOnes() {
        var converter = new RolesConverter(new AtomSecurityProperties.Issuer("http://auth", null, "roles", Map.of()));

        var token = converter.convert(jwt(Map.of("roles", List.of("USER", "ADMIN", "ROOT"))));

        assertThat(token.getAuthorities())
                .map(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_USER", "ROLE_ADMIN");
        assertThat(token.getName()).isEqualTo("user-1");
    }

    @Test
    void keycloakRealmRolesAreMappedAndUnmappedOnesDropped() {
        var converter = new RolesConverter(new AtomSecurityProperties.Issuer(
                "http://kc/realms/atom",
                null,
                "realm_access.roles",
                Map.of("atom-admin", "ADMIN", "atom-user", "USER")));

        var token = converter.convert(jwt(Map.of(
                "realm_access", Map.of("roles", List.of("atom-admin", "offline_access", "default-roles-atom")),
                "roles", List.of("USER"))));

        assertThat(token.getAuthorities()).map(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aMissingOrMalformedRolesClaimGrantsNothing() {
        var converter = new RolesConverter(
                new AtomSecurityProperties.Issuer("http://kc", null, "realm_access.roles", Map.of("a", "USER")));

        assertThat(converter
                        .convert(jwt(Map.of("realm_access", "not-an-object")))
                        .getAuthorities())
                .isEmpty();
        assertThat(converter.convert(jwt(Map.of("other", 1))).getAuthorities()).isEmpty();
    }

    @Test
    void theJwkSetUriDefaultsToTheIssuersWellKnownDocument() {
        assertThat(new AtomSecurityProperties.Issuer("http://auth-service/", null, "roles", Map.of())
                        .effectiveJwkSetUri())
                .isEqualTo("http://auth-service/.well-known/jwks.json");
        assertThat(new AtomSecurityProperties.Issuer("http://a", "http://b/keys", "roles", Map.of())
                        .effectiveJwkSetUri())
                .isEqualTo("http://b/keys");
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("user-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
