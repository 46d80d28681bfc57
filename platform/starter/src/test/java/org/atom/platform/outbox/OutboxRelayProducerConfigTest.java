package org.atom.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class OutboxRelayProducerConfigTest {

    @Test
    void theRelayForcesTheDeliveryGuaranteesWhateverTheServiceConfigured() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProducer().setAcks("1");
        kafka.getProducer().getProperties().putAll(Map.of("linger.ms", "50", "enable.idempotence", "false"));

        Map<String, Object> config = OutboxAutoConfiguration.relayProducerConfig(kafka, "task-service");

        assertThat(config)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "task-service-outbox-relay");
    }
}
