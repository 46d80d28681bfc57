package org.atom.platform.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class WorkingHoursJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NINE_TO_FIVE_WEEKDAYS = """
            {"monday":{"start":"09:00","end":"17:00"},"tuesday":{"start":"09:00","end":"17:00"},\
            "wednesday":{"start":"09:00","end":"17:00"},"thursday":{"start":"09:00","end":"17:00"},\
            "friday":{"start":"09:00","end":"17:00"},"saturday":null,"sunday":null}""";

    @Test
    void theDefaultIsMondayToFridayNineToFive() {
        assertThat(WorkingHoursJson.read(JSON.readTree(NINE_TO_FIVE_WEEKDAYS))).isEqualTo(WorkingHours.DEFAULT);
        assertThat(WorkingHoursJson.write(WorkingHours.DEFAULT)).isEqualTo(NINE_TO_FIVE_WEEKDAYS);
    }

    @Test
    void writingAndReadingKeepsEveryDay() {
        Map<DayOfWeek, WorkingHours.Hours> days = new EnumMap<>(DayOfWeek.class);
        days.put(DayOfWeek.SUNDAY, new WorkingHours.Hours(LocalTime.of(0, 0), LocalTime.of(23, 59)));
        days.put(DayOfWeek.WEDNESDAY, new WorkingHours.Hours(LocalTime.of(22, 0), LocalTime.of(6, 30)));
        WorkingHours hours = new WorkingHours(days);

        assertThat(WorkingHoursJson.read(JSON.readTree(WorkingHoursJson.write(hours))))
                .isEqualTo(hours);
    }

    @Test
    void absentDaysAreDaysOffAndUnknownMembersAreIgnored() {
        WorkingHours hours = WorkingHoursJson.read(
                JSON.readTree("{\"tuesday\":{\"start\":\"08:15\",\"end\":\"12:45\",\"note\":\"x\"},\"holiday\":1}"));

        assertThat(hours.days()).containsOnlyKeys(DayOfWeek.TUESDAY);
        assertThat(hours.on(DayOfWeek.TUESDAY))
                .contains(new WorkingHours.Hours(LocalTime.of(8, 15), LocalTime.of(12, 45)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"09:00-17:00\"",
                "{\"monday\":\"09:00-17:00\"}",
                "{\"monday\":{\"start\":\"9:00\",\"end\":\"17:00\"}}",
                "{\"monday\":{\"start\":\"09:00\",\"end\":\"24:00\"}}",
                "{\"monday\":{\"start\":\"09:00:00\",\"end\":\"17:00\"}}",
                "{\"monday\":{\"start\":\"09:00\"}}",
                "{\"monday\":{\"start\":900,\"end\":\"17:00\"}}"
            })
    void anythingElseIsRejected(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkingHoursJson.read(JSON.readTree(json)));
    }

    @Test
    void workingHoursAreImmutableAndInWeekdayOrder() {
        Map<DayOfWeek, WorkingHours.Hours> days = new EnumMap<>(DayOfWeek.class);
        days.put(DayOfWeek.FRIDAY, new WorkingHours.Hours(LocalTime.NOON, LocalTime.MIDNIGHT));
        days.put(DayOfWeek.MONDAY, new WorkingHours.Hours(LocalTime.NOON, LocalTime.MIDNIGHT));
        WorkingHours hours = new WorkingHours(days);
        days.clear();

        assertThat(hours.days()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(hours.days().keySet()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThatThrownBy(() -> hours.days().remove(DayOfWeek.MONDAY))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
