package org.atom.auth.token;

import java.time.Duration;
import org.atom.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Keeps signing keys current (rotation, other instances' changes, expiry) and drops dead refresh tokens. */
@Component
class TokenHousekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TokenHousekeeping.class);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final SigningKeys keys;
    private final TokenService tokens;
    private final AuthProperties properties;

    TokenHousekeeping(SigningKeys keys, TokenService tokens, AuthProperties properties) {
        this.keys = keys;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(keys::refresh, properties.keyRefreshInterval());
        registrar.addFixedDelayTask(this::purgeTokens, PURGE_INTERVAL);
    }

    private void purgeTokens() {
        try {
            int purged = tokens.purge();
            if (purged > 0) {
                log.info("Purged {} expired refresh tokens", purged);
            }
        } catch (RuntimeException e) {
            log.warn("Could not purge expired refresh tokens", e);
        }
    }
}
