package org.atom.realtime.delivery;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atom.platform.events.CloudEvent;
import org.atom.platform.events.CloudEventCodec;
import org.atom.realtime.config.RealtimeProperties;
import org.atom.realtime.config.TestRealtimeProperties;
import org.atom.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import tools.jackson.databind.json.JsonMapper;

class DomainEventConsumerIT {

    private static final String TOPIC = "consumer-failure.thing.v1";

    @Test
    void anErrorWhileReadingBreaksLivenessInsteadOfEndingTheThreadSilently() {
        TestKafka broker = TestKafka.broker();
        broker.createTopics(1, TOPIC);
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(broker.bootstrapServers()));
        RealtimeProperties properties = TestRealtimeProperties.defaults();
        Clock clock = Clock.systemUTC();
        EventStreams streams = new EventStreams(
                properties,
                new RevokedUsers(properties, clock),
                new RealtimeMetrics(new SimpleMeterRegistry(), clock),
                clock);
        CloudEventCodec failing = new CloudEventCodec(JsonMapper.builder().build()) {
            @Override
            public CloudEvent read(String value) {
                throw new StackOverflowError("reading " + value);
            }
        };
        List<Object> published = new CopyOnWriteArrayList<>();
        DomainEventConsumer consumer =
                new DomainEventConsumer(kafka, streams, failing, properties, clock, published::add);
        consumer.start();
        try {
            broker.send(TOPIC, "key", "{}");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> published.stream()
                            .anyMatch(event -> event instanceof AvailabilityChangeEvent<?> change
                                    && change.getState() == LivenessState.BROKEN));
        } finally {
            consumer.stop();
        }
    }
}
