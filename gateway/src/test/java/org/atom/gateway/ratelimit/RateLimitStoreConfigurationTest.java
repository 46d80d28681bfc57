package org.atom.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.atom.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which store the gateway uses, and Redis staying out of its health unless the Redis store is chosen. */
class RateLimitStoreConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context ->
                    new RedisDefaultsEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), null))
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    DataRedisReactiveAutoConfiguration.class,
                    DataRedisReactiveHealthContributorAutoConfiguration.class))
            .withUserConfiguration(Infrastructure.class, RateLimitStoreConfiguration.class);

    @Test
    void byDefaultBudgetsLiveInMemoryAndRedisIsNotInTheHealth() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RateLimitStore.class);
            assertThat(context.getBean(RateLimitStore.class)).isInstanceOf(InMemoryRateLimitStore.class);
            assertThat(context).doesNotHaveBean("redisHealthContributor");
        });
    }

    @Test
    void theRedisStoreIsChosenByPropertyAndRedisJoinsTheHealth() {
        runner.withPropertyValues("atom.gateway.rate-limits.store=redis").run(context -> {
            assertThat(context.getBean(RateLimitStore.class)).isInstanceOf(RedisRateLimitStore.class);
            assertThat(context).hasBean("redisHealthContributor");
        });
    }

    @Test
    void anUnknownStoreStopsTheStart() {
        runner.withPropertyValues("atom.gateway.rate-limits.store=etcd")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasMessageContaining("atom.gateway")
                        .rootCause()
                        .hasMessageContaining("etcd"));
    }

    @Test
    void aLimitGivenOnlyItsCapacityKeepsTheOneMinutePeriod() {
        runner.withPropertyValues("atom.gateway.rate-limits.auth.capacity=500").run(context -> {
            GatewayProperties.Limit auth =
                    context.getBean(GatewayProperties.class).rateLimits().auth();
            assertThat(auth.capacity()).isEqualTo(500);
            assertThat(auth.period()).isEqualTo(java.time.Duration.ofMinutes(1));
        });
    }

    @Test
    void aLimitWithoutACapacityStopsTheStartNamingTheSetting() {
        runner.withPropertyValues("atom.gateway.rate-limits.auth.period=2m")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("atom.gateway.rate-limits")
                        .hasMessageContaining("capacity"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Infrastructure {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
