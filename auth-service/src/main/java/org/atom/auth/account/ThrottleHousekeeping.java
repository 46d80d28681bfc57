package org.atom.auth.account;

import java.time.Duration;
import org.atom.platform.scheduling.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Drops login-throttle counters that have gone quiet. */
@Configuration(proxyBeanMethods = false)
class ThrottleHousekeeping {

    @Bean
    PeriodicTask loginThrottlePurge(LoginThrottle throttle) {
        return new PeriodicTask("login-throttle-purge", Duration.ofMinutes(10), throttle::purge);
    }
}
