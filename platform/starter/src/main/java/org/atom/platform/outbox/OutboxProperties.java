package org.atom.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings.
 *
 * @param enabled whether this instance runs a relay (at most one relay per schema publishes at a time)
 * @param batchSize rows published per round trip
 * @param pollInterval how long the active relay waits for a commit notification before looking anyway
 * @param failoverCheckInterval how often a standby relay tries to take over
 * @param retention how long sent rows are kept before being purged
 * @param retryBackoffMax the longest pause between attempts while Kafka is unreachable
 */
@ConfigurationProperties("atom.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") int batchSize,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5s") Duration failoverCheckInterval,
        @DefaultValue("3d") Duration retention,
        @DefaultValue("10s") Duration retryBackoffMax) {}
