package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.atom.auth.config.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHasherTest {

    @Test
    void hashesWithOtherParametersOrAlgorithmsNeedARehash() {
        String current = new Argon2PasswordEncoder(16, 32, 1, 19456, 2).encode("x");
        assertThat(PasswordHasher.needsRehash(current)).isFalse();
        assertThat(PasswordHasher.needsRehash(new Argon2PasswordEncoder(16, 32, 1, 4096, 2).encode("x")))
                .isTrue();
        assertThat(PasswordHasher.needsRehash(new Argon2PasswordEncoder(16, 32, 1, 19456, 1).encode("x")))
                .isTrue();
        assertThat(PasswordHasher.needsRehash(new Argon2PasswordEncoder(16, 32, 2, 19456, 2).encode("x")))
                .isTrue();
        assertThat(PasswordHasher.needsRehash(new BCryptPasswordEncoder(12).encode("x")))
                .isTrue();
        assertThat(PasswordHasher.needsRehash("$argon2i$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"))
                .isTrue();
    }

    @Test
    void theParametersAreReadFromThePhcString() {
        PasswordHasher.Parameters p = PasswordHasher.Parameters.of("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        assertThat(p).isEqualTo(new PasswordHasher.Parameters("argon2id", 19, 19456, 2, 1));
        assertThat(PasswordHasher.Parameters.of("plain")).isNull();
        assertThat(PasswordHasher.Parameters.of(null)).isNull();
    }

    private static final PasswordHasher HASHER = new PasswordHasher(new AuthProperties(
            "http://auth.test",
            Duration.ofMinutes(15),
            Duration.ofDays(30),
            Duration.ofDays(30),
            Duration.ofMinutes(1),
            null,
            false,
            null,
            Duration.ofMinutes(5),
            4,
            new AuthProperties.LoginThrottle(
                    5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1))));

    private static final Argon2PasswordEncoder SPRING = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

    @Test
    void itsHashesAndSpringSecuritysVerifyWithEachOther() {
        String ours = HASHER.hash("correct-Horse-battery-9");
        assertThat(ours).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(SPRING.matches("correct-Horse-battery-9", ours)).isTrue();
        assertThat(SPRING.matches("correct-horse-battery-9", ours)).isFalse();

        String theirs = SPRING.encode("pässwörd ✓");
        assertThat(HASHER.matches("pässwörd ✓", theirs)).isTrue();
        assertThat(HASHER.matches("passwörd ✓", theirs)).isFalse();
        // older parameters (re-hashed at the next login) still verify
        assertThat(HASHER.matches("x", new Argon2PasswordEncoder(16, 32, 1, 4096, 3).encode("x")))
                .isTrue();
        assertThat(PasswordHasher.needsRehash(ours)).isFalse();
    }

    @Test
    void theSameSaltGivesTheSameHashAgainWhileTheBlocksAreReused() {
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        String first = HASHER.encode("password", salt);
        // concurrent hashes share the one pool: some get reused (cleared) blocks, the others new ones
        var parallel = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> HASHER.encode("password", salt)))
                .toList();
        assertThat(parallel).allSatisfy(f -> assertThat(f.join()).isEqualTo(first));
        assertThat(HASHER.encode("password", salt)).isEqualTo(first);
        assertThat(HASHER.encode("other", salt)).isNotEqualTo(first);
    }

    @Test
    void unreadableHashesDoNotMatch() {
        assertThat(HASHER.matches("x", null)).isFalse();
        assertThat(HASHER.matches("x", "plain")).isFalse();
        assertThat(HASHER.matches("x", new BCryptPasswordEncoder(4).encode("x")))
                .isFalse();
        assertThat(HASHER.matches("x", "$argon2id$v=19$m=19456,t=2,p=1$not*base64$aGFzaA"))
                .isFalse();
        assertThat(HASHER.matches("x", "$argon2id$v=19$m=99999999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA"))
                .isFalse();
    }
}
