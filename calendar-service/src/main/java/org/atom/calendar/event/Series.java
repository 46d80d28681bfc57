package org.atom.calendar.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.atom.platform.recurrence.Recurrence;

/** Edits of a series' RFC 5545 lines: ending it before an occurrence, excluding one occurrence. */
final class Series {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern END = Pattern.compile(";(COUNT|UNTIL)=[^;]*");

    private Series() {}

    /** The lines with every rule ending just before {@code first} (which no longer occurs), normalised. */
    static List<String> endBefore(CalendarEvent series, Instant firstAt, LocalDate firstDate) {
        String until = series.allDay
                ? "UNTIL=" + DateTimeFormatter.BASIC_ISO_DATE.format(firstDate.minusDays(1))
                : "UNTIL=" + UTC.format(firstAt.minusSeconds(1));
        List<String> lines = new ArrayList<>();
        for (String line : series.recurrence) {
            if (line.regionMatches(true, 0, "RRULE:", 0, 6)) {
                lines.add(END.matcher(line).replaceAll("") + ";" + until);
            } else {
                lines.add(line);
            }
        }
        return normalise(series, lines);
    }

    /** The lines with one more EXDATE: the occurrence that started at {@code at} (or on {@code date}). */
    static List<String> exclude(CalendarEvent series, Instant at, LocalDate date) {
        List<String> lines = new ArrayList<>(series.recurrence);
        lines.add(
                series.allDay
                        ? "EXDATE;VALUE=DATE:" + DateTimeFormatter.BASIC_ISO_DATE.format(date)
                        : "EXDATE:" + UTC.format(at));
        return normalise(series, lines);
    }

    /**
     * The lines for the part of a series from one of its occurrences on: a COUNT is reduced by the occurrences
     * before it; an UNTIL or an endless rule stays as it is.
     */
    static List<String> from(CalendarEvent series, int occurrencesBefore) {
        List<String> lines = new ArrayList<>();
        for (String line : series.recurrence) {
            var count = Pattern.compile(";COUNT=(\\d+)").matcher(line);
            if (line.regionMatches(true, 0, "RRULE:", 0, 6) && count.find()) {
                int left = Math.max(1, Integer.parseInt(count.group(1)) - occurrencesBefore);
                lines.add(count.replaceFirst(";COUNT=" + left));
            } else {
                lines.add(line);
            }
        }
        return normalise(series, lines);
    }

    private static List<String> normalise(CalendarEvent series, List<String> lines) {
        return Recurrence.parse(lines, series.recurrenceZone()).toLines();
    }
}
