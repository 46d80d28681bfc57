package org.atom.realtime.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of realtime-service ({@code atom.realtime.*}).
 *
 * @param replayWindow how far back every instance keeps each user's events for resuming clients; on start an
 *     instance reads Kafka from this far back, which also rebuilds the list of deactivated users (so keep it at
 *     least as long as an access token lives)
 * @param maxBufferedPerUser events kept per user within the window; older ones make a resume end in {@code resync}
 * @param sendQueue frames waiting for one slow client before it is disconnected ({@code slow_consumer})
 * @param maxFrameSize largest frame or long-polling body a client may send. Clients send only small control messages
 *     (the largest: a Socket.IO CONNECT carrying an access token); Tomcat allocates a text buffer of this many
 *     characters for every WebSocket up front, so it sets the heap each connection costs — at 64KB, 2,000 clients
 *     filled a 256 MB heap (bench/README.md, fan-out)
 * @param messagesPerSecond sustained rate of messages a client may send; {@code burst} more at once
 * @param pingInterval Engine.IO heartbeat (and WebSocket ping) interval
 * @param pingTimeout how long after a ping a Socket.IO client may stay silent before it is dropped
 * @param connectTimeout how long an Engine.IO session may stay without a Socket.IO connection
 * @param drainTimeout how long shutdown waits for clients' queues to flush before closing them anyway
 * @param maxConnections connected clients this instance takes; more are refused (503 / close 1013, they retry and
 *     reach another instance) before they exhaust the heap. 0: sized from the maximum heap, {@link
 *     #HEAP_PER_CONNECTION} each beyond {@link #HEAP_BASE}
 */
@ConfigurationProperties("atom.realtime")
public record RealtimeProperties(
        @DefaultValue("15m") Duration replayWindow,
        @DefaultValue("1000") int maxBufferedPerUser,
        @DefaultValue("1000") int sendQueue,
        @DefaultValue("8KB") DataSize maxFrameSize,
        @DefaultValue("20") int messagesPerSecond,
        @DefaultValue("40") int burst,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("5s") Duration drainTimeout,
        @DefaultValue("0") int maxConnections) {

    /**
     * Maximum heap per connected client: ~70 KiB live with the 8KB max-frame-size (bench/README.md, fan-out), in the
     * old generation, which SerialGC gives two thirds of the heap, with room to collect. At 96 KiB a 1 GB heap took
     * 9,200 clients and spent 1.4 s in full collections every 30 s (p99 411 ms).
     */
    public static final long HEAP_PER_CONNECTION = 128 * 1024;

    /** Heap the service needs without clients: its live set (~40 MB) and the replay buffer, with room to collect. */
    public static final long HEAP_BASE = 128L * 1024 * 1024;

    public RealtimeProperties {
        require(replayWindow.isPositive(), "replay-window must be positive");
        require(maxBufferedPerUser > 0, "max-buffered-per-user must be positive");
        require(sendQueue > 0, "send-queue must be positive");
        require(maxFrameSize.toBytes() >= 1024, "max-frame-size must be at least 1KB");
        require(messagesPerSecond > 0 && burst >= messagesPerSecond, "messages-per-second > 0 and burst >= it");
        require(pingInterval.isPositive() && pingTimeout.isPositive(), "ping-interval and ping-timeout positive");
        require(connectTimeout.isPositive(), "connect-timeout must be positive");
        require(maxConnections >= 0, "max-connections must not be negative (0: sized from the heap)");
    }

    /** {@code max-connections}, or when 0 what this JVM's maximum heap holds. */
    public int connectionLimit() {
        return connectionLimit(Runtime.getRuntime().maxMemory());
    }

    /** {@code max-connections}, or when 0 what a heap of this size holds (at least 100). */
    public int connectionLimit(long maxHeap) {
        if (maxConnections > 0) {
            return maxConnections;
        }
        return (int) Math.max(100, (maxHeap - HEAP_BASE) / HEAP_PER_CONNECTION);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("atom.realtime." + message);
        }
    }
}
