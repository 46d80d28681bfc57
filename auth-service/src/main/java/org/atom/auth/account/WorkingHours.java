package org.atom.auth.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.atom.platform.web.FieldViolation;

/**
 * When a user works, per weekday, in their {@code timeZone}: a {@code start}–{@code end} span or nothing. On the
 * wire (REST and events) always all seven days: {@code {"monday":{"start":"09:00","end":"17:00"}, …,
 * "sunday":null}}.
 */
public final class WorkingHours {

    /** Strict: "24:00" is not a time of day (SMART would read it as midnight). */
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime FIVE = LocalTime.of(17, 0);

    private final Map<DayOfWeek, Span> days;

    private WorkingHours(Map<DayOfWeek, Span> days) {
        this.days = new EnumMap<>(DayOfWeek.class);
        this.days.putAll(days);
    }

    /** One working span of a day; {@code start} is before {@code end} (no span crosses midnight). */
    public record Span(LocalTime start, LocalTime end) {
        public Span {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("start must be before end");
            }
        }
    }

    /** Monday to Friday, 09:00–17:00. */
    public static WorkingHours defaults() {
        Map<DayOfWeek, Span> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                days.put(day, new Span(NINE, FIVE));
            }
        }
        return new WorkingHours(days);
    }

    public static WorkingHours of(Map<DayOfWeek, Span> days) {
        return new WorkingHours(days);
    }

    /** The span of a day, or null if the user does not work that day. */
    public Span on(DayOfWeek day) {
        return days.get(day);
    }

    /** This week with the given days replaced (a null span: not working that day). */
    public WorkingHours with(Map<DayOfWeek, Span> changes) {
        Map<DayOfWeek, Span> merged = new EnumMap<>(DayOfWeek.class);
        merged.putAll(days);
        changes.forEach((day, span) -> {
            if (span == null) {
                merged.remove(day);
            } else {
                merged.put(day, span);
            }
        });
        return new WorkingHours(merged);
    }

    public View view() {
        return new View(
                dayView(DayOfWeek.MONDAY),
                dayView(DayOfWeek.TUESDAY),
                dayView(DayOfWeek.WEDNESDAY),
                dayView(DayOfWeek.THURSDAY),
                dayView(DayOfWeek.FRIDAY),
                dayView(DayOfWeek.SATURDAY),
                dayView(DayOfWeek.SUNDAY));
    }

    private DayView dayView(DayOfWeek day) {
        Span span = days.get(day);
        return span == null ? null : new DayView(HH_MM.format(span.start()), HH_MM.format(span.end()));
    }

    /** The JSON shape: every day present, {@code null} when not working. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(
            DayView monday,
            DayView tuesday,
            DayView wednesday,
            DayView thursday,
            DayView friday,
            DayView saturday,
            DayView sunday) {

        public WorkingHours toWorkingHours() {
            Map<DayOfWeek, Span> days = new EnumMap<>(DayOfWeek.class);
            put(days, DayOfWeek.MONDAY, monday);
            put(days, DayOfWeek.TUESDAY, tuesday);
            put(days, DayOfWeek.WEDNESDAY, wednesday);
            put(days, DayOfWeek.THURSDAY, thursday);
            put(days, DayOfWeek.FRIDAY, friday);
            put(days, DayOfWeek.SATURDAY, saturday);
            put(days, DayOfWeek.SUNDAY, sunday);
            return new WorkingHours(days);
        }

        private static void put(Map<DayOfWeek, Span> days, DayOfWeek day, DayView view) {
            if (view != null) {
                days.put(day, new Span(LocalTime.parse(view.start(), HH_MM), LocalTime.parse(view.end(), HH_MM)));
            }
        }
    }

    /** One day on the wire: {@code "HH:mm"} times. */
    public record DayView(String start, String end) {}

    /**
     * Reads a client's days ({@code "monday"} … {@code "sunday"}, lower case) into changes for
     * {@link #with(Map)}: a null day means not working. Every problem is reported, named after its JSON path
     * below {@code field} ({@code workingHours.monday.start}).
     *
     * @param input day name → span (null values allowed)
     * @param field the JSON name of the whole object, for the violations
     * @param violations where problems are added
     * @return the parsed days, or null if anything was wrong
     */
    public static Map<DayOfWeek, Span> parseDays(
            Map<String, DayView> input, String field, List<FieldViolation> violations) {
        int before = violations.size();
        Map<DayOfWeek, Span> days = new EnumMap<>(DayOfWeek.class);
        List<DayOfWeek> seen = new ArrayList<>();
        for (Map.Entry<String, DayView> entry : input.entrySet()) {
            String path = field + "." + entry.getKey();
            DayOfWeek day = dayOf(entry.getKey());
            if (day == null) {
                violations.add(new FieldViolation(
                        path, "is not a day of the week (monday, tuesday, …, sunday in lower case)"));
                continue;
            }
            seen.add(day);
            DayView view = entry.getValue();
            if (view == null) {
                days.put(day, null);
                continue;
            }
            LocalTime start = time(view.start(), path + ".start", violations);
            LocalTime end = time(view.end(), path + ".end", violations);
            if (start != null && end != null) {
                if (!start.isBefore(end)) {
                    violations.add(new FieldViolation(path + ".end", "must be after start"));
                } else {
                    days.put(day, new Span(start, end));
                }
            }
        }
        return violations.size() > before ? null : days;
    }

    private static DayOfWeek dayOf(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).equals(name)) {
                return day;
            }
        }
        return null;
    }

    private static LocalTime time(String value, String path, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation(path, "is required (HH:mm)"));
            return null;
        }
        if (!value.matches("\\d{2}:\\d{2}")) {
            violations.add(new FieldViolation(path, "must be a time of day as HH:mm, e.g. 09:00"));
            return null;
        }
        try {
            return LocalTime.parse(value, HH_MM);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(path, "must be a time of day as HH:mm, e.g. 09:00"));
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingHours other && days.equals(other.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return view().toString();
    }
}
