package org.atom.calendar.event.ics;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 5545 DATE, DATE-TIME, DURATION and UTC-OFFSET values (§3.3). */
public final class IcsValues {

    public static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    public static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern DATE_TEXT = Pattern.compile("\\d{8}");
    private static final Pattern DATE_TIME_TEXT = Pattern.compile("(\\d{8}T\\d{6})(Z?)");
    private static final Pattern DURATION =
            Pattern.compile("([+-]?)P(?:(\\d+)W|(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?)");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})(\\d{2})?");

    private IcsValues() {}

    /**
     * A DATE ({@link LocalDate}), a UTC DATE-TIME ({@link Instant}) or a local DATE-TIME ({@link LocalDateTime}, its
     * zone being the caller's business).
     *
     * @throws IllegalArgumentException saying what the text should look like
     */
    public static Object dateOrDateTime(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        try {
            if (DATE_TEXT.matcher(value).matches()) {
                return LocalDate.parse(value, DATE);
            }
            Matcher dateTime = DATE_TIME_TEXT.matcher(value);
            if (dateTime.matches()) {
                LocalDateTime local = LocalDateTime.parse(dateTime.group(1), LOCAL);
                return dateTime.group(2).isEmpty() ? local : local.toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date");
        }
        throw new IllegalArgumentException(
                "'" + text + "' is neither a DATE (20260316) nor a DATE-TIME (20260316T090000, 20260316T080000Z)");
    }

    /** A DURATION ({@code -PT15M}, {@code P1D}, {@code P1W}, {@code -P0DT0H10M0S}). */
    public static IcsDuration duration(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        if (!m.matches()
                || value.endsWith("T")
                || value.length() <= 1 + m.group(1).length()) {
            throw new IllegalArgumentException("'" + text + "' is not a DURATION such as PT1H30M, P1D or -PT15M");
        }
        try {
            long days = m.group(2) != null ? Math.multiplyExact(Long.parseLong(m.group(2)), 7) : number(m.group(3));
            Duration time = Duration.ofHours(number(m.group(4)))
                    .plusMinutes(number(m.group(5)))
                    .plusSeconds(number(m.group(6)));
            return new IcsDuration(m.group(1).equals("-"), days, time);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a DURATION");
        }
    }

    /** A UTC-OFFSET ({@code +0100}, {@code -0500}, {@code +013000}). */
    public static ZoneOffset offset(String text) {
        Matcher m = OFFSET.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a UTC offset such as +0100 or -0500");
        }
        int sign = m.group(1).equals("-") ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutesSeconds(
                    sign * Integer.parseInt(m.group(2)),
                    sign * Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : sign * Integer.parseInt(m.group(4)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid UTC offset");
        }
    }

    public static String utc(Instant instant) {
        return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    public static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        String text = String.format(Locale.ROOT, "%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? text : text + String.format(Locale.ROOT, "%02d", abs % 60);
    }

    /** Minutes before something as a TRIGGER: {@code -PT15M}, {@code -P1D}, {@code PT0S}. */
    public static String before(int minutes) {
        if (minutes == 0) {
            return "PT0S";
        }
        return minutes % 1440 == 0 ? "-P" + minutes / 1440 + "D" : "-PT" + minutes + "M";
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /**
     * A DURATION: nominal days (weeks included), added in wall-clock time, and an exact time, added as elapsed time
     * (RFC 5545 §3.3.6).
     */
    public record IcsDuration(boolean negative, long days, Duration time) {

        public ZonedDateTime addTo(ZonedDateTime start) {
            return negative
                    ? start.minusDays(days).minus(time)
                    : start.plusDays(days).plus(time);
        }

        public LocalDate addTo(LocalDate start) {
            long total = days + time.toDays();
            return negative ? start.minusDays(total) : start.plusDays(total);
        }

        /** Whether it is whole days (what an all-day event may last). */
        public boolean isWholeDays() {
            return time.toSeconds() % 86_400 == 0;
        }

        /** The signed length in seconds, a day counted as 24 hours. */
        public long seconds() {
            long total = days * 86_400 + time.toSeconds();
            return negative ? -total : total;
        }
    }
}
