package org.atom.task.reminder;

import org.atom.platform.scheduling.PeriodicTask;
import org.atom.task.config.ReminderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every instance scans for due reminders every {@code atom.task.reminders.scan-interval} (5 s by default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReminderProperties.class)
class ReminderScanner {

    private static final Logger log = LoggerFactory.getLogger(ReminderScanner.class);

    @Bean
    PeriodicTask reminderScan(ReminderFiring firing, ReminderProperties properties) {
        return new PeriodicTask("task-reminder-scanner", properties.scanInterval(), () -> {
            int fired = firing.fireDue();
            if (fired > 0) {
                log.debug("Fired {} reminders", fired);
            }
        });
    }
}
