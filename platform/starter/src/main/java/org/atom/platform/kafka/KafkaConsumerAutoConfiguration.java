package org.atom.platform.kafka;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.atom.platform.events.CloudEventCodec;
import org.atom.platform.events.InvalidEventException;
import org.atom.platform.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer side: bounded retries with exponential back-off, then the record goes to {@code <topic>.DLT} (same
 * partition) and the partition moves on; idempotent processing; topic declarations.
 */
// after Kafka's auto-configuration so the template exists; the listener container factory looks the error
// handler up lazily, when it is created
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class})
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(KafkaConsumerProperties.class)
public class KafkaConsumerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(JsonMapper json) {
        return new CloudEventCodec(json);
    }

    @Bean
    @ConditionalOnMissingBean
    TopicDeclarations topicDeclarations(KafkaConsumerProperties properties) {
        return new TopicDeclarations(properties);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    @ConditionalOnBean(KafkaTemplate.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template, KafkaConsumerProperties properties) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.maxRetries());
        backOff.setInitialInterval(properties.initialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        // Spring Kafka 4 defaults to "<topic>-dlt"; our contract is "<topic>.DLT", same partition
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template,
                (record, failure) ->
                        new TopicPartition(record.topic() + TopicDeclarations.DLT_SUFFIX, record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        // retrying cannot fix these: dead-letter at once
        handler.addNotRetryableExceptions(
                InvalidEventException.class,
                JacksonException.class,
                DeserializationException.class,
                ConversionException.class);
        return handler;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    static class Idempotency {

        @Bean
        @ConditionalOnMissingBean
        IdempotentConsumer idempotentConsumer(
                DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
            return new IdempotentConsumer(new JdbcTemplate(dataSource), new TransactionTemplate(transactions), clock);
        }

        @Bean
        SmartLifecycle processedEventPurge(IdempotentConsumer consumer, KafkaConsumerProperties properties) {
            return new PeriodicTask("processed-event-purge", Duration.ofHours(1), () -> {
                int purged = consumer.purge(properties.processedRetention());
                log.debug("Purged {} processed event ids", purged);
            });
        }
    }
}
