package org.atom.gateway.ratelimit;

import java.util.List;
import org.atom.gateway.GatewayProperties;
import org.atom.gateway.web.ClientAddress;
import org.atom.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits: per user for authenticated requests, per client IP otherwise, and a stricter per-IP budget on login
 * and registration. Over the budget → 429 with {@code Retry-After}. The budgets live in a {@link RateLimitStore}.
 */
public class RateLimitWebFilter implements WebFilter {

    static final List<String> AUTH_PATHS = List.of("/api/auth/login", "/api/auth/register");

    private final GatewayProperties.RateLimits limits;
    private final ClientAddress clientAddress;
    private final RateLimitStore store;

    public RateLimitWebFilter(GatewayProperties properties, RateLimitStore store) {
        this.limits = properties.rateLimits();
        this.clientAddress = new ClientAddress(properties.trustedProxies());
        this.store = store;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(p -> "user:" + p.getName())
                .defaultIfEmpty("")
                .flatMap(userKey -> {
                    ServerHttpRequest request = exchange.getRequest();
                    boolean auth = AUTH_PATHS.contains(request.getPath().value());
                    GatewayProperties.Limit limit = auth ? limits.auth() : limits.standard();
                    String key = auth || userKey.isEmpty() ? (auth ? "auth-ip:" : "ip:") + clientIp(request) : userKey;
                    return store.tryTake(key, limit).flatMap(wait -> {
                        if (wait.isZero()) {
                            return chain.filter(exchange);
                        }
                        long seconds = Math.max(1, wait.toSeconds() + 1);
                        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
                        return Problems.write(
                                exchange,
                                HttpStatus.TOO_MANY_REQUESTS,
                                "Too many requests; retry in " + seconds + " s");
                    });
                });
    }

    /** The client's address, as services receive it ({@link ClientAddress}). */
    String clientIp(ServerHttpRequest request) {
        return clientAddress.resolve(request);
    }
}
