package org.atom.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway routes and how it guards it.
 *
 * @param services service id → the public path patterns it owns (routed to {@code lb://<service>})
 * @param publicPaths {@code METHOD /pattern} or {@code /pattern} entries reachable without a token
 * @param responseTimeout how long a REST route waits for a service's response
 * @param connectTimeout how long to wait for a connection to a service instance
 * @param maxBodySize larger request bodies are refused with 413
 * @param rateLimits requests per period: {@code default} per user (per client IP when anonymous), {@code auth}
 *     per client IP on login and registration; {@code store}: {@code memory} (per instance) or {@code redis}
 *     (shared by every instance)
 * @param trustedProxies regular expression of peer addresses whose {@code X-Forwarded-For} is believed
 * @param cors browser origins allowed to call the API
 */
@ConfigurationProperties("atom.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, List<String>> services,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue("") String trustedProxies,
        @DefaultValue Cors cors) {

    public GatewayProperties {
        services = new LinkedHashMap<>(services);
    }

    /**
     * Request budgets, and where they live; {@code redisTimeout} bounds a Redis round trip (slower → not limited).
     */
    public record RateLimits(Limit standard, Limit auth, Store store, Duration redisTimeout) {
        public RateLimits {
            standard = standard != null ? standard : new Limit(600, Duration.ofMinutes(1));
            auth = auth != null ? auth : new Limit(10, Duration.ofMinutes(1));
            store = store != null ? store : Store.MEMORY;
            redisTimeout = redisTimeout != null ? redisTimeout : Duration.ofMillis(250);
        }
    }

    /** Where rate-limit budgets live: in each gateway instance's memory, or in Redis shared by all instances. */
    public enum Store {
        MEMORY,
        REDIS
    }

    /**
     * {@code capacity} requests per {@code period} (default one minute), refilled continuously; bursts up to
     * capacity.
     */
    public record Limit(long capacity, Duration period) {
        public Limit {
            period = period != null ? period : Duration.ofMinutes(1);
            if (capacity <= 0 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(
                        "atom.gateway.rate-limits: a limit needs a positive capacity and period, got " + capacity
                                + " per " + period);
            }
        }
    }

    /** CORS for browser frontends. */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,

            @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
            List<String> allowedMethods,

            @DefaultValue("1h") Duration maxAge) {}
}
