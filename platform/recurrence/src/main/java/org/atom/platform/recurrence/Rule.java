package org.atom.platform.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * One validated RRULE in canonical form. UNTIL is kept out of the rule handed to lib-recur and applied by the caller
 * on the zoned result, so that it compares instants (not wall-clock values) and fast-forwarding stays possible.
 */
final class Rule {

    private static final int MAX_YEAR = 9999;

    /** Canonical order of the parts in {@link #canonical()}. */
    private static final List<String> ORDER = List.of(
            "FREQ",
            "UNTIL",
            "COUNT",
            "INTERVAL",
            "BYMONTH",
            "BYWEEKNO",
            "BYYEARDAY",
            "BYMONTHDAY",
            "BYDAY",
            "BYHOUR",
            "BYMINUTE",
            "BYSETPOS",
            "WKST");

    private static final Set<String> SUB_DAILY = Set.of("SECONDLY", "MINUTELY", "HOURLY");
    private static final Set<String> FREQUENCIES = Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");
    private static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern WEEKDAY_NUM = Pattern.compile("([+-]?\\d{1,2})?([A-Z]{2})");

    private final String canonical;
    private final String iterable;
    private final Integer count;
    private final Instant untilInstant;
    private final LocalDate untilDate;
    private final boolean timeOfDayParts;

    private Rule(
            String canonical,
            String iterable,
            Integer count,
            Instant untilInstant,
            LocalDate untilDate,
            boolean timeOfDayParts) {
        this.canonical = canonical;
        this.iterable = iterable;
        this.count = count;
        this.untilInstant = untilInstant;
        this.untilDate = untilDate;
        this.timeOfDayParts = timeOfDayParts;
    }

