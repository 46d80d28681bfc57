package org.atom.platform.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A keyset position, opaque to clients: the sort key of the last item of the previous page (the id last, as the
 * tie-breaker), e.g. {@code Cursor.of(task.createdAt(), task.id())}. On the wire it is base64url of a small JSON
 * array plus a checksum, so an edited or truncated cursor is a 400 naming {@code cursor} rather than a query
 * starting somewhere arbitrary. The checksum is no security boundary (every query is scoped to the caller anyway).
 *
 * @param key the sort key values, as strings
 */
public record Cursor(List<String> key) {

    /** The query parameter carrying the cursor. */
    public static final String PARAMETER = "cursor";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHECKSUM_BYTES = 6;

    public Cursor {
        key = List.copyOf(key);
    }

    /** A cursor from sort key values; each is kept as its {@code toString()} (ISO-8601 for java.time, UUIDs …). */
    public static Cursor of(Object... values) {
        return new Cursor(
                Arrays.stream(values).map(v -> Objects.toString(v, null)).toList());
    }

    /** The opaque form sent to clients. */
    public String encode() {
        byte[] payload = JSON.writeValueAsBytes(key);
        byte[] token = Arrays.copyOf(payload, payload.length + CHECKSUM_BYTES);
        System.arraycopy(checksum(payload), 0, token, payload.length, CHECKSUM_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Reads a cursor a client sent back; anything that is not one of ours → 400 naming {@code cursor}. */
    public static Cursor decode(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length <= CHECKSUM_BYTES) {
                throw invalid();
            }
            byte[] payload = Arrays.copyOf(bytes, bytes.length - CHECKSUM_BYTES);
            byte[] sum = Arrays.copyOfRange(bytes, payload.length, bytes.length);
            if (!MessageDigest.isEqual(sum, Arrays.copyOf(checksum(payload), CHECKSUM_BYTES))) {
                throw invalid();
            }
            return new Cursor(JSON.readValue(payload, new TypeReference<List<String>>() {}));
        } catch (IllegalArgumentException | JacksonException | NullPointerException e) {
            throw invalid();
        }
    }

    public String string(int index) {
        if (index >= key.size()) {
            throw invalid();
        }
        return key.get(index);
    }

    public Instant instant(int index) {
        try {
            return Instant.parse(string(index));
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid();
        }
    }

    public UUID uuid(int index) {
        try {
            return UUID.fromString(string(index));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    public long longValue(int index) {
        try {
            return Long.parseLong(string(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static BadRequestException invalid() {
        return BadRequestException.of(PARAMETER, "is not a valid cursor; use the Link header of the previous page");
    }

    private static byte[] checksum(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
