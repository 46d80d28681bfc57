package org.atom.platform.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Access tokens already verified, by their exact text: a client sends the same token with every request for its
 * lifetime, and parsing it and checking its signature again was a large share of each request's CPU
 * (bench/README.md). Only successful verifications are kept, so a forged or altered token is always checked in full.
 * A token is kept until its {@code exp}, and at most {@link #MAX_AGE}: as long as a resource server keeps an issuer's
 * key set (Nimbus caches it 5 minutes), so a key removed from the set stops its tokens no later than before.
 *
 * <p>Bounded: when full, expired entries go first, then arbitrary ones; a miss only costs a full verification.
 */
public final class VerifiedTokens {

    /** How long a verified token is taken on trust at most. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Entry(Authentication authentication, Instant expiresAt) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    /** @param capacity how many tokens are kept at most; 0 keeps none (every token is verified every time) */
    public VerifiedTokens(int capacity, Clock clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The authentication a still-valid token was verified to, or null: verify it then, and {@link #put} it. */
    public Authentication get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.authentication();
    }

    /** Keeps a successfully verified token; anything but a JWT authentication with an expiry is not kept. */
    public void put(String token, Authentication authentication) {
        if (capacity == 0
                || !(authentication instanceof JwtAuthenticationToken jwt)
                || jwt.getToken().getExpiresAt() == null) {
            return;
        }
        if (entries.size() >= capacity) {
            evict();
        }
        Instant expiresAt = jwt.getToken().getExpiresAt();
        Instant maxAge = clock.instant().plus(MAX_AGE);
        entries.put(token, new Entry(authentication, expiresAt.isBefore(maxAge) ? expiresAt : maxAge));
    }

    int size() {
        return entries.size();
    }

    private void evict() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        if (entries.size() < capacity) {
            return;
        }
        // still full: make room for a tenth, so that a steady overflow does not evict on every put
        Iterator<String> keys = entries.keySet().iterator();
        for (int excess = entries.size() - capacity + Math.max(1, capacity / 10);
                excess > 0 && keys.hasNext();
                excess--) {
            keys.next();
            keys.remove();
        }
    }
}