    /** Parses an RRULE value; a floating (local) UNTIL is read in {@code zone}. */
    static Rule parse(String value, ZoneId zone) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : value.split(";", -1)) {
            if (part.isEmpty()) {
                continue; // tolerate "FREQ=DAILY;" as lib-recur and most producers do
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new InvalidRecurrenceException("rule part '" + part + "' is not NAME=VALUE");
            }
            String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
            String partValue = part.substring(eq + 1).toUpperCase(Locale.ROOT);
            if (name.equals("RSCALE") || name.equals("SKIP")) {
                throw new InvalidRecurrenceException(
                        name + " (RFC 7529) is not supported; for \"last day of the month\" use BYMONTHDAY=-1");
            }
            if (name.equals("BYSECOND")) {
                throw new InvalidRecurrenceException("BYSECOND is not supported; occurrences have minute precision");
            }
            if (!ORDER.contains(name)) {
                throw new InvalidRecurrenceException("unknown rule part " + name);
            }
            if (parts.put(name, partValue) != null) {
                throw new InvalidRecurrenceException("rule part " + name + " appears twice");
            }
        }
        String freq = parts.get("FREQ");
        if (freq == null) {
            throw new InvalidRecurrenceException("FREQ is required, e.g. FREQ=WEEKLY");
        }
        if (SUB_DAILY.contains(freq)) {
            throw new InvalidRecurrenceException("FREQ=" + freq + " is not supported: a series repeats at most daily"
                    + " (for several times a day use FREQ=DAILY with BYHOUR/BYMINUTE)");
        }
        if (!FREQUENCIES.contains(freq)) {
            throw new InvalidRecurrenceException(
                    "unknown FREQ=" + freq + " (expected DAILY, WEEKLY, MONTHLY or YEARLY)");
        }
        if (parts.containsKey("COUNT") && parts.containsKey("UNTIL")) {
            throw new InvalidRecurrenceException("COUNT and UNTIL must not both be given (RFC 5545)");
        }

        Map<String, String> normalised = new LinkedHashMap<>();
        Integer count = null;
        Instant untilInstant = null;
        LocalDate untilDate = null;
        for (String name : ORDER) {
            String v = parts.get(name);
            if (v == null) {
                continue;
            }
            switch (name) {
                case "FREQ" -> normalised.put(name, v);
                case "UNTIL" -> {
                    Object until = ContentLine.parseDateOrDateTime(v, "UNTIL");
                    if (until instanceof LocalDate date) {
                        untilDate = date;
                        normalised.put(name, ContentLine.DATE_FORMAT.format(date));
                    } else {
                        untilInstant = until instanceof LocalDateTime local
                                ? ContentLine.instantOf(local, zone)
                                : (Instant) until;
                        normalised.put(name, utc(untilInstant));
                    }
                }
                case "COUNT" -> {
                    count = integer(name, v, 1, Recurrence.MAX_COUNT);
                    normalised.put(name, count.toString());
                }
                case "INTERVAL" -> {
                    int interval = integer(name, v, 1, Recurrence.MAX_INTERVAL);
                    if (interval != 1) {
                        normalised.put(name, Integer.toString(interval));
                    }
                }
                case "BYMONTH" -> normalised.put(name, integers(name, v, 1, 12, false));
                case "BYWEEKNO" -> normalised.put(name, integers(name, v, 1, 53, true));
                case "BYYEARDAY", "BYSETPOS" -> normalised.put(name, integers(name, v, 1, 366, true));
                case "BYMONTHDAY" -> normalised.put(name, integers(name, v, 1, 31, true));
                case "BYHOUR" -> normalised.put(name, integers(name, v, 0, 23, false));
                case "BYMINUTE" -> normalised.put(name, integers(name, v, 0, 59, false));
                case "BYDAY" -> normalised.put(name, weekdays(v));
                case "WKST" -> {
                    if (!WEEKDAYS.contains(v)) {
                        throw new InvalidRecurrenceException("WKST=" + v + " is not a weekday (MO..SU)");
                    }
                    if (!v.equals("MO")) { // MO is the default; dropping it keeps the canonical form unique
                        normalised.put(name, v);
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        }
        String canonical = join(normalised);
        normalised.remove("UNTIL");
        String iterable = join(normalised);
        if (normalised.containsKey("BYSETPOS")
                && normalised.keySet().stream().noneMatch(p -> p.startsWith("BY") && !p.equals("BYSETPOS"))) {
            throw new InvalidRecurrenceException("BYSETPOS needs another BYxxx part to select from (RFC 5545)");
        }
        try {
            // lib-recur's strict mode checks what the parts mean together (BYWEEKNO only in YEARLY, ...)
            new RecurrenceRule(iterable, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw new InvalidRecurrenceException(e.getMessage());
        }
        boolean timeOfDay = normalised.containsKey("BYHOUR") || normalised.containsKey("BYMINUTE");
        return new Rule(canonical, iterable, count, untilInstant, untilDate, timeOfDay);
    }

    String canonical() {
        return canonical;
    }

    boolean isInfinite() {
        return count == null && untilInstant == null && untilDate == null;
    }

    /** UNTIL given as a DATE-TIME (normalised to UTC), or null. */
    Instant untilInstant() {
        return untilInstant;
    }

    /** UNTIL given as a DATE, or null. */
    LocalDate untilDate() {
        return untilDate;
    }

    /**
     * The rule with a DATE-TIME UNTIL replaced by the last date whose start (midnight in {@code zone}) it includes —
     * for an all-day series, the same occurrences.
     */
    Rule withUntilDate(ZoneId zone) {
        if (untilInstant == null) {
            return this;
        }
        LocalDate last = LocalDateTime.ofInstant(untilInstant, zone).toLocalDate();
        return parse(
                canonical.replace("UNTIL=" + utc(untilInstant), "UNTIL=" + ContentLine.DATE_FORMAT.format(last)),
                ZoneOffset.UTC);
    }

    /** Whether the rule sets a time of day (BYHOUR/BYMINUTE), which an all-day series cannot have. */
    boolean hasTimeOfDayParts() {
        return timeOfDayParts;
    }

    /**
     * The rule's wall-clock instances for a series starting at {@code start}, skipping ahead (without walking, where
     * lib-recur can) to the first instance at or after {@code from} (null: from the start). UNTIL is not applied.
     *
     * <p>The start counts as the first occurrence for COUNT even when it does not match the rule (RFC 5545 §3.3.10:
     * "the DTSTART property value always counts as the first occurrence"); the start itself is the caller's.
     */
    Cursor cursor(LocalDateTime start, LocalDateTime from) {
        try {
            DateTime first = dateTime(start);
            RecurrenceRule rule = new RecurrenceRule(iterable, RecurrenceRule.RfcMode.RFC5545_STRICT);
            RecurrenceRuleIterator it = rule.iterator(first);
            if (count != null && !(it.hasNext() && local(it.peekDateTime()).equals(start))) {
                if (count == 1) {
                    return Cursor.EMPTY;
                }
                rule.setCount(count - 1);
                it = rule.iterator(first);
            }
            if (from != null && from.isAfter(start)) {
                it.fastForward(dateTime(from));
            }
            return new Cursor(it);
        } catch (IllegalArgumentException e) {
            return Cursor.EMPTY; // lib-recur gives up on rules that match nothing for a very long stretch
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalStateException("rule was validated when parsed: " + canonical, e);
        }
    }

    /** A lib-recur iterator as wall-clock values; ends (rather than throws) where lib-recur gives up. */
    static final class Cursor {

        static final Cursor EMPTY = new Cursor(null);

        private RecurrenceRuleIterator it;

        private Cursor(RecurrenceRuleIterator it) {
            this.it = it;
        }

        /** The next instance, or null when there is none. */
        LocalDateTime next() {
            if (it == null || !it.hasNext()) {
                return null;
            }
            DateTime next = it.peekDateTime();
            try {
                it.nextDateTime(); // computes the instance after this one, which is where lib-recur may give up
            } catch (IllegalArgumentException e) {
                it = null;
            }
            if (next.getYear() > MAX_YEAR) {
                it = null;
                return null;
            }
            return local(next);
        }
    }

    private static DateTime dateTime(LocalDateTime local) {
        // floating (zone-less): the rule is expanded in wall-clock time, the zone is applied afterwards
        return new DateTime(
                local.getYear(),
                local.getMonthValue() - 1,
                local.getDayOfMonth(),
                local.getHour(),
                local.getMinute(),
                local.getSecond());
    }

    private static LocalDateTime local(DateTime dateTime) {
        return LocalDateTime.of(
                dateTime.getYear(),
                dateTime.getMonth() + 1,
                dateTime.getDayOfMonth(),
                dateTime.getHours(),
                dateTime.getMinutes(),
                dateTime.getSeconds());
    }

    static String utc(Instant instant) {
        return ContentLine.DATE_TIME_FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    private static String join(Map<String, String> parts) {
        return parts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static int integer(String name, String value, int min, int max) {
        if (!INTEGER.matcher(value).matches() || value.startsWith("-")) {
            throw new InvalidRecurrenceException(name + "=" + value + " is not a positive integer");
        }
        long n = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        if (n < min || n > max) {
            throw new InvalidRecurrenceException(name + "=" + value + " is out of range " + min + ".." + max);
        }
        return (int) n;
    }

    /** A comma list of integers in {@code min..max} (and their negatives if allowed, never 0 then), sorted. */
    private static String integers(String name, String value, int min, int max, boolean signed) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String item : value.split(",", -1)) {
            if (!INTEGER.matcher(item).matches()) {
                throw new InvalidRecurrenceException(name + " value '" + item + "' is not an integer");
            }
            long n = Long.parseLong(item.startsWith("+") ? item.substring(1) : item);
            long magnitude = Math.abs(n);
            boolean ok = signed ? magnitude >= min && magnitude <= max : n >= min && n <= max;
            if (!ok) {
                String range = signed ? "±" + min + "..±" + max : min + ".." + max;
                throw new InvalidRecurrenceException(name + " value '" + item + "' is out of range " + range);
            }
            values.add((int) n);
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** BYDAY: {@code [+-n]WD} items, sorted by weekday (MO first) then ordinal. */
    private static String weekdays(String value) {
        List<int[]> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            Matcher m = WEEKDAY_NUM.matcher(item);
            if (!m.matches() || !WEEKDAYS.contains(m.group(2))) {
                throw new InvalidRecurrenceException(
                        "BYDAY value '" + item + "' is not a weekday such as MO, 1MO or -1FR");
            }
            int ordinal = 0;
            if (m.group(1) != null) {
                String n = m.group(1);
                ordinal = Integer.parseInt(n.startsWith("+") ? n.substring(1) : n);
                if (ordinal == 0 || Math.abs(ordinal) > 53) {
                    throw new InvalidRecurrenceException("BYDAY value '" + item + "' has an ordinal outside ±1..±53");
                }
            }
            int[] entry = {WEEKDAYS.indexOf(m.group(2)), ordinal};
            if (items.stream().noneMatch(e -> e[0] == entry[0] && e[1] == entry[1])) {
                items.add(entry);
            }
        }
        items.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        return items.stream()
                .map(e -> (e[1] == 0 ? "" : Integer.toString(e[1])) + WEEKDAYS.get(e[0]))
                .collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }
}
