package org.atom.platform.jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps an issuer's roles to ATOM's ({@code ROLE_USER}, {@code ROLE_ADMIN}) explicitly: a role the mapping does
 * not name grants nothing, so a Keycloak realm's {@code offline_access} or {@code default-roles-*} never leak in.
 * The authentication's name is the token's {@code sub}.
 */
public class RolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final Set<String> ATOM_ROLES = Set.of("USER", "ADMIN");

    private final String[] claimPath;
    private final Map<String, String> mapping;

    public RolesConverter(AtomSecurityProperties.Issuer issuer) {
        this.claimPath = issuer.rolesClaim().split("\\.");
        this.mapping = issuer.roleMapping();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : rolesIn(jwt.getClaims())) {
            String atomRole = mapping.isEmpty() ? (ATOM_ROLES.contains(role) ? role : null) : mapping.get(role);
            if (atomRole != null && ATOM_ROLES.contains(atomRole)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + atomRole));
            }
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private Collection<String> rolesIn(Map<String, Object> claims) {
        Object node = claims;
        for (String segment : claimPath) {
            if (!(node instanceof Map<?, ?> map)) {
                return Set.of();
            }
            node = map.get(segment);
        }
        if (node instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return Set.of();
    }
}
