package org.atom.platform.users;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's form of working hours: {@code {"monday":{"start":"09:00","end":"17:00"}, …, "sunday":null}}.
 */
final class WorkingHoursJson {

    // STRICT: "24:00" is no time of day, "9:00" not HH:mm
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private WorkingHoursJson() {}

    /**
     * Reads the seven days; a day that is null (or absent) is a day off, unknown members are ignored.
     *
     * @throws IllegalArgumentException when it is not an object or a day's hours are not {@code HH:mm}
     */
    static WorkingHours read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("workingHours is not an object");
        }
        Map<DayOfWeek, WorkingHours.Hours> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            JsonNode hours = node.get(name(day));
            if (hours == null || hours.isNull()) {
                continue;
            }
            if (!hours.isObject()) {
                throw new IllegalArgumentException("workingHours." + name(day) + " is neither null nor an object");
            }
            days.put(day, new WorkingHours.Hours(time(hours, day, "start"), time(hours, day, "end")));
        }
        return new WorkingHours(days);
    }

    /** All seven days, days off as null. */
    static String write(WorkingHours workingHours) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (DayOfWeek day : DayOfWeek.values()) {
            workingHours
                    .on(day)
                    .ifPresentOrElse(
                            hours -> node.putObject(name(day))
                                    .put("start", HH_MM.format(hours.start()))
                                    .put("end", HH_MM.format(hours.end())),
                            () -> node.putNull(name(day)));
        }
        return node.toString();
    }

    private static LocalTime time(JsonNode hours, DayOfWeek day, String member) {
        JsonNode value = hours.get(member);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("workingHours." + name(day) + "." + member + " is not an HH:mm string");
        }
        try {
            return LocalTime.parse(value.asString(), HH_MM);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("workingHours." + name(day) + "." + member + " is not an HH:mm time", e);
        }
    }

    private static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
