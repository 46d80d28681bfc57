package org.atom.auth.token;

import java.time.Duration;
import org.atom.auth.config.AuthProperties;
import org.atom.platform.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps signing keys current (rotation, other instances' changes, expiry) and drops dead refresh tokens. */
@Configuration(proxyBeanMethods = false)
class TokenHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(TokenHousekeeping.class);

    @Bean
    PeriodicTask signingKeyRefresh(SigningKeys keys, AuthProperties properties) {
        return new PeriodicTask("signing-key-refresh", properties.keyRefreshInterval(), keys::refresh);
    }

    @Bean
    PeriodicTask refreshTokenPurge(TokenService tokens) {
        return new PeriodicTask("refresh-token-purge", Duration.ofHours(1), () -> {
            int purged = tokens.purge();
            if (purged > 0) {
                log.info("Purged {} expired refresh tokens", purged);
            }
        });
    }
}
