package org.atom.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.gateway.GatewayProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import redis.embedded.RedisServer;

/**
 * {@link RedisRateLimitStore} against a real Redis server (embedded-redis runs the Redis binary it ships), without a
 * Spring context: each store stands for one gateway instance with a connection of its own.
 */
class RedisRateLimitStoreIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static RedisServer redis;
    private static int port;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<LettuceConnectionFactory> connections = new ArrayList<>();
    private final String key = "test:" + UUID.randomUUID();

    @BeforeAll
    static void startRedis() throws IOException {
        port = freePort();
        redis = startRedis(port);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void twoGatewaysShareOneBudget() {
        RedisRateLimitStore gatewayA = store(port, TIMEOUT);
        RedisRateLimitStore gatewayB = store(port, TIMEOUT);
        GatewayProperties.Limit threePerMinute = new GatewayProperties.Limit(3, Duration.ofMinutes(1));

        assertThat(take(gatewayA, threePerMinute)).isZero();
        assertThat(take(gatewayB, threePerMinute)).isZero();
        assertThat(take(gatewayA, threePerMinute)).isZero();

        // a token comes back every 20 s
        assertThat(take(gatewayB, threePerMinute)).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(take(gatewayA, threePerMinute)).isPositive();
        // another key is another budget
        assertThat(gatewayA.tryTake(key + ":other", threePerMinute).block()).isZero();
    }

    @Test
    void concurrentTakesFromTwoGatewaysNeverExceedTheBudget() {
        RedisRateLimitStore gatewayA = store(port, TIMEOUT);
        RedisRateLimitStore gatewayB = store(port, TIMEOUT);
        GatewayProperties.Limit thirtyPerHour = new GatewayProperties.Limit(30, Duration.ofHours(1));

        List<Duration> waits = Flux.range(0, 80)
                .flatMap(i -> (i % 2 == 0 ? gatewayA : gatewayB).tryTake(key, thirtyPerHour), 80)
                .collectList()
                .block();

        assertThat(waits).filteredOn(Duration::isZero).hasSize(30);
        assertThat(meters.get(RedisRateLimitStore.ERRORS_METRIC).counter().count())
                .isZero();
    }

    @Test
    void theBudgetRefillsContinuouslyOverThePeriod() {
        RedisRateLimitStore gateway = store(port, TIMEOUT);
        GatewayProperties.Limit twoPerTwoSeconds = new GatewayProperties.Limit(2, Duration.ofSeconds(2));

        assertThat(take(gateway, twoPerTwoSeconds)).isZero();
        assertThat(take(gateway, twoPerTwoSeconds)).isZero();
        // one token per second, not the whole budget at the end of the period
        assertThat(take(gateway, twoPerTwoSeconds)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> take(gateway, twoPerTwoSeconds).isZero());
    }

    @Test
    void bucketsArePrefixedAndExpireAfterThePeriod() {
        RedisRateLimitStore gateway = store(port, TIMEOUT);
        ReactiveStringRedisTemplate redisClient = new ReactiveStringRedisTemplate(connections.getFirst());
        String redisKey = "atom:ratelimit:" + key;

        take(gateway, new GatewayProperties.Limit(5, Duration.ofSeconds(2)));

        assertThat(redisClient.getExpire(redisKey).block()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !redisClient.hasKey(redisKey).block());
    }

    @Test
    void anUnreachableRedisLetsRequestsThroughAndCountsTheError() throws IOException {
        RedisRateLimitStore gateway = store(freePort(), TIMEOUT); // nothing listens there
        GatewayProperties.Limit onePerHour = new GatewayProperties.Limit(1, Duration.ofHours(1));

        assertThat(take(gateway, onePerHour)).isZero();
        assertThat(take(gateway, onePerHour)).isZero();

        assertThat(meters.get(RedisRateLimitStore.ERRORS_METRIC).counter().count())
                .isEqualTo(2);
    }

    @Test
    void aRedisThatNeverAnswersLetsRequestsThroughAfterTheTimeout() throws IOException {
        // the kernel accepts the connection, nobody ever answers the handshake
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RedisRateLimitStore gateway = store(silent.getLocalPort(), Duration.ofMillis(200));
            GatewayProperties.Limit onePerHour = new GatewayProperties.Limit(1, Duration.ofHours(1));

            long start = System.nanoTime();
            assertThat(take(gateway, onePerHour)).isZero();
            assertThat(take(gateway, onePerHour)).isZero();

            // well under the connection's own 10 s connect timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(meters.get(RedisRateLimitStore.ERRORS_METRIC).counter().count())
                    .isEqualTo(2);
        }
    }

    @Test
    void aRedisThatGoesAwayLetsRequestsThroughUntilItIsBack() throws IOException {
        int otherPort = freePort();
        RedisServer other = startRedis(otherPort);
        RedisRateLimitStore gateway = store(otherPort, TIMEOUT);
        GatewayProperties.Limit onePerHour = new GatewayProperties.Limit(1, Duration.ofHours(1));
        assertThat(take(gateway, onePerHour)).isZero();
        assertThat(take(gateway, onePerHour)).isPositive();

        other.stop();

        assertThat(take(gateway, onePerHour)).isZero();
        assertThat(meters.get(RedisRateLimitStore.ERRORS_METRIC).counter().count())
                .isEqualTo(1);

        // the connection comes back by itself: limits hold again (the new server starts with an empty budget)
        other = startRedis(otherPort);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> take(gateway, onePerHour).isPositive());
        } finally {
            other.stop();
        }
    }

    private Duration take(RedisRateLimitStore store, GatewayProperties.Limit limit) {
        return store.tryTake(key, limit).block();
    }

    /** One gateway instance: a connection of its own, set up as the gateway's configuration does. */
    private RedisRateLimitStore store(int redisPort, Duration timeout) {
        LettuceConnectionFactory connection = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", redisPort),
                LettuceClientConfiguration.builder()
                        .clientOptions(ClientOptions.builder()
                                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                .socketOptions(SocketOptions.builder()
                                        .connectTimeout(Duration.ofSeconds(10))
                                        .build())
                                .build())
                        .build());
        connection.afterPropertiesSet();
        connection.start();
        connections.add(connection);
        return new RedisRateLimitStore(new ReactiveStringRedisTemplate(connection), timeout, meters);
    }

    private static RedisServer startRedis(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
