package org.atom.platform.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Expansion semantics. Every expected value is worked out by hand in the comments (2026: Jan 1 is a Thursday, Mar 1
 * a Sunday; Europe/Berlin switches to CEST (+02:00) on Sun 29 Mar 2026 at 02:00 and back to CET (+01:00) on Sun 25 Oct
 * 2026 at 03:00), never copied from the library's output.
 */
class RecurrenceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Recurrence rec(String... lines) {
        return Recurrence.parse(List.of(lines), BERLIN);
    }

    static LocalDateTime at(String localDateTime) {
        return LocalDateTime.parse(localDateTime);
    }

    static List<Instant> instants(List<ZonedDateTime> occurrences) {
        return occurrences.stream().map(ZonedDateTime::toInstant).toList();
    }

    static List<LocalDateTime> wallClock(List<ZonedDateTime> occurrences) {
        return occurrences.stream().map(ZonedDateTime::toLocalDateTime).toList();
    }

    static List<Instant> utc(String... instants) {
        return java.util.Arrays.stream(instants).map(Instant::parse).toList();
    }

    static List<LocalDate> dates(String... dates) {
        return java.util.Arrays.stream(dates).map(LocalDate::parse).toList();
    }

    // ------------------------------------------------------------------ DST

    @Test
    void weeklyWallClockTimeStaysPutAcrossSpringForward() {
        // Sundays 22 Mar (CET), 29 Mar (the switch day, CEST), 5 Apr (CEST), always 09:00 local
        List<ZonedDateTime> got = rec("RRULE:FREQ=WEEKLY").preview(at("2026-03-22T09:00"), 3);

        assertThat(wallClock(got))
                .containsExactly(at("2026-03-22T09:00"), at("2026-03-29T09:00"), at("2026-04-05T09:00"));
        assertThat(instants(got))
                .isEqualTo(utc("2026-03-22T08:00:00Z", "2026-03-29T07:00:00Z", "2026-04-05T07:00:00Z"));
        assertThat(got.get(0).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(got.get(1).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    }

    @Test
    void weeklyWallClockTimeStaysPutAcrossFallBack() {
        // Sundays 18 Oct (CEST), 25 Oct (the switch day, CET), 1 Nov (CET), always 09:00 local
        List<ZonedDateTime> got = rec("RRULE:FREQ=WEEKLY;BYDAY=SU").preview(at("2026-10-18T09:00"), 3);

        assertThat(wallClock(got))
                .containsExactly(at("2026-10-18T09:00"), at("2026-10-25T09:00"), at("2026-11-01T09:00"));
        assertThat(instants(got))
                .isEqualTo(utc("2026-10-18T07:00:00Z", "2026-10-25T08:00:00Z", "2026-11-01T08:00:00Z"));
    }

    @Test
    void nonExistentLocalTimeIsShiftedForwardByTheLengthOfTheGap() {
        // 29 Mar 02:30 does not exist (02:00 CET → 03:00 CEST): read with the offset before the gap, +01:00, it is
        // 01:30Z = 03:30 CEST; the next day is 02:30 again
        List<ZonedDateTime> got = rec("RRULE:FREQ=DAILY").preview(at("2026-03-28T02:30"), 3);

        assertThat(wallClock(got))
                .containsExactly(at("2026-03-28T02:30"), at("2026-03-29T03:30"), at("2026-03-30T02:30"));
        assertThat(instants(got))
                .isEqualTo(utc("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"));
    }

    @Test
    void ambiguousLocalTimeTakesTheEarlierOffset() {
        // 25 Oct 02:30 happens twice (CEST, then CET): the first one, 02:30+02:00 = 00:30Z
        List<ZonedDateTime> got = rec("RRULE:FREQ=DAILY").preview(at("2026-10-24T02:30"), 3);

        assertThat(instants(got))
                .isEqualTo(utc("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        assertThat(got.get(1).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    }

    @Test
    void startInTheGapIsShiftedLikeAnyOccurrence() {
        List<ZonedDateTime> got = rec("RRULE:FREQ=WEEKLY").preview(at("2026-03-29T02:15"), 2);

        assertThat(instants(got)).isEqualTo(utc("2026-03-29T01:15:00Z", "2026-04-05T00:15:00Z"));
    }

    @Test
    void dailyUntilAcrossTheSwitchStillEndsOnTheRightDay() {
        // UNTIL = 31 Mar 09:00 CEST = 07:00Z; the 09:00 occurrences before the switch are 08:00Z, after it 07:00Z
        List<ZonedDateTime> got = rec("RRULE:FREQ=DAILY;UNTIL=20260331T070000Z").preview(at("2026-03-27T09:00"), 10);

        assertThat(wallClock(got))
                .extracting(LocalDateTime::toLocalDate)
                .isEqualTo(dates("2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"));
    }

    // ------------------------------------------------------------------ month ends, leap days

    @Test
    void monthlyByMonthDay31SkipsMonthsWithoutA31st() {
        // only Jan, Mar, May, Jul, Aug, Oct, Dec have a 31st; nothing is clamped to the 30th/28th
        List<LocalDate> got = rec("RRULE:FREQ=MONTHLY;BYMONTHDAY=31").preview(LocalDate.parse("2026-01-31"), 7);

        assertThat(got)
                .isEqualTo(dates(
                        "2026-01-31",
                        "2026-03-31",
                        "2026-05-31",
                        "2026-07-31",
                        "2026-08-31",
                        "2026-10-31",
                        "2026-12-31"));
    }

    @Test
    void monthlyStartedOnThe31stWithoutByMonthDayAlsoSkipsShortMonths() {
        List<ZonedDateTime> got = rec("RRULE:FREQ=MONTHLY").preview(at("2026-01-31T10:00"), 3);

        assertThat(wallClock(got))
                .containsExactly(at("2026-01-31T10:00"), at("2026-03-31T10:00"), at("2026-05-31T10:00"));
    }

    @Test
    void byMonthDayMinusOneIsTheLastDayOfEveryMonth() {
        assertThat(rec("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1").preview(LocalDate.parse("2026-01-31"), 6))
                .isEqualTo(dates("2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"));
        // 2028 is a leap year
        assertThat(rec("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1").preview(LocalDate.parse("2028-01-31"), 2))
                .isEqualTo(dates("2028-01-31", "2028-02-29"));
    }

    @Test
    void yearlyFromLeapDayOccursOnlyInLeapYears() {
        assertThat(rec("RRULE:FREQ=YEARLY").preview(LocalDate.parse("2024-02-29"), 3))
                .isEqualTo(dates("2024-02-29", "2028-02-29", "2032-02-29"));
    }

    @Test
    void lastFridayOfTheMonth() {
        // Fridays: Jan 2..30, Feb 6..27, Mar 6..27, Apr 3..24, May 1..29
        assertThat(rec("RRULE:FREQ=MONTHLY;BYDAY=-1FR").preview(LocalDate.parse("2026-01-30"), 5))
                .isEqualTo(dates("2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24", "2026-05-29"));
    }

    @Test
    void lastWeekdayOfTheMonthWithBySetPos() {
        // Jan 31 Sat → 30; Feb 28 Sat → 27; Mar 31 Tue; Apr 30 Thu; May 31 Sun → 29
        assertThat(rec("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1").preview(LocalDate.parse("2026-01-30"), 5))
                .isEqualTo(dates("2026-01-30", "2026-02-27", "2026-03-31", "2026-04-30", "2026-05-29"));
    }

    @Test
    void yearlyByMonthAndByDay() {
        // last Sunday of March: 2027-03-31 is a Wednesday → 28th; 2028-03-31 is a Friday → 26th
        assertThat(rec("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU").preview(LocalDate.parse("2026-03-29"), 3))
                .isEqualTo(dates("2026-03-29", "2027-03-28", "2028-03-26"));
        // fourth Thursday of November: Nov 1 2026 is a Sunday → 26th; Nov 1 2027 a Monday → 25th
        assertThat(rec("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH").preview(LocalDate.parse("2026-11-26"), 2))
                .isEqualTo(dates("2026-11-26", "2027-11-25"));
    }

    // ------------------------------------------------------------------ COUNT, UNTIL, INTERVAL, WKST

    @Test
    void countLimitsTheSeriesAndTheStartIsTheFirst() {
        Recurrence r = rec("RRULE:FREQ=DAILY;COUNT=3");

        assertThat(wallClock(r.preview(at("2026-03-02T09:00"), 10)))
                .containsExactly(at("2026-03-02T09:00"), at("2026-03-03T09:00"), at("2026-03-04T09:00"));
        assertThat(r.next(at("2026-03-02T09:00"), Instant.parse("2026-03-04T08:00:00Z")))
                .isEmpty();
    }

    @Test
    void startThatDoesNotMatchTheRuleIsStillTheFirstOccurrenceAndCountsTowardsCount() {
        // Wed 4 Mar, then Mondays 9 and 16 Mar: three in all
        assertThat(rec("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3").preview(LocalDate.parse("2026-03-04"), 10))
                .isEqualTo(dates("2026-03-04", "2026-03-09", "2026-03-16"));
        assertThat(rec("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=1").preview(LocalDate.parse("2026-03-04"), 10))
                .isEqualTo(dates("2026-03-04"));
    }

    @Test
    void untilInUtcIsInclusiveForATimedSeries() {
        // 09:00 CET = 08:00Z; UNTIL exactly on the 4 Mar occurrence keeps it, one second earlier drops it
        assertThat(wallClock(rec("RRULE:FREQ=DAILY;UNTIL=20260304T080000Z").preview(at("2026-03-02T09:00"), 10)))
                .containsExactly(at("2026-03-02T09:00"), at("2026-03-03T09:00"), at("2026-03-04T09:00"));
        assertThat(wallClock(rec("RRULE:FREQ=DAILY;UNTIL=20260304T075959Z").preview(at("2026-03-02T09:00"), 10)))
                .containsExactly(at("2026-03-02T09:00"), at("2026-03-03T09:00"));
    }

    @Test
    void untilAsDateIsInclusiveForAnAllDaySeries() {
        assertThat(rec("RRULE:FREQ=WEEKLY;UNTIL=20260316").preview(LocalDate.parse("2026-03-02"), 10))
                .isEqualTo(dates("2026-03-02", "2026-03-09", "2026-03-16"));
    }

    @Test
    void untilAsUtcMidnightOfTheSeriesZoneIncludesThatDayOfAnAllDaySeries() {
        // Outlook writes the last day of an all-day series as local midnight in UTC: 16 Mar 00:00 CET = 15 Mar 23:00Z
        assertThat(rec("RRULE:FREQ=WEEKLY;UNTIL=20260315T230000Z").preview(LocalDate.parse("2026-03-02"), 10))
                .isEqualTo(dates("2026-03-02", "2026-03-09", "2026-03-16"));
    }

    @Test
    void untilAsDateIncludesThatWholeLocalDayOfATimedSeries() {
        assertThat(wallClock(rec("RRULE:FREQ=DAILY;UNTIL=20260303").preview(at("2026-03-02T23:30"), 10)))
                .containsExactly(at("2026-03-02T23:30"), at("2026-03-03T23:30"));
    }

    @Test
    void intervalSkipsPeriods() {
        assertThat(rec("RRULE:FREQ=DAILY;INTERVAL=3").preview(LocalDate.parse("2026-03-02"), 4))
                .isEqualTo(dates("2026-03-02", "2026-03-05", "2026-03-08", "2026-03-11"));
        assertThat(rec("RRULE:FREQ=MONTHLY;INTERVAL=2").preview(LocalDate.parse("2026-01-15"), 3))
                .isEqualTo(dates("2026-01-15", "2026-03-15", "2026-05-15"));
    }

    @Test
    void weekStartDecidesWhichWeeksABiweeklyRuleUses() {
        LocalDate monday = LocalDate.parse("2026-03-02");
        // WKST=MO: weeks Mon 2–Sun 8 and Mon 16–Sun 22 → 2, 8, 16, 22
        assertThat(rec("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;COUNT=4").preview(monday, 10))
                .isEqualTo(dates("2026-03-02", "2026-03-08", "2026-03-16", "2026-03-22"));
        // WKST=SU: weeks Sun 1–Sat 7 (the 1st is before the start), Sun 15–Sat 21, Sun 29–Sat 4 Apr → 2, 15, 16, 29
        assertThat(rec("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;COUNT=4;WKST=SU")
                        .preview(monday, 10))
                .isEqualTo(dates("2026-03-02", "2026-03-15", "2026-03-16", "2026-03-29"));
    }

    @Test
    void severalTimesADayWithByHour() {
        assertThat(wallClock(rec("RRULE:FREQ=DAILY;BYHOUR=9,17").preview(at("2026-03-02T09:00"), 3)))
                .containsExactly(at("2026-03-02T09:00"), at("2026-03-02T17:00"), at("2026-03-03T09:00"));
    }

    // ------------------------------------------------------------------ EXDATE, RDATE, several rules

    @Test
    void exdateRemovesTheOccurrenceAtTheSameInstantWhateverItsForm() {
        // Mondays 09:00 Berlin from 16 Mar: 23 Mar by TZID, 30 Mar (CEST, 07:00Z) in UTC, 6 Apr as 03:00 New York
        // (EDT since 8 Mar, -04:00 → 07:00Z)
        Recurrence r = rec(
                "RRULE:FREQ=WEEKLY",
                "EXDATE;TZID=Europe/Berlin:20260323T090000",
                "EXDATE:20260330T070000Z",
                "EXDATE;TZID=America/New_York:20260406T030000");

        assertThat(wallClock(r.preview(at("2026-03-16T09:00"), 4)))
                .containsExactly(
                        at("2026-03-16T09:00"), at("2026-04-13T09:00"), at("2026-04-20T09:00"), at("2026-04-27T09:00"));
    }

    @Test
    void exdateAtAnotherTimeOfDayRemovesNothing() {
        Recurrence r = rec("RRULE:FREQ=WEEKLY", "EXDATE;TZID=Europe/Berlin:20260323T100000");

        assertThat(wallClock(r.preview(at("2026-03-16T09:00"), 2)))
                .containsExactly(at("2026-03-16T09:00"), at("2026-03-23T09:00"));
    }

    @Test
    void exdateAsDateRemovesThatLocalDayOfATimedSeries() {
        Recurrence r = rec("RRULE:FREQ=DAILY;BYHOUR=9,17", "EXDATE;VALUE=DATE:20260303");

        assertThat(wallClock(r.preview(at("2026-03-02T09:00"), 3)))
                .containsExactly(at("2026-03-02T09:00"), at("2026-03-02T17:00"), at("2026-03-04T09:00"));
    }

    @Test
    void exdateOnTheStartRemovesTheStart() {
        assertThat(rec("RRULE:FREQ=DAILY", "EXDATE;VALUE=DATE:20260302").preview(LocalDate.parse("2026-03-02"), 2))
                .isEqualTo(dates("2026-03-03", "2026-03-04"));
    }

    @Test
    void exdateOnTheAmbiguousHourMatchesTheFirstOne() {
        Recurrence r = rec("RRULE:FREQ=DAILY", "EXDATE;TZID=Europe/Berlin:20261025T023000");

        assertThat(instants(r.preview(at("2026-10-24T02:30"), 2)))
                .isEqualTo(utc("2026-10-24T00:30:00Z", "2026-10-26T01:30:00Z"));
    }

    @Test
    void rdateAddsAnOccurrence() {
        Recurrence timed = rec("RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;TZID=Europe/Berlin:20260318T140000");
        assertThat(wallClock(timed.preview(at("2026-03-16T09:00"), 10)))
                .containsExactly(at("2026-03-16T09:00"), at("2026-03-18T14:00"), at("2026-03-23T09:00"));

        Recurrence allDay = rec("RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;VALUE=DATE:20260318,20260401");
        assertThat(allDay.preview(LocalDate.parse("2026-03-16"), 10))
                .isEqualTo(dates("2026-03-16", "2026-03-18", "2026-03-23", "2026-04-01"));
    }

    @Test
    void rdateAsDateOnATimedSeriesTakesTheStartTimeOfDay() {
        Recurrence r = rec("RDATE;VALUE=DATE:20260320");

        assertThat(wallClock(r.preview(at("2026-03-16T09:15"), 10)))
                .containsExactly(at("2026-03-16T09:15"), at("2026-03-20T09:15"));
    }

    @Test
    void severalRulesAreUnitedAndCoincidingOccurrencesAppearOnce() {
        Recurrence r = rec("RRULE:FREQ=WEEKLY;BYDAY=MO", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "RDATE;VALUE=DATE:20260309");

        assertThat(r.preview(LocalDate.parse("2026-03-02"), 4))
                .isEqualTo(dates("2026-03-02", "2026-03-04", "2026-03-09", "2026-03-11"));
    }

    @Test
    void ruleThatNeverMatchesYieldsOnlyTheStart() {
        Recurrence r = rec("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30");

        assertThat(r.preview(LocalDate.parse("2026-01-01"), 5)).isEqualTo(dates("2026-01-01"));
        assertThat(r.next(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-01")))
                .isEmpty();
    }

    @Test
    void noLinesIsASeriesOfOne() {
        Recurrence r = Recurrence.parse(List.of(), BERLIN);

        assertThat(r.preview(LocalDate.parse("2026-03-02"), 3)).isEqualTo(dates("2026-03-02"));
        assertThat(r.isInfinite()).isFalse();
    }

    // ------------------------------------------------------------------ windows, next

    @Test
    void windowIsHalfOpenOnOccurrenceStarts() {
        Recurrence r = rec("RRULE:FREQ=DAILY");
        // 09:00 CET = 08:00Z: [3 Mar 08:00Z, 5 Mar 08:00Z) holds the 3rd and the 4th
        List<ZonedDateTime> got = r.occurrences(
                at("2026-03-02T09:00"),
                Instant.parse("2026-03-03T08:00:00Z"),
                Instant.parse("2026-03-05T08:00:00Z"),
                10);

        assertThat(wallClock(got)).containsExactly(at("2026-03-03T09:00"), at("2026-03-04T09:00"));
        assertThat(r.occurrences(
                        LocalDate.parse("2026-03-02"),
                        LocalDate.parse("2026-03-03"),
                        LocalDate.parse("2026-03-05"),
                        10))
                .isEqualTo(dates("2026-03-03", "2026-03-04"));
    }

    @Test
    void windowBeforeTheStartIsEmptyAndAWindowAroundItStartsWithIt() {
        Recurrence r = rec("RRULE:FREQ=WEEKLY");
        LocalDate start = LocalDate.parse("2026-03-02");

        assertThat(r.occurrences(start, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-01"), 10))
                .isEmpty();
        assertThat(r.occurrences(start, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-10"), 10))
                .isEqualTo(dates("2026-03-02", "2026-03-09"));
    }

    @Test
    void limitBoundsTheResult() {
        assertThat(rec("RRULE:FREQ=DAILY")
                        .occurrences(
                                LocalDate.parse("2026-03-02"),
                                LocalDate.parse("2026-03-10"),
                                LocalDate.parse("2026-12-31"),
                                3))
                .isEqualTo(dates("2026-03-10", "2026-03-11", "2026-03-12"));
    }

    @Test
    void windowFarFromTheStartKeepsTheIntervalPhase() {
        // every 5 months from Jan 2000: month index 0, 5, 10, …; Jan 2026 is index 312, so Apr (315) and Sep (320)
        assertThat(rec("RRULE:FREQ=MONTHLY;INTERVAL=5")
                        .occurrences(
                                LocalDate.parse("2000-01-15"),
                                LocalDate.parse("2026-01-01"),
                                LocalDate.parse("2027-01-01"),
                                10))
                .isEqualTo(dates("2026-04-15", "2026-09-15"));
        // every other Monday from Mon 3 Jan 2000: 2 Mar 2026 is 9555 days = 1365 weeks later (odd) → 9 and 23 Mar
        assertThat(rec("RRULE:FREQ=WEEKLY;INTERVAL=2")
                        .occurrences(
                                LocalDate.parse("2000-01-03"),
                                LocalDate.parse("2026-03-01"),
                                LocalDate.parse("2026-04-01"),
                                10))
                .isEqualTo(dates("2026-03-09", "2026-03-23"));
    }

    @Test
    void nextIsTheFirstOccurrenceStrictlyAfter() {
        Recurrence r = rec("RRULE:FREQ=DAILY", "EXDATE;TZID=Europe/Berlin:20260305T090000");
        LocalDateTime start = at("2026-03-02T09:00");

        // exactly on the 4 Mar occurrence (08:00Z) → the 5th is excluded → the 6th
        assertThat(r.next(start, Instant.parse("2026-03-04T08:00:00Z")).map(ZonedDateTime::toLocalDateTime))
                .contains(at("2026-03-06T09:00"));
        assertThat(r.next(start, Instant.parse("2026-01-01T00:00:00Z")).map(ZonedDateTime::toLocalDateTime))
                .contains(start);
        assertThat(r.next(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")))
                .contains(LocalDate.parse("2026-03-03"));
    }

    @Test
    void isInfiniteWithoutCountOrUntil() {
        assertThat(rec("RRULE:FREQ=DAILY").isInfinite()).isTrue();
        assertThat(rec("RRULE:FREQ=DAILY;COUNT=5").isInfinite()).isFalse();
        assertThat(rec("RRULE:FREQ=DAILY;UNTIL=20261231").isInfinite()).isFalse();
        assertThat(rec("RRULE:FREQ=DAILY;COUNT=5", "RRULE:FREQ=WEEKLY").isInfinite())
                .isTrue();
        assertThat(rec("RDATE;VALUE=DATE:20260320").isInfinite()).isFalse();
    }

    // ------------------------------------------------------------------ complete windows

    /** Every minute of every day: 1 440 occurrences a day. */
    static Recurrence everyMinute() {
        String hours = String.join(
                ",", IntStream.range(0, 24).mapToObj(String::valueOf).toList());
        String minutes = String.join(
                ",", IntStream.range(0, 60).mapToObj(String::valueOf).toList());
        return rec("RRULE:FREQ=DAILY;BYHOUR=" + hours + ";BYMINUTE=" + minutes);
    }

    @Test
    void allOccurrencesOfAWindowAreEveryOneOfThemOrRefusedNeverCutShort() {
        Recurrence dense = everyMinute();
        LocalDateTime fiftyYearsAgo = at("1976-01-01T00:00");

        // 2 Mar 00:00Z + 10 000 minutes (6 days 22 h 40 min) = 8 Mar 22:40Z: exactly the most allowed
        List<ZonedDateTime> full = dense.allOccurrences(
                fiftyYearsAgo,
                Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-08T22:40:00Z"),
                Recurrence.MAX_LIMIT);
        assertThat(full).hasSize(10_000);
        assertThat(full.getFirst().toInstant()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(full.getLast().toInstant()).isEqualTo(Instant.parse("2026-03-08T22:39:00Z"));

        // the whole week holds 7 × 1 440 = 10 080: occurrences(…, limit) stops at the limit, allOccurrences refuses
        Instant from = Instant.parse("2026-03-02T00:00:00Z"), to = Instant.parse("2026-03-09T00:00:00Z");
        assertThat(dense.occurrences(fiftyYearsAgo, from, to, Recurrence.MAX_LIMIT))
                .hasSize(Recurrence.MAX_LIMIT);
        assertThatThrownBy(() -> dense.allOccurrences(fiftyYearsAgo, from, to, Recurrence.MAX_LIMIT))
                .isInstanceOfSatisfying(
                        TooManyOccurrencesException.class,
                        e -> assertThat(e.max()).isEqualTo(Recurrence.MAX_LIMIT))
                .hasMessage("the window holds more than 10000 occurrences");
    }

    @Test
    void allOccurrencesOfAnAllDaySeriesAreRefusedBeyondTheMaximum() {
        Recurrence daily = rec("RRULE:FREQ=DAILY");
        LocalDate start = LocalDate.parse("2026-03-02");

        assertThat(daily.allOccurrences(start, LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-13"), 3))
                .isEqualTo(dates("2026-03-10", "2026-03-11", "2026-03-12"));
        assertThatThrownBy(() ->
                        daily.allOccurrences(start, LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-14"), 3))
                .isInstanceOf(TooManyOccurrencesException.class);
    }

    @Test
    void aDailySeriesQueriedNinetyYearsAfterItsStartHasEveryOccurrenceOfTheWindow() {
        // 09:00 Berlin daily from 2000; 2090 has 365 days: 09:00 CET = 08:00Z in winter, 09:00 CEST = 07:00Z in July
        List<ZonedDateTime> year = rec("RRULE:FREQ=DAILY")
                .allOccurrences(
                        at("2000-01-01T09:00"),
                        Instant.parse("2090-01-01T00:00:00Z"),
                        Instant.parse("2091-01-01T00:00:00Z"),
                        Recurrence.MAX_LIMIT);

        assertThat(year)
                .hasSize(365)
                .allSatisfy(o -> assertThat(o.toLocalTime()).hasToString("09:00"));
        assertThat(year.getFirst().toInstant()).isEqualTo(Instant.parse("2090-01-01T08:00:00Z"));
        assertThat(year.get(181).toInstant()).isEqualTo(Instant.parse("2090-07-01T07:00:00Z"));
        assertThat(year.getLast().toInstant()).isEqualTo(Instant.parse("2090-12-31T08:00:00Z"));
    }

    @Test
    void withDatesOnlyKeepsAnAllDaySeriesOccurrencesWithoutItsZone() {
        // Sundays from 1 Mar 2026. In Berlin: the EXDATE (00:00 local) is 8 Mar, the RDATE (23:00Z) is 11 Mar, and
        // the UNTIL (28 Mar 23:00Z = 29 Mar 00:00 CET) still includes Sunday 29 Mar
        Recurrence berlin = rec(
                "RRULE:FREQ=WEEKLY;UNTIL=20260328T230000Z",
                "EXDATE;TZID=Europe/Berlin:20260308T000000",
                "RDATE:20260310T230000Z");
        LocalDate start = LocalDate.parse("2026-03-01");
        LocalDate from = LocalDate.parse("2026-01-01"), to = LocalDate.parse("2027-01-01");
        List<LocalDate> expected = dates("2026-03-01", "2026-03-11", "2026-03-15", "2026-03-22", "2026-03-29");
        assertThat(berlin.occurrences(start, from, to, 100)).isEqualTo(expected);

        Recurrence dates = berlin.withDatesOnly();

        assertThat(dates.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(dates.toLines())
                .containsExactly(
                        "RRULE:FREQ=WEEKLY;UNTIL=20260329", "RDATE;VALUE=DATE:20260311", "EXDATE;VALUE=DATE:20260308");
        assertThat(dates.occurrences(start, from, to, 100)).isEqualTo(expected);
        // read in any zone, the lines mean the same days now
        assertThat(Recurrence.parse(dates.toLines(), ZoneId.of("America/New_York"))
                        .occurrences(start, from, to, 100))
                .isEqualTo(expected);
        // whereas the zone mattered before: in UTC the same lines exclude 7 Mar, add 10 Mar and stop before 29 Mar
        assertThat(Recurrence.parse(berlin.toLines(), ZoneOffset.UTC).occurrences(start, from, to, 100))
                .isEqualTo(dates("2026-03-01", "2026-03-08", "2026-03-10", "2026-03-15", "2026-03-22"));
    }
}
