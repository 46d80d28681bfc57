package org.atom.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.atom.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest {

    private static final GatewayProperties.Limit FOUR_PER_MINUTE =
            new GatewayProperties.Limit(4, Duration.ofMinutes(1));

    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(
            new GatewayProperties.RateLimits(FOUR_PER_MINUTE, FOUR_PER_MINUTE, null, null), now::get);

    @Test
    void aFullBucketAllowsABurstUpToItsCapacityThenSaysHowLongUntilTheNextToken() {
        for (int i = 0; i < 4; i++) {
            assertThat(take("k")).isZero();
        }

        assertThat(take("k")).isEqualTo(Duration.ofSeconds(15));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(take("k")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void tokensComeBackContinuouslyNotAllAtOnceAtTheEndOfThePeriod() {
        for (int i = 0; i < 4; i++) {
            take("k");
        }

        now.addAndGet(Duration.ofSeconds(15).toNanos()); // a quarter of the period: exactly one token
        assertThat(take("k")).isZero();
        assertThat(take("k")).isPositive();
        now.addAndGet(Duration.ofSeconds(7).toNanos()); // half a token is not a token
        assertThat(take("k")).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void anIdleBucketRefillsOnlyUpToItsCapacity() {
        take("k");

        now.addAndGet(Duration.ofHours(1).toNanos());

        for (int i = 0; i < 4; i++) {
            assertThat(take("k")).isZero();
        }
        assertThat(take("k")).isPositive();
    }

    @Test
    void eachKeyHasABucketOfItsOwn() {
        for (int i = 0; i < 4; i++) {
            take("a");
        }

        assertThat(take("a")).isPositive();
        assertThat(take("b")).isZero();
    }

    private Duration take(String key) {
        return store.tryTake(key, FOUR_PER_MINUTE).block();
    }
}
