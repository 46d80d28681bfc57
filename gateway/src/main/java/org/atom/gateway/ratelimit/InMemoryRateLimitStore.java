package org.atom.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.atom.gateway.GatewayProperties;
import reactor.core.publisher.Mono;

/** Token buckets in this gateway instance's memory (the default): every instance has budgets of its own. */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets;

    public InMemoryRateLimitStore(GatewayProperties.RateLimits limits, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        Duration standard = limits.standard().period();
        Duration auth = limits.auth().period();
        // an idle bucket is full again after its period: forgetting it then changes nothing
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(standard.compareTo(auth) >= 0 ? standard : auth)
                .maximumSize(200_000)
                .build();
    }

    @Override
    public Mono<Duration> tryTake(String key, GatewayProperties.Limit limit) {
        return Mono.fromSupplier(() -> {
            TokenBucket bucket =
                    buckets.get(key, k -> new TokenBucket(limit.capacity(), limit.period(), nanoTime.getAsLong()));
            return Duration.ofNanos(bucket.tryTake(nanoTime.getAsLong()));
        });
    }
}
