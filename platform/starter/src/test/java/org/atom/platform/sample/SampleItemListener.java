package org.atom.platform.sample;

import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atom.platform.events.CloudEvent;
import org.atom.platform.events.CloudEventCodec;
import org.atom.platform.kafka.IdempotentConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A consumer with a side effect, as a real service's read model would be. */
@Component
class SampleItemListener {

    private final CloudEventCodec codec;
    private final IdempotentConsumer idempotent;
    private final JdbcTemplate jdbc;
    private final Tracer tracer;
    /** Trace id seen while handling each event id, so tests can follow a trace across the Kafka hop. */
    final Map<String, String> traceIds = new ConcurrentHashMap<>();

    SampleItemListener(CloudEventCodec codec, IdempotentConsumer idempotent, JdbcTemplate jdbc, Tracer tracer) {
        this.codec = codec;
        this.idempotent = idempotent;
        this.jdbc = jdbc;
        this.tracer = tracer;
    }

    @KafkaListener(topics = SampleItemService.TOPIC)
    void on(String value) {
        CloudEvent event = codec.read(value);
        if (tracer.currentSpan() != null) {
            traceIds.put(event.id(), tracer.currentSpan().context().traceId());
        }
        if (!SampleItemService.CREATED.equals(event.type())) {
            return;
        }
        idempotent.runOnce(
                "sample-item-counter",
                event.id(),
                () -> jdbc.update(
                        "INSERT INTO sample_effect (item_id, applied) VALUES (?, 1)"
                                + " ON CONFLICT (item_id) DO UPDATE SET applied = sample_effect.applied + 1",
                        event.subject()));
    }

    int applied(String itemId) {
        return jdbc.queryForList("SELECT applied FROM sample_effect WHERE item_id = ?", Integer.class, itemId).stream()
                .findFirst()
                .orElse(0);
    }
}
