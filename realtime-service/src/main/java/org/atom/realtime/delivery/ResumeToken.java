package org.atom.realtime.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * A client's place in the event log, the same on every instance because it is made of Kafka positions: for each
 * topic partition holding the user's events, the next offset the client has not received. Encoded compactly as
 * base64url of a version byte and, per partition, the topic name's {@link String#hashCode()} (4 bytes) and
 * partition and offset as unsigned varints.
 */
public final class ResumeToken {

    private static final byte VERSION = 1;

    private ResumeToken() {}

    public static String encode(Map<TopicPartition, Long> positions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + positions.size() * 10);
        out.write(VERSION);
        positions.forEach((tp, offset) -> {
            int hash = tp.topic().hashCode();
            out.write(hash >>> 24);
            out.write(hash >>> 16);
            out.write(hash >>> 8);
            out.write(hash);
            writeVarint(out, tp.partition());
            writeVarint(out, offset);
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * The positions in a token, naming topics through {@code topicsByHash} (partitions of topics it does not know
     * are left out); empty when the token is not one of ours.
     */
    public static Optional<Map<TopicPartition, Long>> decode(String token, Map<Integer, String> topicsByHash) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
            if (!in.hasRemaining() || in.get() != VERSION) {
                return Optional.empty();
            }
            Map<TopicPartition, Long> positions = new HashMap<>();
            while (in.hasRemaining()) {
                int hash = in.getInt();
                long partition = readVarint(in);
                long offset = readVarint(in);
                if (partition > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                String topic = topicsByHash.get(hash);
                if (topic != null) {
                    positions.put(new TopicPartition(topic, (int) partition), offset);
                }
            }
            return Optional.of(positions);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("negative position");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
