package org.atom.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static final byte[] SECRET = "-----PRIVATE KEY MATERIAL-----".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedOpensWithTheSameKeyAndAssociatedData() {
        KeyEncryption kek = KeyEncryption.random();
        byte[] sealed = kek.encrypt(SECRET, "kid-1");

        assertThat(kek.decrypt(sealed, "kid-1")).isEqualTo(SECRET);
        assertThat(sealed.length).isEqualTo(12 + SECRET.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void eachEncryptionUsesAFreshIv() {
        KeyEncryption kek = KeyEncryption.random();
        assertThat(kek.encrypt(SECRET, "kid")).isNotEqualTo(kek.encrypt(SECRET, "kid"));
    }

    @Test
    void anotherKeyAnotherKidOrAnyAlteredByteIsRefused() {
        KeyEncryption kek = KeyEncryption.random();
        byte[] sealed = kek.encrypt(SECRET, "kid-1");

        assertThatThrownBy(() -> KeyEncryption.random().decrypt(sealed, "kid-1"))
                .isInstanceOf(KeyEncryption.DecryptionException.class);
        assertThatThrownBy(() -> kek.decrypt(sealed, "kid-2")).isInstanceOf(KeyEncryption.DecryptionException.class);
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] altered = sealed.clone();
            altered[i] ^= 1;
            assertThatThrownBy(() -> kek.decrypt(altered, "kid-1"))
                    .isInstanceOf(KeyEncryption.DecryptionException.class);
        }
        assertThatThrownBy(() -> kek.decrypt(new byte[5], "kid-1"))
                .isInstanceOf(KeyEncryption.DecryptionException.class);
    }

    @Test
    void theConfiguredKeyMustBeBase64OfThirtyTwoBytes() {
        byte[] key = new byte[32];
        key[0] = 7;
        KeyEncryption standard = KeyEncryption.fromBase64(Base64.getEncoder().encodeToString(key));
        KeyEncryption urlSafe =
                KeyEncryption.fromBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        assertThat(urlSafe.decrypt(standard.encrypt(SECRET, "k"), "k")).isEqualTo(SECRET);

        assertThatThrownBy(() -> KeyEncryption.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyEncryption.fromBase64("not base64 !!")).hasMessageContaining("base64");
    }
}
