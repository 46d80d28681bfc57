package org.atom.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RealtimePropertiesTest {

    private static final long MB = 1024 * 1024;

    private static RealtimeProperties withMaxConnections(int maxConnections) {
        return TestRealtimeProperties.of(1000, maxConnections);
    }

    @Test
    void theConnectionLimitFollowsTheHeapUnlessSet() {
        RealtimeProperties auto = withMaxConnections(0);
        // (heap - 128 MB) / 128 KiB
        assertThat(auto.connectionLimit(1024 * MB)).isEqualTo(7168);
        assertThat(auto.connectionLimit(256 * MB)).isEqualTo(1024);
        assertThat(auto.connectionLimit(64 * MB)).as("a floor for tiny heaps").isEqualTo(100);
        assertThat(withMaxConnections(5000).connectionLimit(256 * MB)).isEqualTo(5000);
        assertThatThrownBy(() -> withMaxConnections(-1)).hasMessageContaining("atom.realtime.max-connections");
    }
}
