package org.atom.realtime.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.atom.platform.events.CloudEvent;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The domain topics as Kafka holds them: records keyed by user id land in the partition of Kafka's default
 * partitioner, each partition's offsets count up from 0, and every record appended is handed to the
 * {@link EventStreams} instances following the log, the way {@link DomainEventConsumer} does.
 */
final class TopicLog {

    static final String TASKS = "task-service.task.v1";
    static final String USERS = "auth-service.user.v1";
    static final int PARTITIONS = 3;
    static final Map<String, Integer> COUNTS = Map.of(TASKS, PARTITIONS, USERS, PARTITIONS);

    record Record(TopicPartition tp, long offset, Instant time, CloudEvent event) {}

    private final Clock clock;
    private final List<Record> records = new ArrayList<>();
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final List<EventStreams> readers = new ArrayList<>();

    TopicLog(Clock clock) {
        this.clock = clock;
    }

    /** The partition Kafka's default partitioner puts records keyed by this user id in. */
    static TopicPartition partitionOf(String topic, String userId) {
        int hash = Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8)));
        return new TopicPartition(topic, hash % COUNTS.get(topic));
    }

    /** Assigns every partition of both topics from offset 0, as on a consumer's first assignment. */
    static void assignAll(EventStreams streams) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        COUNTS.forEach((topic, count) -> {
            for (int partition = 0; partition < count; partition++) {
                starts.put(new TopicPartition(topic, partition), 0L);
            }
        });
        streams.assigned(starts, COUNTS);
    }

    /** An instance that starts now: it reads every record so far from offset 0, then each one appended. */
    EventStreams follow(EventStreams streams) {
        assignAll(streams);
        records.forEach(record -> feed(streams, record));
        readers.add(streams);
        return streams;
    }

    static void feed(EventStreams streams, Record record) {
        streams.accept(record.tp(), record.offset(), record.time(), record.event());
    }

    List<Record> records() {
        return List.copyOf(records);
    }

    /** Appends an event keyed by its user id to the topic, at the time on the clock. */
    Record append(String topic, CloudEvent event) {
        return append(partitionOf(topic, event.userid()), event);
    }

    /** Appends a record to a given partition ({@code event} null: a value that is not a readable event). */
    Record append(TopicPartition tp, CloudEvent event) {
        long offset = ends.merge(tp, 1L, Long::sum) - 1;
        Record record = new Record(tp, offset, clock.instant(), event);
        records.add(record);
        readers.forEach(streams -> feed(streams, record));
        return record;
    }

    /** A domain event of the user whose id is {@code id} and whose data carries the test's {@code label}. */
    CloudEvent event(String type, String userId, String id, String label) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("label", label);
        return new CloudEvent(
                CloudEvent.SPEC_VERSION,
                id,
                type,
                "/test",
                label,
                clock.instant(),
                CloudEvent.DATA_CONTENT_TYPE,
                null,
                userId,
                null,
                data);
    }

    /** Appends a task event of the user labelled {@code label} (its id derived from the label) to the task topic. */
    Record task(String userId, String type, String label) {
        return append(TASKS, event(type, userId, "evt-" + label, label));
    }

    /** Appends a user event (same partition rule, on the user topic). */
    Record user(String userId, String type, String label) {
        return append(USERS, event(type, userId, "evt-" + label, label));
    }
}
