package org.atom.gateway.ratelimit;

import java.time.Duration;
import org.atom.gateway.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * Where the token buckets live: {@link InMemoryRateLimitStore} (each gateway instance has budgets of its own) or
 * {@link RedisRateLimitStore} (one budget shared by every instance).
 */
public interface RateLimitStore {

    /**
     * Takes a token from the bucket {@code key}, which starts full with {@code limit}.
     *
     * @return {@link Duration#ZERO} if a token was taken, else how long until the next one will be available
     */
    Mono<Duration> tryTake(String key, GatewayProperties.Limit limit);
}
