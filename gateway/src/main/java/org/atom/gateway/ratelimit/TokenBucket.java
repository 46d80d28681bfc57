package org.atom.gateway.ratelimit;

import java.time.Duration;

/** A token bucket refilled continuously: {@code capacity} tokens per {@code period}, bursts up to capacity. */
final class TokenBucket {

    private final long capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(long capacity, Duration period, long now) {
        this.capacity = capacity;
        this.tokensPerNano = (double) capacity / period.toNanos();
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token; returns 0 if one was available, else how long (ns) until the next one will be. */
    synchronized long tryTake(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
}
