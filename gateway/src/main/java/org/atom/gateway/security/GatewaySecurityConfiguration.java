package org.atom.gateway.security;

import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.atom.gateway.GatewayProperties;
import org.atom.gateway.ratelimit.RateLimitStore;
import org.atom.gateway.ratelimit.RateLimitWebFilter;
import org.atom.gateway.web.Problems;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.atom.platform.jwt.BearerHeader;
import org.atom.platform.jwt.JwtRules;
import org.atom.platform.jwt.RolesConverter;
import org.atom.platform.jwt.VerifiedTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Every request needs a valid access token (the same rules as every service: {@link JwtRules}) except the public
 * entry points, the socket routes (their token travels inside the socket protocol and realtime-service checks it)
 * and the gateway's own health and docs. Rejections are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AtomSecurityProperties.class)
public class GatewaySecurityConfiguration {

    static final String[] ALWAYS_PUBLIC = {
        "/socket.io/**",
        "/ws",
        "/ws/**",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/**",
        "/v3/api-docs/**"
    };

    /**
     * Picks the token's issuer's decoder; a token verified before and not yet expired is taken from
     * {@link VerifiedTokens} instead of being parsed and checked again.
     */
    @Bean
    ReactiveAuthenticationManagerResolver<ServerWebExchange> jwtIssuerResolver(
            AtomSecurityProperties properties, Clock clock) {
        Map<String, Mono<ReactiveAuthenticationManager>> managers = new HashMap<>();
        WebClient jwks = jwksClient();
        for (AtomSecurityProperties.Issuer issuer : properties.issuers()) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(issuer.effectiveJwkSetUri())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(JwtRules.algorithms(properties)))
                    .webClient(jwks)
                    .build();
            decoder.setJwtValidator(JwtRules.validator(issuer, properties, clock));
            JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
            manager.setJwtAuthenticationConverter(
                    new ReactiveJwtAuthenticationConverterAdapter(new RolesConverter(issuer)));
            managers.put(issuer.uri(), Mono.just(manager));
        }
        // the token's (unverified) iss picks the decoder; an untrusted issuer gets no decoder at all
        JwtIssuerReactiveAuthenticationManagerResolver byIssuer = new JwtIssuerReactiveAuthenticationManagerResolver(
                issuer -> managers.getOrDefault(issuer, Mono.empty()));
        VerifiedTokens verified = new VerifiedTokens(properties.verifiedTokenCache(), clock);
        return exchange -> Mono.just(authentication -> {
            if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
                return byIssuer.resolve(exchange).flatMap(manager -> manager.authenticate(authentication));
            }
            Authentication known = verified.get(bearer.getToken());
            if (known != null) {
                return Mono.just(known);
            }
            return byIssuer.resolve(exchange)
                    .flatMap(manager -> manager.authenticate(authentication))
                    .doOnNext(result -> verified.put(bearer.getToken(), result));
        });
    }

    /**
     * Key-set fetches must never hang a request (an unknown {@code kid} triggers one): a bounded response time, and
     * pooled connections dropped before an issuer's server closes them as idle.
     */
    static WebClient jwksClient() {
        ConnectionProvider pool = ConnectionProvider.builder("jwks")
                .maxConnections(4)
                .maxIdleTime(Duration.ofSeconds(10))
                .build();
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(Duration.ofSeconds(5));
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    /**
     * No Spring Security observations: read by nothing, and while an observation registry exists Spring Security
     * wraps every filter of the chain to record them (disabling them by name left the wrappers).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            GatewayProperties gateway,
            AtomSecurityProperties properties,
            ReactiveAuthenticationManagerResolver<ServerWebExchange> jwtIssuerResolver,
            RateLimitStore rateLimitStore) {
        // not a bean: WebFlux would also run every WebFilter bean outside the security chain
        RateLimitWebFilter rateLimits = new RateLimitWebFilter(gateway, rateLimitStore);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                // stateless: with Spring's defaults every request created a web session (request cache, security
                // context repository), its id generated on another thread and the request resumed on a third
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .cors(cors -> cors.configurationSource(cors(gateway.cors())))
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(HttpMethod.OPTIONS).permitAll();
                    exchanges.pathMatchers(ALWAYS_PUBLIC).permitAll();
                    for (String entry : gateway.publicPaths()) {
                        String[] parts = entry.trim().split("\\s+", 2);
                        if (parts.length == 2) {
                            exchanges
                                    .pathMatchers(HttpMethod.valueOf(parts[0]), parts[1])
                                    .permitAll();
                        } else {
                            exchanges.pathMatchers(parts[0]).permitAll();
                        }
                    }
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(jwtIssuerResolver)
                        .bearerTokenConverter(bearerTokens(properties))
                        .authenticationEntryPoint((exchange, e) -> {
                            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
                            return Problems.write(
                                    exchange, HttpStatus.UNAUTHORIZED, "A valid access token is required");
                        })
                        .accessDeniedHandler(
                                (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "Not allowed")))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((exchange, e) -> {
                            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
                            return Problems.write(
                                    exchange, HttpStatus.UNAUTHORIZED, "A valid access token is required");
                        })
                        .accessDeniedHandler(
                                (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "Not allowed")))
                // after authentication: the limit is per user when a valid token came, per client IP otherwise
                .addFilterAfter(rateLimits, SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    /**
     * Bearer tokens, length-checked before anything parses them. Refresh and logout carry a refresh token, not an access token — in the body, or as the original clients do in
     * {@code Authorization: Bearer}: the gateway leaves those to auth-service instead of rejecting them as bad JWTs.
     */
    static ServerAuthenticationConverter bearerTokens(AtomSecurityProperties properties) {
        return exchange -> Mono.fromCallable(() -> {
            if (REFRESH_TOKEN_PATHS.contains(exchange.getRequest().getPath().value())) {
                return null;
            }
            String token = BearerHeader.token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
            if (token == null) {
                return null;
            }
            JwtRules.checkLength(token, properties);
            return new BearerTokenAuthenticationToken(token);
        });
    }

    static final java.util.Set<String> REFRESH_TOKEN_PATHS = java.util.Set.of("/api/auth/refresh", "/api/auth/logout");

    static CorsConfigurationSource cors(GatewayProperties.Cors settings) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(settings.allowedOrigins());
        config.setAllowedMethods(settings.allowedMethods());
        config.setAllowedHeaders(List.of("*"));
        config.setExposedHeaders(List.of(
                "X-Request-Id", "Location", "ETag", "Link", "X-Total-Count", "Retry-After", "Idempotent-Replayed"));
        // the realtime affinity cookie must travel with the socket requests
        config.setAllowCredentials(true);
        config.setMaxAge(settings.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
