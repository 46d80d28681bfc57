package org.atom.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records everything published to some topics from the moment it is opened, so a test can wait for an event
 * (by CloudEvents {@code type} or any predicate) or check that none arrived.
 */
public final class EventCapture implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private EventCapture(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "event-capture-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before the test acts
        poller = new Thread(this::poll, "event-capture");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts capturing the given (existing) topics of the test broker. */
    public static EventCapture on(String... topics) {
        return at(TestKafka.broker().bootstrapServers(), topics);
    }

    /** Starts capturing the given (existing) topics of any broker, e.g. the one {@code ./atom} runs. */
    public static EventCapture at(String bootstrapServers, String... topics) {
        return new EventCapture(bootstrapServers, List.of(topics));
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** Every record captured so far, in arrival order. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    /** Captured CloudEvents (record values parsed as JSON) matching the predicate, in arrival order. */
    public List<JsonNode> events(Predicate<JsonNode> filter) {
        return records.stream().map(r -> parse(r.value())).filter(filter).toList();
    }

    /** Waits (up to 30 s) for the first event of the type and returns it. */
    public JsonNode awaitEvent(String type) {
        return awaitEvents(ofType(type), 1).getFirst();
    }

    /** Waits (up to 30 s) until at least {@code count} matching events have arrived and returns them all. */
    public List<JsonNode> awaitEvents(Predicate<JsonNode> filter, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> events(filter), list -> list.size() >= count);
    }

    public static Predicate<JsonNode> ofType(String type) {
        return e -> type.equals(e.path("type").asString(null));
    }

    private static JsonNode parse(String value) {
        return value == null ? JSON.nullNode() : JSON.readTree(value);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
