package org.atom.realtime.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.atom.platform.events.CloudEvent;
import org.atom.platform.events.CloudEventCodec;
import org.atom.platform.events.InvalidEventException;
import org.atom.realtime.config.RealtimeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads every domain topic into {@link EventStreams}, on one thread. Each instance is its own consumer group (it
 * must see every event, not a share of them) and commits nothing: on start it reads from one replay window back,
 * so its buffers can serve clients that resume from another instance, and after a rebalance it continues where it
 * was. Topics that appear later are picked up by the subscription pattern.
 */
@Component
class DomainEventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DomainEventConsumer.class);

    /** {@code <service>.<aggregate>.v<N>}: every domain topic, no dead-letter topics */
    static final Pattern DOMAIN_TOPICS = Pattern.compile("[a-z0-9-]+\\.[a-z0-9-]+\\.v[0-9]+");

    private static final Duration EVICTION_INTERVAL = Duration.ofSeconds(5);

    private final KafkaProperties kafka;
    private final EventStreams streams;
    private final CloudEventCodec codec;
    private final RealtimeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    DomainEventConsumer(
            KafkaProperties kafka,
            EventStreams streams,
            CloudEventCodec codec,
            RealtimeProperties properties,
            Clock clock,
            ApplicationEventPublisher events) {
        this.kafka = kafka;
        this.streams = streams;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public synchronized void start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "realtime-service-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = Thread.ofPlatform().name("domain-events").daemon().start(this::run);
    }

    private void run() {
        try {
            consume();
        } catch (Throwable e) {
            // an Error (an OutOfMemoryError ends the JVM by itself in devstack): without this thread the instance
            // delivers nothing while its connections look healthy; a broken liveness gets it restarted
            log.error("Reading domain events stopped; this instance delivers nothing more", e);
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    private void consume() {
        Instant nextEviction = clock.instant().plus(EVICTION_INTERVAL);
        try (KafkaConsumer<String, String> c = consumer) {
            Positioning positioning = new Positioning(c);
            c.subscribe(DOMAIN_TOPICS, positioning);
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        streams.accept(
                                new TopicPartition(record.topic(), record.partition()),
                                record.offset(),
                                Instant.ofEpochMilli(record.timestamp()),
                                read(record));
                    }
                    if (!streams.isCaughtUp() && positioning.reachedFirstEnds()) {
                        streams.caughtUp();
                        log.info("Replay window read; accepting clients");
                    }
                    if (!clock.instant().isBefore(nextEviction)) {
                        streams.evictExpired();
                        nextEviction = clock.instant().plus(EVICTION_INTERVAL);
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll up
                } catch (RuntimeException e) {
                    log.warn("Reading domain events failed; retrying", e);
                    pause();
                }
            }
        }
    }

    private CloudEvent read(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : codec.read(record.value());
        } catch (InvalidEventException e) {
            log.warn(
                    "Skipping unreadable record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (consumer != null) {
            consumer.wakeup();
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Places newly assigned partitions: where this instance was, or one replay window back. */
    private final class Positioning implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> c;
        /** the end offsets at the first assignment: read up to them, the instance is ready for clients */
        private Map<TopicPartition, Long> firstEnds;

        Positioning(KafkaConsumer<String, String> c) {
            this.c = c;
        }

        boolean reachedFirstEnds() {
            return firstEnds != null
                    && firstEnds.entrySet().stream()
                            .allMatch(e ->
                                    !c.assignment().contains(e.getKey()) || c.position(e.getKey()) >= e.getValue());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> fresh = new HashMap<>();
            long since = clock.instant().minus(properties.replayWindow()).toEpochMilli();
            for (TopicPartition tp : partitions) {
                Long known = streams.position(tp);
                if (known != null) {
                    c.seek(tp, known);
                } else {
                    fresh.put(tp, since);
                }
            }
            Map<TopicPartition, OffsetAndTimestamp> byTime = fresh.isEmpty() ? Map.of() : c.offsetsForTimes(fresh);
            Map<TopicPartition, Long> ends = partitions.isEmpty() ? Map.of() : c.endOffsets(partitions);
            Map<TopicPartition, Long> starts = new HashMap<>();
            for (TopicPartition tp : fresh.keySet()) {
                OffsetAndTimestamp at = byTime.get(tp);
                long start = at != null ? at.offset() : ends.getOrDefault(tp, 0L);
                c.seek(tp, start);
                starts.put(tp, start);
            }
            Map<String, Integer> counts = new HashMap<>();
            for (TopicPartition tp : partitions) {
                counts.computeIfAbsent(tp.topic(), topic -> partitionCount(topic));
            }
            counts.values().removeIf(count -> count == 0);
            streams.assigned(starts, counts);
            if (firstEnds == null) {
                firstEnds = Map.copyOf(ends);
            }
            log.debug("Reading {} partitions, {} from the replay window", partitions.size(), fresh.size());
        }

        private int partitionCount(String topic) {
            List<?> partitions = c.partitionsFor(topic);
            return partitions == null ? 0 : partitions.size();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // positions stay in EventStreams: a partition assigned again continues from there
        }
    }
}
