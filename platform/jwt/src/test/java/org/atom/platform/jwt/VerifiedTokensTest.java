package org.atom.platform.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void aVerifiedTokenIsKnownUntilItExpiresAndNotAMomentLonger() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        JwtAuthenticationToken verified = authentication("a", NOW.plusSeconds(60));

        tokens.put("a", verified);

        assertThat(tokens.get("a")).isSameAs(verified);
        clock.now = NOW.plusSeconds(59);
        assertThat(tokens.get("a")).isSameAs(verified);
        clock.now = NOW.plusSeconds(60);
        assertThat(tokens.get("a")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        JwtAuthenticationToken verified = authentication("a", NOW.plus(Duration.ofHours(1)));

        tokens.put("a", verified);

        clock.now = NOW.plus(VerifiedTokens.MAX_AGE).minusSeconds(1);
        assertThat(tokens.get("a")).isSameAs(verified);
        clock.now = NOW.plus(VerifiedTokens.MAX_AGE);
        assertThat(tokens.get("a")).isNull();
    }

    @Test
    void onlyTheExactTokenTextMatches() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        tokens.put("header.payload.signature", authentication("a", NOW.plusSeconds(60)));

        assertThat(tokens.get("header.payload.signaturX")).isNull();
        assertThat(tokens.get("header.payload.signature ")).isNull();
    }

    @Test
    void anythingButAJwtAuthenticationWithAnExpiryIsNotKept() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);

        tokens.put("a", new TestingAuthenticationToken("user", null, "ROLE_USER"));
        tokens.put("b", authentication("b", null));

        assertThat(tokens.get("a")).isNull();
        assertThat(tokens.get("b")).isNull();
    }

    @Test
    void whenFullExpiredTokensGoFirstAndTheSizeStaysBounded() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        for (int i = 0; i < 5; i++) {
            tokens.put("short-" + i, authentication("s", NOW.plusSeconds(10)));
        }
        for (int i = 0; i < 5; i++) {
            tokens.put("long-" + i, authentication("l", NOW.plusSeconds(600)));
        }
        clock.now = NOW.plusSeconds(30);

        tokens.put("new", authentication("n", NOW.plusSeconds(600)));

        assertThat(tokens.size()).isEqualTo(6);
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.get("long-" + i)).isNotNull();
        }
        for (int i = 0; i < 100; i++) {
            tokens.put("more-" + i, authentication("m", NOW.plusSeconds(600)));
            assertThat(tokens.size()).isLessThanOrEqualTo(10);
        }
        assertThat(tokens.get("more-99")).isNotNull();
    }

    @Test
    void capacityZeroKeepsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(0, clock);

        tokens.put("a", authentication("a", NOW.plusSeconds(60)));

        assertThat(tokens.get("a")).isNull();
        assertThatThrownBy(() -> new VerifiedTokens(-1, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JwtAuthenticationToken authentication(String subject, Instant expiresAt) {
        Jwt.Builder jwt = Jwt.withTokenValue("token-" + subject)
                .header("alg", "RS256")
                .subject(subject)
                .issuedAt(NOW.minus(Duration.ofMinutes(1)));
        if (expiresAt != null) {
            jwt.expiresAt(expiresAt);
        }
        return new JwtAuthenticationToken(jwt.build());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
