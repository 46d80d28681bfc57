package org.atom.gateway;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * What the gateway routes and how it guards it.
 *
 * @param services service id → the public path patterns it owns (routed to {@code lb://<service>})
 * @param publicPaths {@code METHOD /pattern} or {@code /pattern} entries reachable without a token
 * @param responseTimeout how long a REST route waits for a service's response
 * @param connectTimeout how long to wait for a connection to a service instance
 * @param maxBodySize larger request bodies are refused with 413
 * @param uploads paths allowed a larger body and a longer response timeout than the general ones (e.g. file
 *     imports); the first entry whose path matches applies
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
        @DefaultValue List<Upload> uploads,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue("") String trustedProxies,
        @DefaultValue Cors cors) {

    public GatewayProperties {
        services = new LinkedHashMap<>(services);
        requirePositive("atom.gateway.response-timeout", responseTimeout);
        requirePositive("atom.gateway.connect-timeout", connectTimeout);
        requirePositive("atom.gateway.max-body-size", maxBodySize);
        Set<String> paths = new HashSet<>();
        for (Upload upload : uploads) {
            if (!paths.add(upload.path())) {
                throw new IllegalArgumentException("atom.gateway.uploads: " + upload.path() + " is listed twice");
            }
            if (owner(services, upload.path()) == null) {
                throw new IllegalArgumentException("atom.gateway.uploads: no service in atom.gateway.services owns "
                        + upload.path() + " (an upload is routed to the service whose paths match it)");
            }
        }
        uploads = List.copyOf(uploads);
    }

    /** The service an upload's route goes to: the first in {@code services} with a path matching the upload's. */
    public String serviceOf(Upload upload) {
        return owner(services, upload.path());
    }

    /** The upload's body limit, or the general one. */
    public DataSize maxBodySizeOf(Upload upload) {
        return upload.maxBodySize() != null ? upload.maxBodySize() : maxBodySize;
    }

    /** The upload's response timeout, or the general one. */
    public Duration responseTimeoutOf(Upload upload) {
        return upload.responseTimeout() != null ? upload.responseTimeout() : responseTimeout;
    }

    /**
     * Matches a path that the upload pattern stands for (each segment with a wildcard or variable replaced by a
     * literal) against the services' patterns, as the route predicates would match a request.
     */
    private static String owner(Map<String, List<String>> services, String uploadPattern) {
        StringBuilder sample = new StringBuilder();
        for (String segment : uploadPattern.substring(1).split("/", -1)) {
            sample.append('/').append(segment.matches(".*[*?{].*") ? "x" : segment);
        }
        PathContainer path = PathContainer.parsePath(sample.toString());
        for (Map.Entry<String, List<String>> service : services.entrySet()) {
            for (String pattern : service.getValue()) {
                if (PathPatternParser.defaultInstance.parse(pattern).matches(path)) {
                    return service.getKey();
                }
            }
        }
        return null;
    }

    private static void requirePositive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
    }

    private static void requirePositive(String property, DataSize value) {
        if (value.toBytes() <= 0) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
    }

    /**
     * A path whose requests may be larger and slower than the general limits allow, e.g. a file import. Its route
     * goes to the service that owns the path in {@code services}, with the same circuit breaker, fallback and
     * GET-only retries as that service's other paths.
     *
     * @param path a path pattern, matched like the routes' paths (e.g. {@code /api/calendar/import})
     * @param maxBodySize the body limit there (default: the general {@code max-body-size})
     * @param responseTimeout how long its route waits for the service (default: the general
     *     {@code response-timeout})
     */
    public record Upload(String path, DataSize maxBodySize, Duration responseTimeout) {
        public Upload {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("atom.gateway.uploads: an entry needs a path");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("atom.gateway.uploads: the path " + path + " must start with /");
            }
            try {
                PathPatternParser.defaultInstance.parse(path);
            } catch (PatternParseException e) {
                throw new IllegalArgumentException(
                        "atom.gateway.uploads: " + path + " is not a path pattern: " + e.getMessage());
            }
            if (maxBodySize == null && responseTimeout == null) {
                throw new IllegalArgumentException(
                        "atom.gateway.uploads: " + path + " sets neither max-body-size nor response-timeout");
            }
            if (maxBodySize != null) {
                requirePositive("atom.gateway.uploads: max-body-size of " + path, maxBodySize);
            }
            if (responseTimeout != null) {
                requirePositive("atom.gateway.uploads: response-timeout of " + path, responseTimeout);
            }
        }
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
