package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

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
}
