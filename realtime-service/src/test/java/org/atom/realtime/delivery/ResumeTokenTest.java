package org.atom.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResumeTokenTest {

    private static final String TASKS = "task-service.task.v1";
    private static final String USERS = "auth-service.user.v1";
    private static final String OTHER = "note-service.note.v1";
    private static final Map<Integer, String> KNOWN = Map.of(TASKS.hashCode(), TASKS, USERS.hashCode(), USERS);

    @Test
    void positionsOfSeveralTopicPartitionsSurviveTheRoundTrip() {
        Map<TopicPartition, Long> positions = Map.of(
                new TopicPartition(TASKS, 0), 0L,
                new TopicPartition(TASKS, 1), 127L,
                new TopicPartition(TASKS, 2), 3_000_000_000L, // > 2^31
                new TopicPartition(USERS, 0), 1L << 40,
                new TopicPartition(USERS, 11), Long.MAX_VALUE);

        String token = ResumeToken.encode(positions);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(ResumeToken.decode(token, KNOWN)).contains(positions);
    }

    @Test
    void noPositionsAtAllSurviveTheRoundTrip() {
        assertThat(ResumeToken.decode(ResumeToken.encode(Map.of()), KNOWN)).contains(Map.of());
    }

    @Test
    void partitionsOfTopicsTheDecoderDoesNotKnowAreLeftOut() {
        Map<TopicPartition, Long> positions = Map.of(
                new TopicPartition(TASKS, 2), 10L,
                new TopicPartition(OTHER, 0), 20L,
                new TopicPartition(USERS, 0), 30L,
                new TopicPartition(OTHER, 1), 40L);

        assertThat(ResumeToken.decode(ResumeToken.encode(positions), KNOWN))
                .contains(Map.of(new TopicPartition(TASKS, 2), 10L, new TopicPartition(USERS, 0), 30L));
        assertThat(ResumeToken.decode(ResumeToken.encode(positions), Map.of())).contains(Map.of());
    }

    static Stream<Arguments> garbage() {
        byte[] valid =
                Base64.getUrlDecoder().decode(ResumeToken.encode(Map.of(new TopicPartition(TASKS, 1), 3_000_000_000L)));
        byte[] wrongVersion = valid.clone();
        wrongVersion[0] = 2;
        Map<TopicPartition, Long> many = new HashMap<>();
        for (int partition = 0; partition < 1000; partition++) {
            many.put(new TopicPartition(TASKS, partition), 5_000_000_000L + partition);
        }
        String overlong = ResumeToken.encode(many);
        assertThat(overlong).hasSizeGreaterThan(4096);
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty string", ""),
                Arguments.of("not base64", "this is not a token!"),
                Arguments.of("standard base64 alphabet", "AQ+/"),
                Arguments.of("impossible base64 length", "AQIDB"),
                Arguments.of("wrong version byte", base64(wrongVersion)),
                Arguments.of("version 0", base64(new byte[] {0})),
                Arguments.of("truncated in the offset", base64(Arrays.copyOf(valid, valid.length - 1))),
                Arguments.of("truncated in the topic hash", base64(Arrays.copyOf(valid, 3))),
                Arguments.of(
                        "truncated by one character",
                        base64(valid).substring(0, base64(valid).length() - 1)),
                Arguments.of("varint longer than 64 bits", base64(withPosition(allBitsSet(10, 0x01)))),
                Arguments.of("negative offset (bit 63)", base64(withPosition(allBitsSet(9, 0x01)))),
                Arguments.of(
                        "partition beyond int",
                        base64(withPartition(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}))),
                Arguments.of("overlong", overlong));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void anythingThatIsNotOneOfOurTokensDecodesToNothing(String kind, String token) {
        assertThat(ResumeToken.decode(token, KNOWN)).isEqualTo(Optional.empty());
    }

    /** {@code continued} varint bytes with all 7 bits set and the continuation bit, then {@code last} */
    private static byte[] allBitsSet(int continued, int last) {
        byte[] bytes = new byte[continued + 1];
        Arrays.fill(bytes, (byte) 0xFF);
        bytes[continued] = (byte) last;
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** version, the tasks topic's hash, partition 0 and then {@code offset} as raw varint bytes */
    private static byte[] withPosition(byte[] offset) {
        return concat(header(), new byte[] {0}, offset);
    }

    /** version, the tasks topic's hash, {@code partition} as raw varint bytes, offset 0 */
    private static byte[] withPartition(byte[] partition) {
        return concat(header(), partition, new byte[] {0});
    }

    private static byte[] header() {
        int hash = TASKS.hashCode();
        return new byte[] {1, (byte) (hash >>> 24), (byte) (hash >>> 16), (byte) (hash >>> 8), (byte) hash};
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
