package org.atom.auth.account;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Drops login-throttle counters that have gone quiet. */
@Component
class ThrottleHousekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ThrottleHousekeeping.class);

    private final LoginThrottle throttle;

    ThrottleHousekeeping(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, Duration.ofMinutes(10));
    }

    private void purge() {
        try {
            throttle.purge();
        } catch (RuntimeException e) {
            log.warn("Could not purge login-throttle counters", e);
        }
    }
}
