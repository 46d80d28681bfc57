package org.atom.calendar.event.ics;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.atom.platform.recurrence.InvalidRecurrenceException;
import org.atom.platform.recurrence.Recurrence;

/**
 * The UTC offsets a {@code VTIMEZONE} defines: its {@code STANDARD} and {@code DAYLIGHT} observances, each starting at
 * {@code DTSTART} (wall-clock time in {@code TZOFFSETFROM}) and again at its {@code RRULE} and {@code RDATE} times.
 * Used to recognise which IANA zone a custom definition describes; never to compute event times.
 */
public final class VTimeZoneRules {

    /** How far back the rules are walked for the onset in force: observances recur at least every few years. */
    private static final long LOOK_BACK_DAYS = 3 * 366;

    private final List<Observance> observances;

    private VTimeZoneRules(List<Observance> observances) {
        this.observances = observances;
    }

    /**
     * Reads a {@code VTIMEZONE}.
     *
     * @throws IllegalArgumentException when it has no observance or one is malformed
     */
    public static VTimeZoneRules of(IcsComponent vtimezone) {
        List<Observance> observances = new ArrayList<>();
        for (IcsComponent part : vtimezone.components()) {
            if (!part.name().equals("STANDARD") && !part.name().equals("DAYLIGHT")) {
                continue;
            }
            IcsProperty start = part.property("DTSTART");
            IcsProperty from = part.property("TZOFFSETFROM");
            IcsProperty to = part.property("TZOFFSETTO");
            if (start == null || from == null || to == null) {
                throw new IllegalArgumentException(
                        part.name() + " (line " + part.line() + ") needs DTSTART, TZOFFSETFROM and TZOFFSETTO");
            }
            if (!(IcsValues.dateOrDateTime(start.value()) instanceof LocalDateTime local)) {
                throw new IllegalArgumentException(
                        part.name() + " (line " + part.line() + ") needs a local DTSTART such as 19700329T020000");
            }
            ZoneOffset offsetFrom = IcsValues.offset(from.value());
            Recurrence rule = null;
            List<String> rules = part.properties("RRULE").stream()
                    .map(p -> "RRULE:" + p.value())
                    .toList();
            if (!rules.isEmpty()) {
                try {
                    rule = Recurrence.parse(rules, ZoneOffset.UTC);
                } catch (InvalidRecurrenceException e) {
                    throw new IllegalArgumentException(part.name() + " (line " + part.line() + "): " + e.getMessage());
                }
            }
            List<Instant> dates = new ArrayList<>();
            dates.add(local.toInstant(offsetFrom));
            for (IcsProperty rdate : part.properties("RDATE")) {
                if ("PERIOD".equalsIgnoreCase(rdate.param("VALUE"))) {
                    continue;
                }
                for (String value : rdate.value().split(",")) {
                    Object parsed = IcsValues.dateOrDateTime(value);
                    if (parsed instanceof LocalDateTime at) {
                        dates.add(at.toInstant(offsetFrom));
                    } else if (parsed instanceof Instant at) {
                        dates.add(at);
                    }
                }
            }
            observances.add(new Observance(local, offsetFrom, IcsValues.offset(to.value()), rule, dates));
        }
        if (observances.isEmpty()) {
            throw new IllegalArgumentException("VTIMEZONE (line " + vtimezone.line() + ") has no STANDARD or DAYLIGHT");
        }
        return new VTimeZoneRules(observances);
    }

    /** The offset in force at the instant: that of the latest onset at or before it. */
    public ZoneOffset offsetAt(Instant instant) {
        Onset latest = null;
        for (Observance observance : observances) {
            for (Onset onset : observance.onsets(instant.minus(LOOK_BACK_DAYS, ChronoUnit.DAYS), instant, true)) {
                if (latest == null || onset.at.isAfter(latest.at)) {
                    latest = onset;
                }
            }
        }
        if (latest != null) {
            return latest.to;
        }
        // before every onset: the offset the earliest observance changes from
        return observances.stream()
                .min(Comparator.comparing(o -> o.start.toInstant(o.from)))
                .orElseThrow()
                .from;
    }

    /** The onsets (instants at which the offset changes) in {@code [from, to]}, in order. */
    public List<Instant> onsets(Instant from, Instant to) {
        return observances.stream()
                .flatMap(o -> o.onsets(from, to, false).stream())
                .map(Onset::at)
                .sorted()
                .toList();
    }

    private record Onset(Instant at, ZoneOffset to) {}

    private record Observance(
            LocalDateTime start, ZoneOffset from, ZoneOffset to, Recurrence rule, List<Instant> dates) {

        /** Onsets in {@code [from, to]} (with {@code earlier}: DTSTART and RDATEs before it too). */
        List<Onset> onsets(Instant windowFrom, Instant windowTo, boolean earlier) {
            List<Onset> found = new ArrayList<>();
            for (Instant date : dates) {
                if (!date.isAfter(windowTo) && (earlier || !date.isBefore(windowFrom))) {
                    found.add(new Onset(date, to));
                }
            }
            if (rule != null && windowTo.isAfter(windowFrom)) {
                // the rule runs in wall-clock time; as a "UTC" series its instants are those wall-clock times
                Instant localFrom = windowFrom.plusSeconds(from.getTotalSeconds());
                Instant localTo = windowTo.plusSeconds(from.getTotalSeconds() + 1);
                for (ZonedDateTime local : rule.occurrences(start, localFrom, localTo, Recurrence.MAX_LIMIT)) {
                    found.add(new Onset(local.toLocalDateTime().toInstant(from), to));
                }
            }
            return found;
        }
    }

    @Override
    public String toString() {
        return "VTimeZoneRules"
                + observances.stream()
                        .map(o -> o.from + "->" + o.to + " from " + o.start)
                        .toList();
    }
}
