package org.atom.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (the signing keys' private halves): a random 96-bit IV per message, a 128-bit
 * tag, and associated data binding the ciphertext to what it belongs to (the key id), so a ciphertext copied to
 * another row does not decrypt. Output: IV ‖ ciphertext ‖ tag.
 */
public final class KeyEncryption {

    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public KeyEncryption(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must be exactly 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * Reads {@code atom.auth.key-encryption-key}: base64 (standard or URL-safe) of 32 bytes.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static KeyEncryption fromBase64(String encoded) {
        byte[] bytes;
        try {
            String trimmed = encoded.strip();
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atom.auth.key-encryption-key is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "atom.auth.key-encryption-key must be base64 of 32 bytes (e.g. `openssl rand -base64 32`), got "
                            + bytes.length + " bytes");
        }
        return new KeyEncryption(bytes);
    }

    /** A fresh random key (development only). */
    public static KeyEncryption random() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return new KeyEncryption(bytes);
    }

    public byte[] encrypt(byte[] plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @throws DecryptionException if the data was not sealed with this key and associated data, or was altered
     */
    public byte[] decrypt(byte[] sealed, String associatedData) {
        if (sealed == null || sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new DecryptionException("ciphertext too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 0, IV_BYTES)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("wrong key, wrong associated data or altered ciphertext");
        }
    }

    /** The ciphertext does not open with this key (or was tampered with). */
    public static final class DecryptionException extends RuntimeException {
        DecryptionException(String message) {
            super(message);
        }
    }
}
