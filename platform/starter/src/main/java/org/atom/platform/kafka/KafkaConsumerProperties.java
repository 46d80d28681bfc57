package org.atom.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic and consumer settings.
 *
 * @param partitions partitions of the topics a service declares (6 in production; dev may use fewer)
 * @param retention how long domain topics keep events
 * @param maxRetries attempts after the first failure before a record goes to {@code <topic>.DLT}
 * @param initialBackoff pause before the first retry, doubled each time up to {@code maxBackoff}
 * @param maxBackoff the longest pause between retries
 * @param processedRetention how long processed event ids are remembered (longer than topic retention)
 */
@ConfigurationProperties("atom.kafka")
public record KafkaConsumerProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("3") int maxRetries,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("14d") Duration processedRetention) {}
