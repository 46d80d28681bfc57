package org.atom.platform.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Window queries skip ahead to the window instead of walking from the series start. The bound is generous (a
 * skipping query takes well under a millisecond once warm, walking 50 years of a daily series a few); it only catches
 * an expansion that became proportional to the age of the series times something large.
 */
class RecurrenceWindowSpeedTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration BOUND = Duration.ofMillis(200);

    static <T> T timed(Supplier<T> query) {
        query.get(); // class loading and JIT are not what this measures
        long started = System.nanoTime();
        T result = query.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
        return result;
    }

    @Test
    void oneWeekOfAFiftyYearOldDailySeriesIsAnsweredQuickly() {
        Recurrence daily = Recurrence.parse(List.of("RRULE:FREQ=DAILY"), BERLIN);
        LocalDateTime start = LocalDateTime.parse("1976-01-01T09:00");

        // 23–29 Mar 2026; the clocks change on the 29th (09:00 CET = 08:00Z before, 09:00 CEST = 07:00Z from then)
        List<ZonedDateTime> week = timed(() -> daily.occurrences(
                start, Instant.parse("2026-03-23T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"), 100));

        assertThat(week).hasSize(7);
        assertThat(week.getFirst().toInstant()).isEqualTo(Instant.parse("2026-03-23T08:00:00Z"));
        assertThat(week.getLast().toInstant()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(week).allSatisfy(o -> assertThat(o.toLocalTime()).hasToString("09:00"));
    }

    @Test
    void aMinuteByMinuteSeriesFromFiftyYearsAgoIsSkippedNotWalked() {
        // 1 440 instances a day for 50 years: walking them (≈ 26 million) would take seconds, skipping takes ms
        String hours = String.join(
                ",", IntStream.range(0, 24).mapToObj(String::valueOf).toList());
        String minutes = String.join(
                ",", IntStream.range(0, 60).mapToObj(String::valueOf).toList());
        Recurrence dense =
                Recurrence.parse(List.of("RRULE:FREQ=DAILY;BYHOUR=" + hours + ";BYMINUTE=" + minutes), BERLIN);

        // 10:00–10:05 CET on 23 Mar 2026 = 09:00–09:05Z
        List<ZonedDateTime> got = timed(() -> dense.occurrences(
                LocalDateTime.parse("1976-01-01T00:00"),
                Instant.parse("2026-03-23T09:00:00Z"),
                Instant.parse("2026-03-23T09:05:00Z"),
                100));

        assertThat(got)
                .extracting(o -> o.toLocalTime().toString())
                .containsExactly("10:00", "10:01", "10:02", "10:03", "10:04");
    }

    @Test
    void nextOccurrenceOfAFiftyYearOldSeriesIsAnsweredQuickly() {
        Recurrence lastWeekday =
                Recurrence.parse(List.of("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"), BERLIN);

        // after 1 Mar 2026: the last weekday of March 2026 is Tuesday the 31st
        assertThat(timed(() -> lastWeekday.next(LocalDate.parse("1976-01-30"), LocalDate.parse("2026-03-01"))))
                .contains(LocalDate.parse("2026-03-31"));
    }

    @Test
    void aCountRuleIsWalkedFromItsStartButCountIsCapped() {
        Recurrence longest = Recurrence.parse(List.of("RRULE:FREQ=DAILY;COUNT=" + Recurrence.MAX_COUNT), BERLIN);

        // 10 000 days from 1 Jan 2000 end on 18 May 2027 (day 9 999 after the start): ask for the last week
        List<LocalDate> days = timed(() -> longest.occurrences(
                LocalDate.parse("2000-01-01"), LocalDate.parse("2027-05-12"), LocalDate.parse("2027-06-01"), 100));

        assertThat(days).hasSize(7).last().isEqualTo(LocalDate.parse("2027-05-18"));
    }
}
