package org.atom.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.atom.platform.observability.TraceContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The transactional outbox and its relay, for services with a database and Kafka. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({JdbcTemplate.class, KafkaProducer.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(
            DataSource dataSource,
            JsonMapper json,
            Clock clock,
            TraceContext traceContext,
            @Value("${spring.application.name}") String serviceName) {
        return new Outbox(new JdbcTemplate(dataSource), json, clock, serviceName, traceContext);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "atom.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            DataSource dataSource,
            KafkaProperties kafka,
            OutboxProperties properties,
            Clock clock,
            ObjectProvider<MeterRegistry> meters,
            @Value("${spring.application.name}") String serviceName) {
        return new OutboxRelay(
                dataSource,
                new KafkaProducer<>(relayProducerConfig(kafka, serviceName)),
                properties,
                clock,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The service's Kafka settings with the guarantees the relay relies on forced on. */
    static Map<String, Object> relayProducerConfig(KafkaProperties kafka, String serviceName) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox-relay");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Kafka 4 defaults linger.ms to 5: events should leave at once
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // ≤ 5 in flight keeps per-partition order with idempotence, even across retries
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }
}
