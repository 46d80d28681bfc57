package org.atom.platform.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link Recurrence#parse} accepts, refuses (and how it says so) and how {@link Recurrence#toLines} normalises. */
class RecurrenceParsingTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Recurrence parse(String... lines) {
        return Recurrence.parse(List.of(lines), BERLIN);
    }

    @Test
    void toLinesRoundTripsANormalisedForm() {
        Recurrence r = parse(
                "rrule:byday=fr,mo;freq=weekly;interval=1;wkst=mo",
                "RRULE:FREQ=DAILY;UNTIL=20260401T090000", // floating: read in Berlin, 09:00 CEST = 07:00Z
                "RDATE;VALUE=DATE:20260325",
                "EXDATE:20260330T070000Z,20260330T070000Z",
                "EXDATE;TZID=America/New_York:20260406T030000",
                "EXDATE:20261025T010000Z", // the second 02:00 of the fall-back night: only UTC says which
                "EXDATE:20261025T003000Z"); // the first 02:30: the TZID form means that one

        assertThat(r.toLines())
                .containsExactly(
                        "RRULE:FREQ=WEEKLY;BYDAY=MO,FR",
                        "RRULE:FREQ=DAILY;UNTIL=20260401T070000Z",
                        "RDATE;VALUE=DATE:20260325",
                        "EXDATE;TZID=Europe/Berlin:20260330T090000,20260406T090000,20261025T023000",
                        "EXDATE:20261025T010000Z");
        Recurrence again = Recurrence.parse(r.toLines(), BERLIN);
        assertThat(again).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(again.toLines()).isEqualTo(r.toLines());
    }

    @Test
    void normalFormSortsValuesAndDropsDefaults() {
        assertThat(parse("RRULE:BYMONTHDAY=+15,1,15;FREQ=MONTHLY;BYMONTH=12,01;COUNT=+4;WKST=SU")
                        .toLines())
                .containsExactly("RRULE:FREQ=MONTHLY;COUNT=4;BYMONTH=1,12;BYMONTHDAY=1,15;WKST=SU");
        assertThat(parse("RRULE:FREQ=YEARLY;BYDAY=+1MO,-1FR,SU;BYMONTH=3").toLines())
                .containsExactly("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1MO,-1FR,SU");
    }

    @Test
    void longExceptionListsAreSplitSoTheNormalFormParsesAgain() {
        List<String> exdates = new ArrayList<>();
        LocalDate day = LocalDate.parse("2026-01-01");
        for (int i = 0; i < 250; i++) {
            exdates.add("EXDATE;VALUE=DATE:" + day.plusDays(i).toString().replace("-", ""));
        }
        exdates.add("RRULE:FREQ=DAILY");
        Recurrence r = Recurrence.parse(exdates, BERLIN);

        assertThat(r.toLines())
                .hasSize(4)
                .allSatisfy(line -> assertThat(line.length()).isLessThan(Recurrence.MAX_LINE_LENGTH));
        assertThat(Recurrence.parse(r.toLines(), BERLIN)).isEqualTo(r);
    }

    @Test
    void acceptsGoogleCalendarStyleLines() {
        Recurrence r = parse(
                "RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20261231T225959Z;BYDAY=MO,WE",
                "EXDATE;TZID=Europe/Berlin:20260323T090000",
                "EXDATE;VALUE=DATE:20260325",
                "RDATE;TZID=\"Europe/Berlin\";X-GOOGLE-FOO=bar:20260327T090000");

        assertThat(r.isInfinite()).isFalse();
        assertThat(r.toLines()).hasSize(4);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "RRULE:FREQ=HOURLY                              | FREQ=HOURLY is not supported",
                "RRULE:FREQ=MINUTELY;INTERVAL=15                | FREQ=MINUTELY is not supported",
                "RRULE:FREQ=SECONDLY                            | FREQ=SECONDLY is not supported",
                "RRULE:FREQ=FORTNIGHTLY                         | unknown FREQ=FORTNIGHTLY",
                "RRULE:BYDAY=MO                                 | FREQ is required",
                "RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260101        | COUNT and UNTIL must not both be given",
                "RRULE:FREQ=DAILY;COUNT=0                       | COUNT=0 is out of range 1..10000",
                "RRULE:FREQ=DAILY;COUNT=10001                   | COUNT=10001 is out of range",
                "RRULE:FREQ=DAILY;INTERVAL=-2                   | INTERVAL=-2 is not a positive integer",
                "RRULE:FREQ=DAILY;INTERVAL=1001                 | INTERVAL=1001 is out of range",
                "RRULE:FREQ=DAILY;FOO=1                         | unknown rule part FOO",
                "RRULE:FREQ=DAILY;FREQ=WEEKLY                   | FREQ appears twice",
                "RRULE:FREQ=DAILY;BYSECOND=5                    | BYSECOND is not supported",
                "RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=FORWARD | RSCALE (RFC 7529) is not supported",
                "RRULE:FREQ=MONTHLY;BYMONTHDAY=32               | BYMONTHDAY value '32' is out of range",
                "RRULE:FREQ=MONTHLY;BYMONTHDAY=0                | BYMONTHDAY value '0' is out of range",
                "RRULE:FREQ=WEEKLY;BYDAY=MON                    | BYDAY value 'MON' is not a weekday",
                "RRULE:FREQ=MONTHLY;BYDAY=0FR                   | ordinal outside",
                "RRULE:FREQ=WEEKLY;BYDAY=1MO                    | numeric value",
                "RRULE:FREQ=WEEKLY;BYMONTHDAY=3                 | BYMONTHDAY is not allowed in WEEKLY",
                "RRULE:FREQ=MONTHLY;BYSETPOS=-1                 | BYSETPOS needs another BYxxx part",
                "RRULE:FREQ=DAILY;UNTIL=20260231                | UNTIL '20260231' is not a valid date",
                "RRULE:FREQ=DAILY;UNTIL=tomorrow                | UNTIL 'TOMORROW' is neither a DATE",
                "RRULE:FREQ=DAILY;WKST=XX                       | WKST=XX is not a weekday",
                "RRULE:FREQ                                     | rule part 'FREQ' is not NAME=VALUE",
                "FREQ=DAILY                                     | expected NAME:VALUE",
                "EXRULE:FREQ=DAILY                              | EXRULE is deprecated",
                "DTSTART:20260302T090000                        | DTSTART does not belong",
                "VEVENT:foo                                     | unsupported property VEVENT",
                "EXDATE;TZID=Mars/Olympus:20260323T090000       | unknown time zone 'Mars/Olympus'",
                "EXDATE;TZID=Europe/Berlin:20260323T090000Z     | cannot also carry a TZID",
                "EXDATE;VALUE=DATE:20260323T090000              | is a DATE-TIME but VALUE=DATE",
                "EXDATE;VALUE=DATE-TIME:20260323                | is a DATE but VALUE=DATE-TIME",
                "RDATE;VALUE=PERIOD:20260323T090000Z/PT1H       | VALUE=PERIOD is not supported",
                "EXDATE:2026-03-23                              | is neither a DATE",
                "EXDATE;FOO=bar:20260323T090000                 | parameter FOO is not supported",
                "EXDATE;TZID=\"Europe/Berlin:20260323T090000    | unterminated quoted value",
                "EXDATE:                                        | EXDATE has no value",
                "RRULE;TZID=Europe/Berlin:FREQ=DAILY            | parameter TZID is not supported on RRULE",
            })
    void refusesWithAMessageNamingThePart(String line, String expected) {
        assertThatThrownBy(() -> parse("RRULE:FREQ=WEEKLY", line))
                .isInstanceOf(InvalidRecurrenceException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> {
                    InvalidRecurrenceException ex = (InvalidRecurrenceException) e;
                    assertThat(ex.index()).isEqualTo(1);
                    assertThat(ex.getMessage())
                            .startsWith("entry 1 (\"" + line.substring(0, Math.min(20, line.length())));
                    assertThat(ex.reason()).contains(expected);
                });
    }

    @Test
    void refusesEmptyAndNullLines() {
        List<String> withNull = new ArrayList<>(List.of("RRULE:FREQ=DAILY"));
        withNull.add(null);

        assertThatThrownBy(() -> Recurrence.parse(withNull, BERLIN)).hasMessage("entry 1: empty line");
        assertThatThrownBy(() -> parse("  ")).hasMessage("entry 0 (\"\"): empty line");
    }

    @Test
    void refusesLineBreaksInsideALine() {
        assertThatThrownBy(() -> parse("RRULE:FREQ=DAILY\r\nRRULE:FREQ=WEEKLY"))
                .hasMessageContaining("control characters");
    }

    @Test
    void limitsTheNumberAndLengthOfLines() {
        assertThatThrownBy(() ->
                        Recurrence.parse(Collections.nCopies(Recurrence.MAX_LINES + 1, "RRULE:FREQ=DAILY"), BERLIN))
                .isInstanceOf(InvalidRecurrenceException.class)
                .hasMessage("at most 1000 recurrence lines are allowed")
                .extracting(e -> ((InvalidRecurrenceException) e).index())
                .isEqualTo(-1);
        assertThatThrownBy(() -> parse("RRULE:FREQ=DAILY;BYMONTHDAY=" + "1,".repeat(5_000) + "2"))
                .hasMessageContaining("longer than 10000 characters");
        List<String> rules = new ArrayList<>();
        for (int i = 1; i <= Recurrence.MAX_RULES + 1; i++) {
            rules.add("RRULE:FREQ=MONTHLY;BYMONTHDAY=" + i);
        }
        assertThatThrownBy(() -> Recurrence.parse(rules, BERLIN)).hasMessageContaining("at most 10 RRULE lines");
        List<String> dates = new ArrayList<>(); // 11 lines of 100 distinct dates each
        for (int line = 0; line < 11; line++) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                values.add(LocalDate.parse("2026-01-01")
                        .plusDays(line * 100L + i)
                        .toString()
                        .replace("-", ""));
            }
            dates.add("EXDATE;VALUE=DATE:" + String.join(",", values));
        }
        assertThatThrownBy(() -> Recurrence.parse(dates, BERLIN))
                .hasMessageContaining("at most 1000 RDATE and EXDATE values");
    }

    @Test
    void allDaySeriesRefusesATimeOfDay() {
        Recurrence r = parse("RRULE:FREQ=DAILY;BYHOUR=9");

        assertThatThrownBy(() -> r.preview(LocalDate.parse("2026-03-02"), 3))
                .isInstanceOf(InvalidRecurrenceException.class)
                .hasMessageContaining("an all-day series cannot have");
    }

    @Test
    void callerMistakesAreIllegalArguments() {
        Recurrence r = parse("RRULE:FREQ=DAILY");
        LocalDate start = LocalDate.parse("2026-03-02");

        assertThatThrownBy(() -> r.preview(start, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.preview(start, Recurrence.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.occurrences(start, start.plusDays(2), start, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
