package org.atom.task.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How task reminders are fired.
 *
 * @param scanInterval how often each instance looks for reminders that have come due (a reminder fires at most
 *     this much after its time, plus the outbox relay's few milliseconds)
 * @param batchSize reminders claimed and fired per transaction
 */
@ConfigurationProperties("atom.task.reminders")
public record ReminderProperties(
        @DefaultValue("5s") Duration scanInterval,
        @DefaultValue("100") int batchSize) {

    public ReminderProperties {
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("atom.task.reminders.scan-interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("atom.task.reminders.batch-size must be at least 1");
        }
    }
}
