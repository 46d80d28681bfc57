package org.atom.auth.token;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.atom.auth.config.AuthProperties;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.junit.jupiter.api.Test;

class SigningKeysStartupTest {

    private static AuthProperties properties(String keyEncryptionKey, boolean allowGenerated) {
        return new AuthProperties(
                "http://auth.test",
                Duration.ofMinutes(15),
                Duration.ofDays(30),
                Duration.ofDays(30),
                Duration.ofMinutes(1),
                keyEncryptionKey,
                allowGenerated,
                null,
                Duration.ofMinutes(5),
                4,
                new AuthProperties.LoginThrottle(
                        5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)));
    }

    private static final AtomSecurityProperties SECURITY = new AtomSecurityProperties(
            "atom-api", List.of("RS256"), Duration.ofSeconds(30), List.of(), List.of(), 4096, 0);

    @Test
    void withoutAKeyEncryptionKeyTheServiceRefusesToStart() {
        assertThatThrownBy(() -> new SigningKeys(null, null, Clock.systemUTC(), properties(null, false), SECURITY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATOM_AUTH_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new SigningKeys(null, null, Clock.systemUTC(), properties("  ", false), SECURITY))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyEncryptionKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(
                        () -> new SigningKeys(null, null, Clock.systemUTC(), properties("c2hvcnQ=", false), SECURITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void accessTokensLongerThanFifteenMinutesAreRefused() {
        assertThatThrownBy(() -> new AuthProperties(
                        "http://auth.test",
                        Duration.ofMinutes(16),
                        Duration.ofDays(30),
                        Duration.ofDays(30),
                        Duration.ofMinutes(1),
                        null,
                        false,
                        null,
                        Duration.ofMinutes(5),
                        4,
                        new AuthProperties.LoginThrottle(
                                5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15m");
    }
}
