package org.atom.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.atom.platform.jwt.BearerHeader;
import org.atom.platform.jwt.JwtRules;
import org.atom.platform.jwt.RolesConverter;
import org.atom.platform.jwt.VerifiedTokens;
import org.atom.platform.web.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * JWT resource server for every service (defence in depth behind the gateway): tokens from the configured
 * issuers only, signature with an allowed algorithm, {@code iss}, {@code aud}, {@code exp} required, {@code nbf};
 * errors as problem+json.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AtomSecurityProperties.class)
@EnableWebSecurity
public class SecurityAutoConfiguration {

    static final String[] ALWAYS_PUBLIC = {
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs/**",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/error"
    };

    @Bean
    @ConditionalOnMissingBean
    AccessTokens accessTokens(AtomSecurityProperties properties, Clock clock, ObjectProvider<LocalJwtKeys> localKeys) {
        Map<String, AuthenticationProvider> providers = new HashMap<>();
        for (AtomSecurityProperties.Issuer issuer : properties.issuers()) {
            LocalJwtKeys local = localKeys
                    .orderedStream()
                    .filter(keys -> keys.issuer().equals(issuer.uri()))
                    .findFirst()
                    .orElse(null);
            JwtAuthenticationProvider provider = new JwtAuthenticationProvider(
                    local != null ? decoder(local, issuer, properties, clock) : decoder(issuer, properties, clock));
            provider.setJwtAuthenticationConverter(new RolesConverter(issuer));
            providers.put(issuer.uri(), provider);
        }
        // where the keys are local (auth-service), removing one stops its tokens at once: nothing is taken on trust
        int remembered = localKeys.orderedStream().findAny().isPresent() ? 0 : properties.verifiedTokenCache();
        return new AccessTokens(providers, properties, new VerifiedTokens(remembered, clock));
    }

    @Bean
    @ConditionalOnMissingBean(name = "jwtIssuerResolver")
    AuthenticationManagerResolver<HttpServletRequest> jwtIssuerResolver(AccessTokens tokens) {
        AuthenticationManager manager = authentication -> {
            if (authentication instanceof BearerTokenAuthenticationToken bearer) {
                return tokens.authenticate(bearer.getToken());
            }
            return null;
        };
        return request -> manager;
    }

    static NimbusJwtDecoder decoder(
            AtomSecurityProperties.Issuer issuer, AtomSecurityProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.effectiveJwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtRules.algorithms(properties)))
                .build();
        decoder.setJwtValidator(JwtRules.validator(issuer, properties, clock));
        return decoder;
    }

    static NimbusJwtDecoder decoder(
            LocalJwtKeys keys, AtomSecurityProperties.Issuer issuer, AtomSecurityProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.jwkSource())
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtRules.algorithms(properties)))
                .build();
        decoder.setJwtValidator(JwtRules.validator(issuer, properties, clock));
        return decoder;
    }

    /** Reads the bearer header as Spring Security does, without its per-character regular expression. */
    @Bean
    @ConditionalOnMissingBean
    BearerTokenResolver bearerTokenResolver() {
        return request -> BearerHeader.token(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /**
     * No Spring Security observations: read by nothing, and while an observation registry exists Spring Security
     * wraps every filter of the chain to record them (disabling them by name left the wrappers).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain atomSecurityFilterChain(
            HttpSecurity http,
            AtomSecurityProperties properties,
            AuthenticationManagerResolver<HttpServletRequest> jwtIssuerResolver)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(ALWAYS_PUBLIC).permitAll();
                    if (!properties.publicPaths().isEmpty()) {
                        auth.requestMatchers(properties.publicPaths().toArray(String[]::new))
                                .permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(jwtIssuerResolver)
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemResponses.write(
                                    request, response, HttpStatus.UNAUTHORIZED, "A valid access token is required");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Not allowed")))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemResponses.write(
                                    request, response, HttpStatus.UNAUTHORIZED, "A valid access token is required");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Not allowed")));
        return http.build();
    }
}
