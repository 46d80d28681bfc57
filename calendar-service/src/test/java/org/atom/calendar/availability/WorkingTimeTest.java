package org.atom.calendar.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.atom.platform.users.WorkingHours;
import org.junit.jupiter.api.Test;

class WorkingTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static WorkingHours everyDay(String start, String end) {
        Map<DayOfWeek, WorkingHours.Hours> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, new WorkingHours.Hours(LocalTime.parse(start), LocalTime.parse(end)));
        }
        return new WorkingHours(days);
    }

    private static Interval at(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void workingHoursAreWallClockTimesOnEitherSideOfADstChange() {
        WorkingHours nineToFive = everyDay("09:00", "17:00");

        assertThat(WorkingTime.on(LocalDate.parse("2026-03-28"), nineToFive, BERLIN))
                .contains(at("2026-03-28T08:00:00Z", "2026-03-28T16:00:00Z"));
        assertThat(WorkingTime.on(LocalDate.parse("2026-03-29"), nineToFive, BERLIN))
                .contains(at("2026-03-29T07:00:00Z", "2026-03-29T15:00:00Z"));
        assertThat(WorkingTime.on(LocalDate.parse("2026-10-25"), nineToFive, BERLIN))
                .contains(at("2026-10-25T08:00:00Z", "2026-10-25T16:00:00Z"));
    }

    @Test
    void aWholeDayOnADstChangeHas23Or25Hours() {
        WorkingHours allDay = everyDay("00:00", "00:00");

        assertThat(WorkingTime.on(LocalDate.parse("2026-03-29"), allDay, BERLIN))
                .contains(at("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
        assertThat(WorkingTime.on(LocalDate.parse("2026-10-25"), allDay, BERLIN))
                .contains(at("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
    }

    @Test
    void aNightShiftRunsIntoTheNextDayAndAStartInTheSpringGapMovesForward() {
        assertThat(WorkingTime.on(LocalDate.parse("2026-12-07"), everyDay("22:00", "06:00"), BERLIN))
                .contains(at("2026-12-07T21:00:00Z", "2026-12-08T05:00:00Z"));
        // 02:30 does not exist on 29 March 2026 in Berlin: the day starts at 03:30 CEST
        assertThat(WorkingTime.on(LocalDate.parse("2026-03-29"), everyDay("02:30", "05:00"), BERLIN))
                .contains(at("2026-03-29T01:30:00Z", "2026-03-29T03:00:00Z"));
    }

    @Test
    void daysOffHaveNoWorkingTimeAndTheDayBeforeAWindowCountsWhenItRunsIntoIt() {
        assertThat(WorkingTime.on(LocalDate.parse("2026-12-05"), WorkingHours.DEFAULT, BERLIN))
                .as("a Saturday")
                .isEmpty();

        assertThat(WorkingTime.days(
                        everyDay("22:00", "06:00"), BERLIN, at("2026-12-08T00:00:00Z", "2026-12-08T12:00:00Z")))
                .containsExactly(at("2026-12-07T21:00:00Z", "2026-12-08T05:00:00Z"));
    }
}
