package org.atom.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.atom.contracts.EventContracts;
import org.atom.platform.outbox.OutboxProperties;
import org.atom.platform.outbox.OutboxRelay;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@SampleServiceContext
class OutboxRelayIT {

    private static final EventContracts CONTRACTS = new EventContracts();

    @Autowired
    SampleItemService service;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    KafkaProperties kafkaProperties;

    @Test
    void aCommittedChangePublishesExactlyOneValidEvent() {
        String user = "user-" + UUID.randomUUID();
        try (EventCapture capture = EventCapture.on(SampleItemService.TOPIC)) {
            var item = service.create(user, "first");

            JsonNode event = capture.awaitEvent(SampleItemService.CREATED);
            assertThat(event.path("subject").asString()).isEqualTo(item.id().toString());
            assertThat(event.path("userid").asString()).isEqualTo(user);
            assertThat(event.path("source").asString()).isEqualTo("/sample-service");
            assertThat(event.path("data").path("title").asString()).isEqualTo("first");
            assertThat(CONTRACTS.violations(event.toString())).isEmpty();

            ConsumerRecord<String, String> record = capture.records().getFirst();
            assertThat(record.key()).isEqualTo(user);
            assertThat(new String(record.headers().lastHeader("content-type").value()))
                    .isEqualTo("application/cloudevents+json");

            awaitSent(item.id().toString());
            // a marker written after the row was marked sent: once it arrives, a duplicate would have too
            var marker = service.create(user, "marker");
            capture.awaitEvents(subject(marker.id().toString()), 1);
            assertThat(capture.events(subject(item.id().toString()))).hasSize(1);
        }
    }

    @Test
    void anEventIdGivenTwiceIsRecordedAndPublishedOnce() {
        String user = "user-" + UUID.randomUUID();
        UUID occurrence =
                UUID.nameUUIDFromBytes(("reminder-" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String subject = UUID.randomUUID().toString();
        try (EventCapture capture = EventCapture.on(SampleItemService.TOPIC)) {
            service.announce(occurrence, user, subject);
            service.announce(occurrence, user, subject);
            var marker = service.create(user, "marker");

            capture.awaitEvents(subject(marker.id().toString()), 1);
            List<JsonNode> announced = capture.events(subject(subject));
            assertThat(announced).hasSize(1);
            assertThat(announced.getFirst().path("id").asString()).isEqualTo(occurrence.toString());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE id = ?", Integer.class, occurrence))
                    .isEqualTo(1);
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String user = "user-" + UUID.randomUUID();
        try (EventCapture capture = EventCapture.on(SampleItemService.TOPIC)) {
            assertThatThrownBy(() -> service.createThenFail(user, "doomed")).isInstanceOf(IllegalStateException.class);
            var marker = service.create(user, "after");

            capture.awaitEvents(subject(marker.id().toString()), 1);
            assertThat(capture.events(e -> user.equals(e.path("userid").asString())))
                    .hasSize(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sample_item WHERE owner_id = ?", Integer.class, user))
                    .isEqualTo(1);
        }
    }

    @Test
    void twoRelaysKeepOneUsersInterleavedEventsInCommitOrderAcrossAFailover() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        OutboxRelay standby = new OutboxRelay(
                dataSource,
                new KafkaProducer<>(relayConfig()),
                new OutboxProperties(
                        true,
                        200,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(200),
                        Duration.ofDays(3),
                        Duration.ofSeconds(1)),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (EventCapture capture = EventCapture.on(SampleItemService.TOPIC)) {
            standby.start();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        service.sequence(alice);
                        service.sequence(bob);
                    }
                }));
            }
            // fail over while the writers are busy: the standby must take over without reordering
            capture.awaitEvents(sequenceOf(alice), 30);
            relay.stop();
            await().atMost(Duration.ofSeconds(10)).until(standby::isActive);
            for (Future<?> f : done) {
                f.get();
            }

            List<JsonNode> aliceEvents = capture.awaitEvents(sequenceOf(alice), 100);
            assertThat(distinctSequence(aliceEvents)).containsExactlyElementsOf(range(1, 100));
            assertThat(distinctSequence(capture.awaitEvents(sequenceOf(bob), 100)))
                    .containsExactlyElementsOf(range(1, 100));
        } finally {
            writers.shutdownNow();
            relay.start();
            standby.destroy();
            await().atMost(Duration.ofSeconds(10)).until(relay::isActive);
        }
    }

    @Test
    void theRelayResumesAfterTheBrokerRestartsAndLosesNothing() {
        String user = "user-" + UUID.randomUUID();
        TestKafka kafka = TestKafka.broker();
        List<String> ids = new ArrayList<>();
        try (EventCapture capture = EventCapture.on(SampleItemService.TOPIC)) {
            ids.add(service.create(user, "before").id().toString());
            capture.awaitEvents(subject(ids.getFirst()), 1);

            kafka.stop();
            for (int i = 0; i < 5; i++) {
                ids.add(service.create(user, "while down " + i).id().toString());
            }
            kafka.start();
            ids.add(service.create(user, "after").id().toString());

            List<JsonNode> events =
                    capture.awaitEvents(e -> user.equals(e.path("userid").asString()), ids.size());
            assertThat(events.stream().map(e -> e.path("subject").asString()).distinct())
                    .containsExactlyElementsOf(ids);
        } finally {
            kafka.start();
        }
    }

    private java.util.Map<String, Object> relayConfig() {
        var config = kafkaProperties.buildProducerProperties();
        config.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        config.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        config.put("client.id", "standby-relay");
        return config;
    }

    private void awaitSent(String subject) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM outbox_event WHERE payload::jsonb ->> 'subject' = ?"
                                        + " AND sent_at IS NOT NULL",
                                Integer.class,
                                subject)
                        == 1);
    }

    private static Predicate<JsonNode> subject(String subject) {
        return e -> subject.equals(e.path("subject").asString());
    }

    private static Predicate<JsonNode> sequenceOf(String user) {
        return e -> SampleItemService.SEQUENCED.equals(e.path("type").asString())
                && user.equals(e.path("userid").asString());
    }

    /** Sequence numbers in arrival order, duplicates (at-least-once re-sends) dropped. */
    private static List<Long> distinctSequence(List<JsonNode> events) {
        return events.stream()
                .map(e -> e.path("data").path("seq").asLong())
                .distinct()
                .toList();
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
}
