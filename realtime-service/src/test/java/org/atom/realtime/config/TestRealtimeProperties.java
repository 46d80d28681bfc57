package org.atom.realtime.config;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** {@link RealtimeProperties} for tests that build the service's parts by hand: the defaults, with a few changed. */
public final class TestRealtimeProperties {

    private TestRealtimeProperties() {}

    public static RealtimeProperties defaults() {
        return of(1000, 0);
    }

    public static RealtimeProperties of(int maxBufferedPerUser, int maxConnections) {
        return new RealtimeProperties(
                Duration.ofMinutes(15),
                maxBufferedPerUser,
                1000,
                DataSize.ofKilobytes(8),
                20,
                40,
                Duration.ofSeconds(25),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                maxConnections);
    }
}
