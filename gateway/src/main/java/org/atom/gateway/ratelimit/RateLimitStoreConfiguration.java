package org.atom.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.atom.gateway.GatewayProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The {@link RateLimitStore} chosen by {@code atom.gateway.rate-limits.store}: {@code memory} (default) or
 * {@code redis}, connected through Boot's standard {@code spring.data.redis.*} properties.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitStoreConfiguration {

    @Bean
    RateLimitStore rateLimitStore(
            GatewayProperties gateway,
            ObjectProvider<ReactiveStringRedisTemplate> redis,
            ObjectProvider<MeterRegistry> meters) {
        GatewayProperties.RateLimits limits = gateway.rateLimits();
        return switch (limits.store()) {
            case MEMORY -> new InMemoryRateLimitStore(limits, System::nanoTime);
            case REDIS -> new RedisRateLimitStore(redis.getObject(), limits.redisTimeout(), meters.getObject());
        };
    }

    /**
     * While the connection is down, Redis commands fail at once (the request is let through) instead of queueing
     * until the connection is back.
     */
    @Bean
    @ConditionalOnProperty(name = "atom.gateway.rate-limits.store", havingValue = "redis")
    LettuceClientOptionsBuilderCustomizer rateLimitRedisRejectsCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
