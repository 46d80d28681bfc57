package org.atom.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.atom.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every gateway instance ({@code atom.gateway.rate-limits.store=redis}). A take
 * is one Lua script, so concurrent gateways never lose an update; it reads Redis's clock ({@code TIME}), so the
 * gateways' clocks do not matter; a bucket untouched for its period expires ({@code PEXPIRE}), since it would be
 * full again by then anyway.
 *
 * <p>Fails open: when Redis does not answer (down, unreachable, or slower than the timeout) the request goes through
 * unlimited. The limiter protects the services, and an outage of Redis must not become an outage of the API. Each
 * such request is counted ({@value #ERRORS_METRIC}) and logged at WARN at most once a minute.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    static final String KEY_PREFIX = "atom:ratelimit:";
    static final String ERRORS_METRIC = "atom.gateway.ratelimit.store.errors";

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitStore.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /**
     * KEYS[1]: the bucket, a hash {tokens, at (µs)}; ARGV: capacity, period (µs). Returns 0 when a token was taken,
     * else the µs until the next one. The same arithmetic as {@link TokenBucket}. A refused take writes nothing: the
     * refill is computed from the stored state, so the result would be the same.
     */
    private static final RedisScript<Long> TAKE = RedisScript.of("""
            if redis.replicate_commands then redis.replicate_commands() end
            local capacity = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            local perMicro = capacity / period
            tokens = math.min(capacity, tokens + math.max(0, now - at) * perMicro)
            if tokens < 1 then
              return math.ceil((1 - tokens) / perMicro)
            end
            redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000))
            return 0
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration timeout;
    private final Counter errors;
    private final AtomicReference<CompletableFuture<Optional<RuntimeException>>> connecting = new AtomicReference<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile boolean connected;

    public RedisRateLimitStore(ReactiveStringRedisTemplate redis, Duration timeout, MeterRegistry meters) {
        this.redis = redis;
        this.timeout = timeout;
        this.errors = Counter.builder(ERRORS_METRIC)
                .description("Rate-limit checks Redis did not answer; those requests were let through")
                .register(meters);
    }

    @Override
    public Mono<Duration> tryTake(String key, GatewayProperties.Limit limit) {
        long periodMicros = Math.max(1, limit.period().toNanos() / 1000);
        Mono<Long> take = Mono.defer(() -> redis.execute(
                        TAKE,
                        List.of(KEY_PREFIX + key),
                        List.of(String.valueOf(limit.capacity()), String.valueOf(periodMicros)))
                .single());
        Mono<Long> afterConnecting = connected
                ? take
                : connection().flatMap(failure -> failure.isPresent() ? Mono.error(failure.get()) : take);
        return afterConnecting
                .timeout(timeout)
                .map(micros -> Duration.of(micros, ChronoUnit.MICROS))
                .onErrorResume(this::failOpen);
    }

    /**
     * Spring Data Redis opens its shared connection synchronously, in the subscribing thread, on first use: that
     * would block the event loop (up to the connect timeout when Redis is unreachable). So until it is open, one
     * attempt at a time runs on a thread of its own; requests wait for it only up to their timeout and never cancel
     * it (a slow first connection still succeeds). Completes with the attempt's failure, if any.
     */
    private Mono<Optional<RuntimeException>> connection() {
        CompletableFuture<Optional<RuntimeException>> attempt = connecting.get();
        if (attempt == null || attempt.isDone() && !connected) {
            CompletableFuture<Optional<RuntimeException>> next = new CompletableFuture<>();
            if (connecting.compareAndSet(attempt, next)) {
                Thread.ofVirtual().name("ratelimit-redis-connect").start(() -> {
                    try {
                        redis.getConnectionFactory().getReactiveConnection().close();
                        connected = true;
                        next.complete(Optional.empty());
                    } catch (RuntimeException e) {
                        next.complete(Optional.of(e));
                    }
                });
            }
            attempt = connecting.get();
        }
        return Mono.fromFuture(attempt, true);
    }

    /** Lets the request through: see the class comment. */
    private Mono<Duration> failOpen(Throwable e) {
        errors.increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "Rate limits not enforced: Redis did not answer ({} unchecked requests so far, let through): {}",
                    (long) errors.count(),
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
        }
        return Mono.just(Duration.ZERO);
    }
}
