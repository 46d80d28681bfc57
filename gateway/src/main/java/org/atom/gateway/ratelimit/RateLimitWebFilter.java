package org.atom.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.atom.gateway.GatewayProperties;
import org.atom.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * In-memory rate limits of one gateway instance: per user for authenticated requests, per client IP otherwise,
 * and a stricter per-IP budget on login and registration. Over the budget → 429 with {@code Retry-After}.
 */
public class RateLimitWebFilter implements WebFilter {

    static final List<String> AUTH_PATHS = List.of("/api/auth/login", "/api/auth/register");

    private final GatewayProperties.RateLimits limits;
    private final Pattern trustedProxies;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets;

    public RateLimitWebFilter(GatewayProperties properties, LongSupplier nanoTime) {
        this.limits = properties.rateLimits();
        this.trustedProxies =
                properties.trustedProxies().isBlank() ? null : Pattern.compile(properties.trustedProxies());
        this.nanoTime = nanoTime;
        Duration longest = max(limits.standard().period(), limits.auth().period());
        // an idle bucket is full again after its period: forgetting it then changes nothing
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(longest)
                .maximumSize(200_000)
                .build();
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
                    TokenBucket bucket = buckets.get(
                            key, k -> new TokenBucket(limit.capacity(), limit.period(), nanoTime.getAsLong()));
                    long waitNanos = bucket.tryTake(nanoTime.getAsLong());
                    if (waitNanos == 0) {
                        return chain.filter(exchange);
                    }
                    long seconds = Math.max(1, Duration.ofNanos(waitNanos).toSeconds() + 1);
                    exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
                    return Problems.write(
                            exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests; retry in " + seconds + " s");
                });
    }

    /** The peer address, or the first X-Forwarded-For entry when the peer is a trusted proxy. */
    String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (trustedProxies != null
                && forwarded != null
                && trustedProxies.matcher(peer).matches()) {
            return forwarded.split(",")[0].trim();
        }
        return peer;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
