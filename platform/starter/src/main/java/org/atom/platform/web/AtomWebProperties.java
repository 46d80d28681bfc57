package org.atom.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP API settings of every service ({@code atom.web.*}).
 *
 * @param maxBodySize largest accepted request body; bigger → 413
 * @param idempotencyTtl how long an {@code Idempotency-Key} and its stored response are kept
 * @param idempotencyProcessingTimeout after this, a key whose first request never finished (e.g. the instance
 *     died) may be claimed again; until then duplicates get 409
 */
@ConfigurationProperties("atom.web")
public record AtomWebProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("1m") Duration idempotencyProcessingTimeout) {}
