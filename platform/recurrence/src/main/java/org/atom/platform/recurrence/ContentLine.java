package org.atom.platform.recurrence;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One RFC 5545 content line ({@code NAME;PARAM=VALUE:VALUE}, unfolded) and the DATE / DATE-TIME value syntax. */
record ContentLine(String name, Map<String, String> params, String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{8}T\\d{6}Z?");
    static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter DATE_TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    static ContentLine parse(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidRecurrenceException("control characters (line breaks included) are not allowed");
            }
        }
        int pos = 0;
        while (pos < line.length() && line.charAt(pos) != ';' && line.charAt(pos) != ':') {
            pos++;
        }
        String name = line.substring(0, pos);
        if (pos == line.length() || !NAME.matcher(name).matches()) {
            throw new InvalidRecurrenceException("expected NAME:VALUE, e.g. RRULE:FREQ=WEEKLY;BYDAY=MO");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (line.charAt(pos) == ';') {
            int eq = line.indexOf('=', pos + 1);
            if (eq < 0) {
                throw new InvalidRecurrenceException("malformed parameter after ';' (expected NAME=VALUE)");
            }
            String paramName = line.substring(pos + 1, eq).toUpperCase(Locale.ROOT);
            if (!NAME.matcher(paramName).matches()) {
                throw new InvalidRecurrenceException("malformed parameter name '" + paramName + "'");
            }
            int end;
            String paramValue;
            if (eq + 1 < line.length() && line.charAt(eq + 1) == '"') {
                int close = line.indexOf('"', eq + 2);
                if (close < 0) {
                    throw new InvalidRecurrenceException("unterminated quoted value of parameter " + paramName);
                }
                paramValue = line.substring(eq + 2, close);
                end = close + 1;
            } else {
                end = eq + 1;
                while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != ':') {
                    end++;
                }
                paramValue = line.substring(eq + 1, end);
            }
            if (end >= line.length() || (line.charAt(end) != ';' && line.charAt(end) != ':')) {
                throw new InvalidRecurrenceException("expected ':' before the value");
            }
            if (params.put(paramName, paramValue) != null) {
                throw new InvalidRecurrenceException("parameter " + paramName + " appears twice");
            }
            pos = end;
        }
        String value = line.substring(pos + 1);
        if (value.isEmpty()) {
            throw new InvalidRecurrenceException(name.toUpperCase(Locale.ROOT) + " has no value");
        }
        return new ContentLine(name.toUpperCase(Locale.ROOT), params, value);
    }

    /**
     * A DATE ({@code 20260323} → {@link LocalDate}), a UTC DATE-TIME ({@code 20260323T080000Z} → {@link Instant}) or a
     * local DATE-TIME ({@code 20260323T090000} → {@link LocalDateTime}, zone supplied by the caller).
     */
    static Object parseDateOrDateTime(String text, String what) {
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text, DATE_FORMAT);
            }
            if (DATE_TIME.matcher(text).matches()) {
                if (text.endsWith("Z")) {
                    return LocalDateTime.parse(text.substring(0, text.length() - 1), DATE_TIME_FORMAT)
                            .toInstant(ZoneOffset.UTC);
                }
                return LocalDateTime.parse(text, DATE_TIME_FORMAT);
            }
        } catch (DateTimeParseException e) {
            throw new InvalidRecurrenceException(what + " '" + text + "' is not a valid date");
        }
        throw new InvalidRecurrenceException(what + " '" + text
                + "' is neither a DATE (20260323) nor a DATE-TIME (20260323T090000 or 20260323T080000Z)");
    }

    /** Wall-clock time in a zone → instant, RFC 5545 §3.3.5: a time in a gap moves forward by the gap, an
     * ambiguous time takes the first (earlier) offset — exactly {@link ZonedDateTime#ofLocal} with no preference. */
    static Instant instantOf(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    static ZoneId zone(String tzid) {
        String id = tzid.startsWith("/") ? tzid.substring(1) : tzid;
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidRecurrenceException(
                    "unknown time zone '" + tzid + "' in TZID (expected an IANA id such as " + "Europe/Berlin)");
        }
    }
}
