package org.atom.realtime.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atom.realtime.config.RealtimeProperties;
import org.springframework.stereotype.Component;

/**
 * Users deactivated or deleted within the replay window (rebuilt from Kafka on start): their tokens issued
 * before that moment are refused, although the tokens themselves stay valid elsewhere until they expire.
 */
@Component
public class RevokedUsers {

    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;

    public RevokedUsers(RealtimeProperties properties, Clock clock) {
        this.window = properties.replayWindow();
        this.clock = clock;
    }

    void revoke(String userId, Instant at) {
        revokedAt.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    void restore(String userId) {
        revokedAt.remove(userId);
    }

    /** Whether a token of the user issued at {@code issuedAt} (null: unknown) predates a deactivation. */
    public boolean isRevoked(String userId, Instant issuedAt) {
        Instant at = revokedAt.get(userId);
        return at != null && (issuedAt == null || !issuedAt.isAfter(at));
    }

    void forgetOld() {
        Instant horizon = clock.instant().minus(window);
        revokedAt.values().removeIf(at -> at.isBefore(horizon));
    }
}
