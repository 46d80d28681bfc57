package org.atom.platform.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An immutable RFC 5545 recurrence set (RRULE, RDATE, EXDATE lines as in Google Calendar's {@code recurrence[]}) in
 * one time zone, expanded for a series whose first occurrence is a given start.
 *
 * <p>Semantics, each pinned by a test in {@code RecurrenceTest}:
 *
 * <ul>
 *   <li>Rules are expanded in wall-clock time in the series zone and the zone is applied afterwards: a 09:00 series
 *       stays at 09:00 local across DST changes. A local time that does not exist (in a spring-forward gap) moves
 *       forward by the length of the gap (02:30 → 03:30 in Europe/Berlin); an ambiguous one (fall-back) takes the
 *       earlier offset — RFC 5545 §3.3.5, which §3.3.10 applies to recurrence instances. (§3.3.10 also says such
 *       instances "MUST be ignored"; the two sentences contradict each other, and shifting is what calendar clients
 *       do.)
 *   <li>The start is always the first occurrence (unless an EXDATE removes it) and counts towards COUNT, even when it
 *       does not match the rule; then COUNT=n yields the start plus the rule's first n-1 instances.
 *   <li>Invalid dates are skipped, never clamped: {@code FREQ=MONTHLY;BYMONTHDAY=31} and {@code FREQ=MONTHLY} started
 *       on the 31st have no occurrence in 30-day months or February, {@code FREQ=YEARLY} from Feb 29 only occurs in
 *       leap years. For "the last day of every month" use {@code BYMONTHDAY=-1}.
 *   <li>UNTIL is inclusive. For a timed series it should be UTC ({@code 20261231T225959Z}) and is compared with the
 *       occurrence's instant; a local DATE-TIME is read in the series zone, a DATE includes that whole local day. For
 *       an all-day series it should be a DATE; a DATE-TIME includes the days that start (local midnight) at or before
 *       it.
 *   <li>EXDATE removes an occurrence with the same instant (TZID, UTC or — read in the series zone — floating form
 *       alike); an EXDATE at another time of day removes nothing. A DATE EXDATE removes every occurrence on that local
 *       day. For an all-day series every EXDATE is compared by its date in the series zone.
 *   <li>RDATE adds an occurrence; a DATE RDATE on a timed series takes the start's time of day. RDATEs do not count
 *       towards COUNT. Occurrences that coincide are returned once.
 *   <li>Only DAILY to YEARLY rules are accepted (BYHOUR/BYMINUTE may still give several times a day); BYSECOND,
 *       EXRULE, RSCALE/SKIP and PERIOD values are refused. Limits: {@value #MAX_LINES} lines of at most
 *       {@value #MAX_LINE_LENGTH} characters, {@value #MAX_RULES} RRULEs, {@value #MAX_DATES} RDATE/EXDATE values,
 *       COUNT ≤ {@value #MAX_COUNT}, INTERVAL ≤ {@value #MAX_INTERVAL}, {@value #MAX_LIMIT} occurrences per
 *       call.
 * </ul>
 *
 * <p>Window queries skip ahead to the window instead of walking from the start (except for COUNT rules, which must
 * count from the start and are therefore capped), so a window's occurrences are right however old the series is. A
 * window holding more occurrences than asked for is cut short by {@code occurrences(…, limit)} and refused by
 * {@code allOccurrences(…, max)} ({@link TooManyOccurrencesException}): callers that must not show a partial window use
 * the latter. Occurrence starts are second-precision. Thread-safe.
 */
public final class Recurrence {

    /** Most lines {@link #parse} accepts. */
    public static final int MAX_LINES = 1_000;
    /** Longest line {@link #parse} accepts. */
    public static final int MAX_LINE_LENGTH = 10_000;
    /** Most RRULE lines {@link #parse} accepts. */
    public static final int MAX_RULES = 10;
    /** Most RDATE and EXDATE values, together, that {@link #parse} accepts. */
    public static final int MAX_DATES = 1_000;
    /** Largest COUNT accepted: a COUNT rule is counted from its start on every query, so this bounds that walk. */
    public static final int MAX_COUNT = 10_000;
    /** Largest INTERVAL accepted. */
    public static final int MAX_INTERVAL = 1_000;
    /** Most occurrences one call returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final int VALUES_PER_LINE = 100;
    /** Enough to cover any UTC offset change (Pacific/Apia skipped a whole day in 2011). */
    private static final long MARGIN_DAYS = 2;

    private final ZoneId zone;
    private final List<Rule> rules;
    private final DateSet rdates;
    private final DateSet exdates;
    private final List<String> lines;

    private Recurrence(ZoneId zone, List<Rule> rules, DateSet rdates, DateSet exdates) {
        this.zone = zone;
        this.rules = List.copyOf(rules);
        this.rdates = rdates;
        this.exdates = exdates;
        this.lines = List.copyOf(render());
    }

    /**
     * Parses RFC 5545 content lines: {@code RRULE:…} (one or more), {@code RDATE}/{@code EXDATE} with
     * {@code ;TZID=…}, {@code ;VALUE=DATE} or a UTC {@code …Z} value, comma lists allowed. Property and rule-part names
     * are case-insensitive; {@code X-} parameters are ignored. Floating (zone-less) date-times are read in {@code zone}.
     *
     * @param lines the lines; an empty list is a series of one occurrence
     * @param zone the series time zone (an IANA zone for timed series; also used to read UTC values of all-day series)
     * @throws InvalidRecurrenceException naming the offending line and part
     */
    public static Recurrence parse(List<String> lines, ZoneId zone) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(zone, "zone");
        if (lines.size() > MAX_LINES) {
            throw new InvalidRecurrenceException("at most " + MAX_LINES + " recurrence lines are allowed");
        }
        List<Rule> rules = new ArrayList<>();
        DateSet rdates = new DateSet();
        DateSet exdates = new DateSet();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i) == null ? null : lines.get(i).strip();
            try {
                if (line == null || line.isEmpty()) {
                    throw new InvalidRecurrenceException("empty line");
                }
                if (line.length() > MAX_LINE_LENGTH) {
                    throw new InvalidRecurrenceException("longer than " + MAX_LINE_LENGTH + " characters");
                }
                ContentLine content = ContentLine.parse(line);
                switch (content.name()) {
                    case "RRULE" -> {
                        onlyXParams(content, Set.of());
                        Rule rule = Rule.parse(content.value(), zone);
                        if (!rules.contains(rule)) {
                            rules.add(rule);
                        }
                        if (rules.size() > MAX_RULES) {
                            throw new InvalidRecurrenceException("at most " + MAX_RULES + " RRULE lines are allowed");
                        }
                    }
                    case "RDATE" -> rdates.add(content, zone);
                    case "EXDATE" -> exdates.add(content, zone);
                    case "EXRULE" ->
                        throw new InvalidRecurrenceException(
                                "EXRULE is deprecated by RFC 5545 and not supported; list the exceptions as EXDATE");
                    case "DTSTART" ->
                        throw new InvalidRecurrenceException(
                                "DTSTART does not belong in the recurrence lines; the series start is given separately");
                    default ->
                        throw new InvalidRecurrenceException(
                                "unsupported property " + content.name() + " (expected RRULE, RDATE or EXDATE)");
                }
                if (rdates.size() + exdates.size() > MAX_DATES) {
                    throw new InvalidRecurrenceException(
                            "at most " + MAX_DATES + " RDATE and EXDATE values are allowed in total");
                }
            } catch (InvalidRecurrenceException e) {
                throw e.at(i, line);
            }
        }
        return new Recurrence(zone, rules, rdates, exdates);
    }

    /** The series time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** Whether the series never ends: some RRULE has neither COUNT nor UNTIL. */
    public boolean isInfinite() {
        return rules.stream().anyMatch(Rule::isInfinite);
    }

    /**
     * The normalised lines: RRULEs with parts in a fixed order, upper case, sorted values, default INTERVAL/WKST
     * dropped and UNTIL in UTC (or as a DATE); then RDATEs and EXDATEs, sorted, without duplicates, as {@code
     * VALUE=DATE}, as {@code TZID=<series zone>} wall-clock times or — where the wall-clock time would be ambiguous —
     * in UTC. {@code parse(toLines(), zone())} equals this recurrence.
     */
    public List<String> toLines() {
        return lines;
    }

    /**
     * This recurrence as an all-day series can keep it without a time zone: every DATE-TIME value (RDATE, EXDATE, a
     * DATE-TIME UNTIL) replaced by the date an all-day expansion compares it by — its date in this recurrence's zone —
     * and the zone UTC. The all-day occurrences of the two are the same, whatever zone the result is later read in
     * (it holds no DATE-TIME any more); its {@link #toLines()} are DATEs only. Timed series must not use it.
     */
    public Recurrence withDatesOnly() {
        List<Rule> dateRules = new ArrayList<>();
        for (Rule rule : rules) {
            Rule dated = rule.withUntilDate(zone);
            if (!dateRules.contains(dated)) {
                dateRules.add(dated);
            }
        }
        return new Recurrence(ZoneOffset.UTC, dateRules, rdates.asDates(zone), exdates.asDates(zone));
    }

    // ---------------------------------------------------------------- timed series

    /**
     * The occurrences of a timed series starting at {@code start} (wall-clock time in the series zone) whose start
     * instant is in {@code [from, to)}, in order, at most {@code limit}. To find occurrences that overlap the window,
     * pass {@code from} minus the event's duration.
     */
    public List<ZonedDateTime> occurrences(LocalDateTime start, Instant from, Instant to, int limit) {
        checkWindow(from, to, limit);
        LocalDateTime first = timedStart(start);
        return expand(
                new Timed(first),
                first,
                LocalDateTime.ofInstant(from, zone).minusDays(MARGIN_DAYS),
                LocalDateTime.ofInstant(to, zone).plusDays(MARGIN_DAYS),
                o -> !o.toInstant().isBefore(from) && o.toInstant().isBefore(to),
                limit);
    }

    /**
     * Every occurrence of a timed series starting at {@code start} whose start instant is in {@code [from, to)}, in
     * order. Unlike {@link #occurrences(LocalDateTime, Instant, Instant, int)} the answer is never cut short: a window
     * holding more than {@code max} occurrences is a {@link TooManyOccurrencesException}.
     */
    public List<ZonedDateTime> allOccurrences(LocalDateTime start, Instant from, Instant to, int max) {
        checkWindow(from, to, max);
        LocalDateTime first = timedStart(start);
        return atMost(
                expand(
                        new Timed(first),
                        first,
                        LocalDateTime.ofInstant(from, zone).minusDays(MARGIN_DAYS),
                        LocalDateTime.ofInstant(to, zone).plusDays(MARGIN_DAYS),
                        o -> !o.toInstant().isBefore(from) && o.toInstant().isBefore(to),
                        max + 1),
                max);
    }

    /** The first occurrence of a timed series strictly after {@code after}, if any. */
    public Optional<ZonedDateTime> next(LocalDateTime start, Instant after) {
        Objects.requireNonNull(after, "after");
        LocalDateTime first = timedStart(start);
        return expand(
                        new Timed(first),
                        first,
                        LocalDateTime.ofInstant(after, zone).minusDays(MARGIN_DAYS),
                        null,
                        o -> o.toInstant().isAfter(after),
                        1)
                .stream()
                .findFirst();
    }

    /** The first {@code n} occurrences of a timed series (RDATEs before the start included). */
    public List<ZonedDateTime> preview(LocalDateTime start, int n) {
        checkLimit(n);
        LocalDateTime first = timedStart(start);
        return expand(new Timed(first), first, null, null, o -> true, n);
    }

    // ---------------------------------------------------------------- all-day series

    /** The occurrences of an all-day series starting on {@code start} that fall in {@code [from, to)}, at most {@code
     * limit}. */
    public List<LocalDate> occurrences(LocalDate start, LocalDate from, LocalDate to, int limit) {
        checkWindow(from, to, limit);
        LocalDateTime first = allDayStart(start);
        return expand(
                new AllDay(),
                first,
                from.atStartOfDay(),
                to.atStartOfDay(),
                d -> !d.isBefore(from) && d.isBefore(to),
                limit);
    }

    /**
     * Every occurrence of an all-day series starting on {@code start} that falls in {@code [from, to)}, in order; more
     * than {@code max} is a {@link TooManyOccurrencesException}, never a shortened list.
     */
    public List<LocalDate> allOccurrences(LocalDate start, LocalDate from, LocalDate to, int max) {
        checkWindow(from, to, max);
        LocalDateTime first = allDayStart(start);
        return atMost(
                expand(
                        new AllDay(),
                        first,
                        from.atStartOfDay(),
                        to.atStartOfDay(),
                        d -> !d.isBefore(from) && d.isBefore(to),
                        max + 1),
                max);
    }

    /** The first occurrence of an all-day series strictly after {@code after}, if any. */
    public Optional<LocalDate> next(LocalDate start, LocalDate after) {
        Objects.requireNonNull(after, "after");
        LocalDateTime first = allDayStart(start);
        return expand(new AllDay(), first, after.plusDays(1).atStartOfDay(), null, d -> d.isAfter(after), 1).stream()
                .findFirst();
    }

    /** The first {@code n} occurrences of an all-day series (RDATEs before the start included). */
    public List<LocalDate> preview(LocalDate start, int n) {
        checkLimit(n);
        LocalDateTime first = allDayStart(start);
        return expand(new AllDay(), first, null, null, d -> true, n);
    }

    // ---------------------------------------------------------------- expansion

    /**
     * Collects the occurrences that {@code wanted} accepts: the start, the RDATEs and each rule's instances from
     * {@code scanFrom} (skipping ahead) until {@code scanTo} (null: no bound), minus the EXDATEs.
     */
    private <T> List<T> expand(
            Series<T> series,
            LocalDateTime start,
            LocalDateTime scanFrom,
            LocalDateTime scanTo,
            Predicate<T> wanted,
            int limit) {
        TreeSet<T> found = new TreeSet<>(series.order());
        Predicate<T> keep = wanted.and(o -> !series.excluded(o));
        T first = series.occurrence(start);
        if (keep.test(first)) {
            found.add(first);
        }
        for (T rdate : series.rdates()) {
            if (keep.test(rdate)) {
                found.add(rdate);
            }
        }
        for (Rule rule : rules) {
            LocalDateTime stop = min(scanTo, series.untilBound(rule));
            LocalDateTime stopAfterLimit = null;
            int taken = 0;
            Rule.Cursor cursor = rule.cursor(start, scanFrom);
            for (LocalDateTime local = cursor.next(); local != null; local = cursor.next()) {
                if ((stop != null && local.isAfter(stop))
                        || (stopAfterLimit != null && local.isAfter(stopAfterLimit))) {
                    break;
                }
                T occurrence = series.occurrence(local);
                if (!series.withinUntil(rule, local, occurrence) || !keep.test(occurrence)) {
                    continue;
                }
                found.add(occurrence);
                if (++taken == limit) {
                    // wall-clock order and instant order can differ inside a DST gap: look a little further
                    stopAfterLimit = local.plusDays(series.marginDays());
                }
            }
        }
        return found.stream().limit(limit).toList();
    }

    /** What differs between timed and all-day series. */
    private interface Series<T> {

        T occurrence(LocalDateTime local);

        Comparator<T> order();

        boolean excluded(T occurrence);

        List<T> rdates();

        boolean withinUntil(Rule rule, LocalDateTime local, T occurrence);

        /** A wall-clock time after which no instance of the rule can be within its UNTIL; null if unbounded. */
        LocalDateTime untilBound(Rule rule);

        long marginDays();
    }

    private final class Timed implements Series<ZonedDateTime> {

        private final Set<Instant> excludedInstants = new HashSet<>();
        private final Set<LocalDate> excludedDates;
        private final LocalDateTime start;

        Timed(LocalDateTime start) {
            this.start = start;
            this.excludedInstants.addAll(exdates.instants);
            this.excludedDates = exdates.dates;
        }

        @Override
        public ZonedDateTime occurrence(LocalDateTime local) {
            return ZonedDateTime.ofLocal(local, zone, null);
        }

        @Override
        public Comparator<ZonedDateTime> order() {
            return Comparator.comparing(ZonedDateTime::toInstant);
        }

        @Override
        public boolean excluded(ZonedDateTime occurrence) {
            return excludedInstants.contains(occurrence.toInstant())
                    || excludedDates.contains(occurrence.toLocalDate());
        }

        @Override
        public List<ZonedDateTime> rdates() {
            List<ZonedDateTime> result = new ArrayList<>();
            rdates.instants.forEach(i -> result.add(ZonedDateTime.ofInstant(i, zone)));
            rdates.dates.forEach(d -> result.add(occurrence(d.atTime(start.toLocalTime()))));
            return result;
        }

        @Override
        public boolean withinUntil(Rule rule, LocalDateTime local, ZonedDateTime occurrence) {
            if (rule.untilInstant() != null) {
                return !occurrence.toInstant().isAfter(rule.untilInstant());
            }
            return rule.untilDate() == null || !local.toLocalDate().isAfter(rule.untilDate());
        }

        @Override
        public LocalDateTime untilBound(Rule rule) {
            if (rule.untilInstant() != null) {
                return LocalDateTime.ofInstant(rule.untilInstant(), zone).plusDays(MARGIN_DAYS);
            }
            return rule.untilDate() == null
                    ? null
                    : rule.untilDate().plusDays(1).atStartOfDay();
        }

        @Override
        public long marginDays() {
            return MARGIN_DAYS;
        }
    }

    private final class AllDay implements Series<LocalDate> {

        private final Set<LocalDate> excludedDates = new HashSet<>(exdates.dates);

        AllDay() {
            exdates.instants.forEach(i -> excludedDates.add(LocalDate.ofInstant(i, zone)));
        }

        @Override
        public LocalDate occurrence(LocalDateTime local) {
            return local.toLocalDate();
        }

        @Override
        public Comparator<LocalDate> order() {
            return Comparator.naturalOrder();
        }

        @Override
        public boolean excluded(LocalDate occurrence) {
            return excludedDates.contains(occurrence);
        }

        @Override
        public List<LocalDate> rdates() {
            List<LocalDate> result = new ArrayList<>(rdates.dates);
            rdates.instants.forEach(i -> result.add(LocalDate.ofInstant(i, zone)));
            return result;
        }

        @Override
        public boolean withinUntil(Rule rule, LocalDateTime local, LocalDate occurrence) {
            if (rule.untilDate() != null) {
                return !occurrence.isAfter(rule.untilDate());
            }
            return rule.untilInstant() == null || !local.isAfter(LocalDateTime.ofInstant(rule.untilInstant(), zone));
        }

        @Override
        public LocalDateTime untilBound(Rule rule) {
            if (rule.untilDate() != null) {
                return rule.untilDate().atStartOfDay();
            }
            return rule.untilInstant() == null
                    ? null
                    : LocalDateTime.ofInstant(rule.untilInstant(), zone).plusDays(1);
        }

        @Override
        public long marginDays() {
            return 0;
        }
    }

    private LocalDateTime timedStart(LocalDateTime start) {
        Objects.requireNonNull(start, "start");
        checkYear(start.getYear());
        return start.truncatedTo(ChronoUnit.SECONDS);
    }

    private LocalDateTime allDayStart(LocalDate start) {
        Objects.requireNonNull(start, "start");
        checkYear(start.getYear());
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).hasTimeOfDayParts()) {
                throw new InvalidRecurrenceException("RRULE:" + rules.get(i).canonical()
                        + " sets a time of day (BYHOUR/BYMINUTE), which an all-day series cannot have");
            }
        }
        return start.atStartOfDay();
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("start must be within the years 1..9999");
        }
    }

    private static <T> List<T> atMost(List<T> found, int max) {
        if (found.size() > max) {
            throw new TooManyOccurrencesException(max);
        }
        return found;
    }

    private static <C extends Comparable<? super C>> void checkWindow(C from, C to, int limit) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException("window end " + to + " is before its start " + from);
        }
        checkLimit(limit);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------- RDATE / EXDATE values and normal form

    /** The values of all RDATE (or all EXDATE) lines: DATEs, and DATE-TIMEs resolved to instants. */
    private static final class DateSet {

        final TreeSet<LocalDate> dates = new TreeSet<>();
        final TreeSet<Instant> instants = new TreeSet<>();

        void add(ContentLine line, ZoneId seriesZone) {
            onlyXParams(line, Set.of("TZID", "VALUE"));
            Map<String, String> params = line.params();
            String valueType = params.getOrDefault("VALUE", "DATE-TIME").toUpperCase(Locale.ROOT);
            if (valueType.equals("PERIOD")) {
                throw new InvalidRecurrenceException("VALUE=PERIOD is not supported; list the start times");
            }
            if (!valueType.equals("DATE") && !valueType.equals("DATE-TIME")) {
                throw new InvalidRecurrenceException("VALUE=" + valueType + " is not DATE or DATE-TIME");
            }
            ZoneId tz = params.containsKey("TZID") ? ContentLine.zone(params.get("TZID")) : seriesZone;
            for (String text : line.value().split(",", -1)) {
                Object value = ContentLine.parseDateOrDateTime(text.toUpperCase(Locale.ROOT), line.name());
                if (value instanceof LocalDate date) {
                    if (valueType.equals("DATE-TIME") && params.containsKey("VALUE")) {
                        throw new InvalidRecurrenceException("'" + text + "' is a DATE but VALUE=DATE-TIME was given");
                    }
                    dates.add(date);
                } else if (valueType.equals("DATE")) {
                    throw new InvalidRecurrenceException("'" + text + "' is a DATE-TIME but VALUE=DATE was given");
                } else if (value instanceof Instant instant) {
                    if (params.containsKey("TZID")) {
                        throw new InvalidRecurrenceException(
                                "'" + text + "' is in UTC ('Z') and cannot also carry a TZID");
                    }
                    instants.add(instant);
                } else {
                    instants.add(ContentLine.instantOf((LocalDateTime) value, tz));
                }
            }
        }

        int size() {
            return dates.size() + instants.size();
        }

        /** The same values as dates: each instant as its date in {@code zone}. */
        DateSet asDates(ZoneId zone) {
            DateSet result = new DateSet();
            result.dates.addAll(dates);
            instants.forEach(i -> result.dates.add(LocalDate.ofInstant(i, zone)));
            return result;
        }

        void render(String name, ZoneId zone, List<String> out) {
            chunks(
                    name + ";VALUE=DATE:",
                    dates.stream().map(ContentLine.DATE_FORMAT::format).toList(),
                    out);
            List<String> local = new ArrayList<>();
            List<String> utc = new ArrayList<>();
            boolean regionZone = !(zone.normalized() instanceof ZoneOffset);
            for (Instant instant : instants) {
                LocalDateTime wallClock = LocalDateTime.ofInstant(instant, zone);
                if (regionZone && ContentLine.instantOf(wallClock, zone).equals(instant)) {
                    local.add(ContentLine.DATE_TIME_FORMAT.format(wallClock));
                } else {
                    utc.add(Rule.utc(instant)); // e.g. the second 02:30 of a fall-back night
                }
            }
            chunks(name + ";TZID=" + zone.getId() + ":", local, out);
            chunks(name + ":", utc, out);
        }

        private static void chunks(String prefix, List<String> values, List<String> out) {
            for (int i = 0; i < values.size(); i += VALUES_PER_LINE) {
                out.add(prefix + String.join(",", values.subList(i, Math.min(values.size(), i + VALUES_PER_LINE))));
            }
        }
    }

    private static void onlyXParams(ContentLine line, Set<String> allowed) {
        for (String param : line.params().keySet()) {
            if (!allowed.contains(param) && !param.startsWith("X-")) {
                throw new InvalidRecurrenceException("parameter " + param + " is not supported on " + line.name());
            }
        }
    }

    private List<String> render() {
        List<String> out = new ArrayList<>();
        rules.forEach(rule -> out.add("RRULE:" + rule.canonical()));
        rdates.render("RDATE", zone, out);
        exdates.render("EXDATE", zone, out);
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recurrence other && zone.equals(other.zone) && lines.equals(other.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, lines);
    }

    @Override
    public String toString() {
        return "Recurrence" + lines + " in " + zone;
    }
}
