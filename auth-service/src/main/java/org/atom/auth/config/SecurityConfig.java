package org.atom.auth.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.atom.platform.jwt.BearerHeader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * auth-service's additions to the starter's resource server: {@code @PreAuthorize} for the admin endpoints, and
 * no access-token check on the endpoints that authenticate with something else (a password, a refresh token, or
 * an internal client's credentials).
 * There the {@code Authorization} header may carry a refresh token (the original API's form) or a stale access
 * token, and neither must turn the request into a 401 before the endpoint sees it.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    static final Set<String> CREDENTIAL_ENDPOINTS = Set.of(
            "/api/auth/register",
            "/api/auth/login",
            "/api/auth/refresh",
            "/api/auth/logout",
            // token exchange: internal clients authenticate with their own credentials (HTTP Basic or the body)
            "/api/auth/token");

    @Bean
    BearerTokenResolver bearerTokenResolver() {
        return (HttpServletRequest request) -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            if (CREDENTIAL_ENDPOINTS.contains(path) || path.startsWith("/.well-known/")) {
                return null;
            }
            return BearerHeader.token(request.getHeader(HttpHeaders.AUTHORIZATION));
        };
    }
}
