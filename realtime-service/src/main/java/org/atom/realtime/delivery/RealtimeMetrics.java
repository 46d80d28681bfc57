package org.atom.realtime.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * realtime-service's meters: deliveries per protocol (rate = deliveries/s), delivery lag from the event's time to
 * the frame being written, disconnects by reason (slow and rate-limited clients among them), resumes by outcome
 * consumed events by outcome, and clients refused at connect by reason. Connections are gauged where they are kept.
 */
@Component
public class RealtimeMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer socketIoLag;
    private final Timer webSocketLag;

    public RealtimeMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.socketIoLag = lag("socket.io");
        this.webSocketLag = lag("websocket");
    }

    private Timer lag(String protocol) {
        return Timer.builder("atom.realtime.delivery.lag")
                .description("From the event's time to its frame being written to the client")
                .tag("protocol", protocol)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A frame carrying an event was written to a client. */
    public void delivered(String protocol, Instant eventTime) {
        Counter.builder("atom.realtime.deliveries")
                .tag("protocol", protocol)
                .register(registry)
                .increment();
        if (eventTime != null) {
            Duration lag = Duration.between(eventTime, clock.instant());
            ("socket.io".equals(protocol) ? socketIoLag : webSocketLag).record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    public void disconnected(CloseReason reason) {
        Counter.builder("atom.realtime.disconnects")
                .tag("reason", reason.reason())
                .register(registry)
                .increment();
    }

    /** A client refused before it connected: {@code starting}, {@code shutting_down} or {@code full}. */
    public void refused(String reason) {
        Counter.builder("atom.realtime.refusals")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void attached(Subscriber.Attach outcome) {
        Counter.builder("atom.realtime.attaches")
                .tag("outcome", outcome.name().toLowerCase())
                .register(registry)
                .increment();
    }

    /** A consumed record: {@code pushed}, {@code duplicate}, {@code invalid}, {@code ownerless} or {@code other}. */
    public void consumed(String outcome) {
        Counter.builder("atom.realtime.events")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
