package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WorkingHoursTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theDefaultIsMondayToFridayNineToFive() {
        WorkingHours hours = WorkingHours.defaults();
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            assertThat(hours.on(day)).isEqualTo(new WorkingHours.Span(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        assertThat(hours.on(DayOfWeek.SATURDAY)).isNull();
        assertThat(hours.on(DayOfWeek.SUNDAY)).isNull();
    }

    @Test
    void theJsonShapeListsEveryDayWithNullForDaysOff() {
        String json = JSON.writeValueAsString(WorkingHours.defaults().view());
        assertThat(json)
                .isEqualTo("{\"monday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                        + "\"tuesday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                        + "\"wednesday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                        + "\"thursday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                        + "\"friday\":{\"start\":\"09:00\",\"end\":\"17:00\"},"
                        + "\"saturday\":null,\"sunday\":null}");
        assertThat(JSON.readValue(json, WorkingHours.View.class).toWorkingHours())
                .isEqualTo(WorkingHours.defaults());
    }

    @Test
    void validDaysAreParsedAndNullMeansNotWorking() {
        Map<String, WorkingHours.DayView> input = new LinkedHashMap<>();
        input.put("monday", new WorkingHours.DayView("08:00", "12:30"));
        input.put("friday", null);
        input.put("sunday", new WorkingHours.DayView("00:00", "23:59"));
        List<FieldViolation> violations = new ArrayList<>();

        Map<DayOfWeek, WorkingHours.Span> days = WorkingHours.parseDays(input, "workingHours", violations);
        WorkingHours hours = WorkingHours.defaults().with(days);

        assertThat(violations).isEmpty();
        assertThat(hours.on(DayOfWeek.MONDAY).end()).isEqualTo(LocalTime.of(12, 30));
        assertThat(hours.on(DayOfWeek.TUESDAY).start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(hours.on(DayOfWeek.FRIDAY)).isNull();
        assertThat(hours.on(DayOfWeek.SUNDAY).end()).isEqualTo(LocalTime.of(23, 59));
    }

    @Test
    void everyProblemIsNamedByItsPath() {
        Map<String, WorkingHours.DayView> input = new LinkedHashMap<>();
        input.put("monday", new WorkingHours.DayView("17:00", "09:00"));
        input.put("tuesday", new WorkingHours.DayView("09:00", "09:00"));
        input.put("wednesday", new WorkingHours.DayView("9:00", "24:00"));
        input.put("thursday", new WorkingHours.DayView(null, "10:00"));
        input.put("Friday", new WorkingHours.DayView("09:00", "10:00"));
        input.put("saturday", new WorkingHours.DayView("25:61", "10:00"));
        List<FieldViolation> violations = new ArrayList<>();

        assertThat(WorkingHours.parseDays(input, "workingHours", violations)).isNull();
        assertThat(violations)
                .extracting(FieldViolation::field)
                .containsExactly(
                        "workingHours.monday.end",
                        "workingHours.tuesday.end",
                        "workingHours.wednesday.start",
                        "workingHours.wednesday.end",
                        "workingHours.thursday.start",
                        "workingHours.Friday",
                        "workingHours.saturday.start");
    }

    @Test
    void aSpanMustStartBeforeItEnds() {
        assertThatThrownBy(() -> new WorkingHours.Span(LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
