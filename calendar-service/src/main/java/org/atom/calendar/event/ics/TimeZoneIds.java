package org.atom.calendar.event.ics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns an iCalendar TZID into an IANA zone an event can keep (a region id such as {@code Europe/Berlin}, or
 * {@code UTC}):
 *
 * <ol>
 *   <li>an IANA id as it is ({@code Europe/Berlin}); UTC's many spellings ({@code GMT}, {@code Etc/UTC}, {@code Z}) as
 *       {@code UTC}; a legacy id without a region ({@code CET}, {@code EST5EDT}) as the region zone with its rules;
 *   <li>an IANA id behind a prefix ({@code /mozilla.org/20050126_1/Europe/Berlin},
 *       {@code /citadel.org/20190914_1/Europe/Berlin});
 *   <li>a Windows zone id or display name, as Outlook and Exchange write them ({@code W. Europe Standard Time},
 *       {@code (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna}), by Unicode CLDR's mapping;
 *   <li>otherwise, with the file's {@code VTIMEZONE} for it: its {@code X-LIC-LOCATION}, or the IANA zone whose offsets
 *       and changes match the definition's in the event's year and the next (cities named in the TZID first, then
 *       the zones Windows maps to, then the others alphabetically).
 * </ol>
 *
 * Anything else is no zone: the caller skips what uses it.
 */
public final class TimeZoneIds {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Set<String> UTC_NAMES = Set.of(
            "UTC",
            "GMT",
            "Z",
            "UT",
            "UCT",
            "ZULU",
            "UNIVERSAL",
            "GREENWICH",
            "GMT0",
            "GMT+0",
            "GMT-0",
            "ETC/UTC",
            "ETC/GMT",
            "ETC/UCT",
            "ETC/ZULU",
            "ETC/UNIVERSAL",
            "ETC/GREENWICH",
            "ETC/GMT0",
            "ETC/GMT+0",
            "ETC/GMT-0",
            "COORDINATED UNIVERSAL TIME");
    private static final Pattern DISPLAY_PREFIX = Pattern.compile("^\\((?:UTC|GMT)[^)]*\\)\\s*");
    private static final List<String> CONTINENTS = List.of(
            "Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/");

    /** Most offset changes in two years a definition may have to be matched (real zones: four, a few more). */
    private static final int MAX_CHANGES = 24;

    /** Windows id and display name (lower case, without the offset prefix) → IANA id. */
    private static final Map<String, String> WINDOWS = new LinkedHashMap<>();
    /** The zones Windows maps to, in CLDR's order: preferred when several zones share a definition. */
    private static final List<String> GOLDEN;
    /** Every region zone of the JDK, in the order they are tried for a custom definition. */
    private static final List<String> CANDIDATES;

    static {
        Set<String> golden = new LinkedHashSet<>();
        try (InputStream in = TimeZoneIds.class.getResourceAsStream("windows-zones.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                WINDOWS.put(columns[0].toLowerCase(Locale.ROOT), columns[1]);
                WINDOWS.putIfAbsent(columns[2].toLowerCase(Locale.ROOT), columns[1]);
                golden.add(columns[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GOLDEN = List.copyOf(golden);
        TreeSet<String> continents = new TreeSet<>();
        TreeSet<String> others = new TreeSet<>();
        TreeSet<String> etc = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (!id.contains("/") || id.startsWith("SystemV/")) {
                continue;
            }
            if (id.startsWith("Etc/")) {
                etc.add(id);
            } else if (CONTINENTS.stream().anyMatch(id::startsWith)) {
                continents.add(id);
            } else {
                others.add(id);
            }
        }
        List<String> candidates = new ArrayList<>(continents);
        candidates.addAll(others);
        candidates.addAll(etc);
        CANDIDATES = List.copyOf(candidates);
    }

    private TimeZoneIds() {}

    /** The zone the TZID names by itself (steps 1–3), if any; {@code year}: of the event, to place a legacy id. */
    public static Optional<ZoneId> byName(String tzid, int year) {
        String id = tzid.strip();
        if (id.isEmpty() || id.length() > 200) {
            return Optional.empty();
        }
        if (UTC_NAMES.contains(id.toUpperCase(Locale.ROOT))) {
            return Optional.of(UTC);
        }
        Optional<ZoneId> iana = iana(id, year);
        if (iana.isPresent()) {
            return iana;
        }
        // an IANA id behind a vendor prefix: the longest suffix after a '/' that is one
        for (int slash = id.indexOf('/'); slash >= 0; slash = id.indexOf('/', slash + 1)) {
            Optional<ZoneId> suffix = iana(id.substring(slash + 1), year);
            if (suffix.isPresent() && id.substring(slash + 1).contains("/")) {
                return suffix;
            }
        }
        String windows = WINDOWS.get(id.toLowerCase(Locale.ROOT));
        if (windows == null) {
            windows = WINDOWS.get(DISPLAY_PREFIX.matcher(id).replaceFirst("").toLowerCase(Locale.ROOT));
        }
        return windows == null ? Optional.empty() : Optional.of(ZoneId.of(windows));
    }

    /**
     * The zone of a TZID, using the file's {@code VTIMEZONE} for it (may be null) when the name alone says nothing,
     * for an event in {@code year}.
     */
    public static Optional<ZoneId> resolve(String tzid, IcsComponent vtimezone, int year) {
        Optional<ZoneId> named = byName(tzid, year);
        if (named.isPresent() || vtimezone == null) {
            return named;
        }
        IcsProperty location = vtimezone.property("X-LIC-LOCATION");
        if (location != null) {
            Optional<ZoneId> located = byName(location.text(), year);
            if (located.isPresent()) {
                return located;
            }
        }
        try {
            VTimeZoneRules rules = VTimeZoneRules.of(vtimezone);
            return byRules(rules::offsetAt, rules::onsets, tzid, year);
        } catch (RuntimeException malformed) {
            // a definition that cannot be evaluated (bad values, rules out of range) names no zone
            return Optional.empty();
        }
    }

    /**
     * The region zone whose offsets equal {@code offsetAt} in {@code year} and the next: at the start of each
     * quarter, and an hour before and after each change of either.
     */
    static Optional<ZoneId> byRules(
            Function<Instant, ZoneOffset> offsetAt,
            BiFunction<Instant, Instant, List<Instant>> onsets,
            String hint,
            int year) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = LocalDate.of(year + 2, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Instant> changes = onsets.apply(from, to);
        if (changes.size() > MAX_CHANGES) {
            return Optional.empty(); // no real zone changes its offset that often; not worth a search
        }
        List<Instant> samples = new ArrayList<>();
        for (int y = year; y <= year + 1; y++) {
            for (int month = 1; month <= 12; month += 3) {
                samples.add(LocalDate.of(y, month, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
        }
        for (Instant onset : changes) {
            samples.add(onset.minusSeconds(3600));
            samples.add(onset.plusSeconds(3600));
        }
        List<ZoneOffset> expected = samples.stream().map(offsetAt).toList();
        for (String candidate : ordered(hint)) {
            ZoneRules rules = ZoneId.of(candidate).getRules();
            if (matches(rules, samples, expected) && changesMatch(rules, offsetAt, from, to)) {
                return Optional.of(ZoneId.of(candidate));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(ZoneRules rules, List<Instant> samples, List<ZoneOffset> expected) {
        for (int i = 0; i < samples.size(); i++) {
            if (!rules.getOffset(samples.get(i)).equals(expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The candidate's own changes in the window happen where the definition's do. */
    private static boolean changesMatch(
            ZoneRules rules, Function<Instant, ZoneOffset> offsetAt, Instant from, Instant to) {
        for (ZoneOffsetTransition t = rules.nextTransition(from);
                t != null && t.getInstant().isBefore(to);
                t = rules.nextTransition(t.getInstant())) {
            if (!offsetAt.apply(t.getInstant().minusSeconds(3600)).equals(t.getOffsetBefore())
                    || !offsetAt.apply(t.getInstant().plusSeconds(3600)).equals(t.getOffsetAfter())) {
                return false;
            }
        }
        return true;
    }

    /** Cities the hint names (in the order named), then the Windows zones, then every other region zone. */
    private static List<String> ordered(String hint) {
        String text = hint.toLowerCase(Locale.ROOT).replace('_', ' ');
        List<String> named = CANDIDATES.stream()
                .filter(id -> CONTINENTS.stream().anyMatch(id::startsWith) && text.contains(city(id)))
                .sorted(Comparator.comparingInt((String id) -> text.indexOf(city(id))))
                .toList();
        Set<String> order = new LinkedHashSet<>(named);
        order.addAll(GOLDEN.stream().filter(id -> id.contains("/")).toList());
        order.add(UTC.getId());
        order.addAll(CANDIDATES);
        return List.copyOf(order);
    }

    private static String city(String id) {
        return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A JDK zone id; a legacy one without a region ({@code CET}) becomes the region zone behaving the same. */
    private static Optional<ZoneId> iana(String id, int year) {
        ZoneId zone;
        try {
            zone = ZoneId.of(id);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        if (zone instanceof ZoneOffset
                || id.startsWith("UTC")
                || id.startsWith("GMT")
                || id.startsWith("UT+")
                || id.startsWith("UT-")) {
            // offsets (+01:00, UTC+1) are no time zones: they know nothing of daylight saving time
            return Optional.empty();
        }
        if (id.contains("/")) {
            return Optional.of(zone);
        }
        ZoneRules rules = zone.getRules();
        return byRules(
                rules::getOffset,
                (from, to) -> {
                    List<Instant> changes = new ArrayList<>();
                    for (ZoneOffsetTransition t = rules.nextTransition(from);
                            t != null && t.getInstant().isBefore(to);
                            t = rules.nextTransition(t.getInstant())) {
                        changes.add(t.getInstant());
                    }
                    return changes;
                },
                id,
                year);
    }
}
