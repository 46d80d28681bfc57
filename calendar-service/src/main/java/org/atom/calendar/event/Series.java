package org.atom.calendar.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atom.platform.recurrence.Recurrence;

/** Edits of a series' RFC 5545 lines: ending it before an occurrence, excluding one occurrence. */
final class Series {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Pattern END = Pattern.compile(";(COUNT|UNTIL)=[^;]*");
    /** A normalised RDATE line: its parameters (;VALUE=DATE, ;TZID=…, none), its values. */
    private static final Pattern RDATE = Pattern.compile("RDATE((?:;[^:]*)?):(.+)");

    private Series() {}

    /**
     * The lines with every rule ending just before {@code first} (which no longer occurs), and only the RDATEs
     * before it, normalised.
     */
    static List<String> endBefore(CalendarEvent series, Instant firstAt, LocalDate firstDate) {
        String until = series.allDay
                ? "UNTIL=" + DateTimeFormatter.BASIC_ISO_DATE.format(firstDate.minusDays(1))
                : "UNTIL=" + UTC.format(firstAt.minusSeconds(1));
        List<String> lines = new ArrayList<>();
        for (String line : rdates(series, firstAt, firstDate, true)) {
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
     * The lines for the part of a series from one of its occurrences on ({@code first}): a COUNT is reduced by the
     * occurrences before it; an UNTIL or an endless rule stays as it is; RDATEs before it go.
     */
    static List<String> from(CalendarEvent series, int occurrencesBefore, Instant firstAt, LocalDate firstDate) {
        List<String> lines = new ArrayList<>();
        for (String line : rdates(series, firstAt, firstDate, false)) {
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

    /**
     * The series' lines with only the RDATE values before the split at {@code first} ({@code before}), or only those
     * from it on: each half of a split series keeps the extra dates that fall in it. The lines are normalised: RDATE
     * values are dates, wall-clock times in the series zone or UTC times.
     */
    private static List<String> rdates(CalendarEvent series, Instant firstAt, LocalDate firstDate, boolean before) {
        List<String> lines = new ArrayList<>();
        for (String line : series.recurrence) {
            Matcher rdate = RDATE.matcher(line);
            if (!rdate.matches()) {
                lines.add(line);
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : rdate.group(2).split(",")) {
                if (isBefore(series, value, firstAt, firstDate) == before) {
                    values.add(value);
                }
            }
            if (!values.isEmpty()) {
                lines.add("RDATE" + rdate.group(1) + ":" + String.join(",", values));
            }
        }
        return lines;
    }

    private static boolean isBefore(CalendarEvent series, String value, Instant firstAt, LocalDate firstDate) {
        ZoneId zone = series.recurrenceZone();
        boolean utc = value.endsWith("Z");
        if (series.allDay) {
            LocalDate date = value.length() == 8
                    ? LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE)
                    : utc
                            ? LocalDate.ofInstant(Instant.from(UTC.parse(value)), zone)
                            : LocalDateTime.parse(value, LOCAL).toLocalDate();
            return date.isBefore(firstDate);
        }
        // a DATE on a timed series takes the start's time of day
        Instant at = utc
                ? Instant.from(UTC.parse(value))
                : ZonedDateTime.ofLocal(
                                value.length() == 8
                                        ? LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE)
                                                .atTime(series.localStart().toLocalTime())
                                        : LocalDateTime.parse(value, LOCAL),
                                zone,
                                null)
                        .toInstant();
        return at.isBefore(firstAt);
    }

    private static List<String> normalise(CalendarEvent series, List<String> lines) {
        return Recurrence.parse(lines, series.recurrenceZone()).toLines();
    }
}
