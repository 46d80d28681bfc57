package org.atom.platform.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The one way code gets the caller: the user id is the access token's {@code sub}. */
public final class CurrentUser {

    private CurrentUser() {}

    /** The caller's user id; fails if the request is not authenticated with a JWT. */
    public static String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt
                && jwt.getToken().getSubject() != null) {
            return jwt.getToken().getSubject();
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated user");
    }

    /** The caller's bearer token, to forward on calls made on the user's behalf. */
    public static String token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return jwt.getToken().getTokenValue();
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated user");
    }
}
