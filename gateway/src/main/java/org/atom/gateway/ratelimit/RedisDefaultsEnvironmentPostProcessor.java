package org.atom.gateway.ratelimit;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The Redis starter is on the classpath for the optional Redis rate-limit store, but with the default memory store
 * no Redis is expected anywhere: then Boot's Redis health indicator is off, or a missing Redis would turn the
 * gateway's health DOWN. Spring Cloud Gateway's own Redis rate limiter is never used ({@link RateLimitWebFilter} is
 * the gateway's limiter). Lowest precedence: any configuration overrides these.
 */
public class RedisDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String STORE = "atom.gateway.rate-limits.store";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.cloud.gateway.server.webflux.redis.enabled", false);
        defaults.put("spring.data.redis.repositories.enabled", false);
        String store = Binder.get(environment).bind(STORE, String.class).orElse("memory");
        if (!"redis".equalsIgnoreCase(store.trim())) {
            defaults.put("management.health.redis.enabled", false);
        }
        environment.getPropertySources().addLast(new MapPropertySource("atomGatewayRedisDefaults", defaults));
    }
}
