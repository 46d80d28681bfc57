package org.atom.calendar.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MeetingSuggestionsTest {

    @Test
    void candidateStartsAreAlignedToTheGranularityFromLocalMidnight() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+05:30: local :00 and :30 are UTC :30 and :00
        Duration quarter = Duration.ofMinutes(15);

        assertThat(MeetingSuggestions.aligned(Instant.parse("2026-12-07T06:31:00Z"), kolkata, quarter))
                .isEqualTo(Instant.parse("2026-12-07T06:45:00Z"));
        assertThat(MeetingSuggestions.aligned(Instant.parse("2026-12-07T06:30:00Z"), kolkata, quarter))
                .isEqualTo(Instant.parse("2026-12-07T06:30:00Z"));
        assertThat(MeetingSuggestions.aligned(Instant.parse("2026-12-07T06:30:00.001Z"), kolkata, quarter))
                .isEqualTo(Instant.parse("2026-12-07T06:45:00Z"));
        assertThat(MeetingSuggestions.aligned(
                        Instant.parse("2026-12-07T06:31:00Z"), ZoneId.of("Asia/Kathmandu"), Duration.ofMinutes(30)))
                .as("UTC+05:45: local 12:30 is 06:45Z")
                .isEqualTo(Instant.parse("2026-12-07T06:45:00Z"));
    }
}
