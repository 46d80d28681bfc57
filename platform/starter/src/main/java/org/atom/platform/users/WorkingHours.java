package org.atom.platform.users;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a user works, per weekday, in the user's time zone; a day without hours is a day off.
 *
 * @param days the hours of each working day (days off are absent); an unmodifiable map in weekday order
 */
public record WorkingHours(Map<DayOfWeek, Hours> days) {

    /** Until a user sets them: Monday to Friday, 09:00–17:00 (ARCHITECTURE.md §4). */
    public static final WorkingHours DEFAULT = mondayToFriday(new Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)));

    public WorkingHours {
        EnumMap<DayOfWeek, Hours> copy = new EnumMap<>(DayOfWeek.class);
        Objects.requireNonNull(days, "days")
                .forEach((day, hours) ->
                        copy.put(Objects.requireNonNull(day, "day"), Objects.requireNonNull(hours, "hours of " + day)));
        days = Collections.unmodifiableMap(copy);
    }

    /** The same hours from Monday to Friday, weekends off. */
    public static WorkingHours mondayToFriday(Hours hours) {
        EnumMap<DayOfWeek, Hours> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                days.put(day, hours);
            }
        }
        return new WorkingHours(days);
    }

    /** The day's hours, empty on a day off. */
    public Optional<Hours> on(DayOfWeek day) {
        return Optional.ofNullable(days.get(day));
    }

    public boolean isWorkingDay(DayOfWeek day) {
        return days.containsKey(day);
    }

    /**
     * One day's working hours, local times of the user's time zone, as the user entered them ({@code end} is not
     * checked against {@code start}: an {@code end} at or before {@code start} is a shift past midnight).
     */
    public record Hours(LocalTime start, LocalTime end) {

        public Hours {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }
}
