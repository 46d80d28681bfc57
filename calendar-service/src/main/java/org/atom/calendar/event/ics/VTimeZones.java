package org.atom.calendar.event.ics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.atom.platform.recurrence.Recurrence;

/**
 * Writes the {@code VTIMEZONE} of a zone from the JDK's rules, valid from a given instant on: the observance in force
 * then, every historical change after it (one observance each), and the zone's current rules as yearly {@code RRULE}s
 * ({@code BYMONTH=3;BYDAY=-1SU}). A rule that no RRULE expresses (a change at 24:00, or defined in UTC across
 * midnight) is written as dates ({@code RDATE}) up to {@value #RDATE_UNTIL}.
 */
public final class VTimeZones {

    static final int RDATE_UNTIL = 2100;
    /** Years over which a written RRULE is checked against the JDK rule (a whole cycle of weekdays and leap years). */
    private static final int CHECKED_YEARS = 28;

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    private VTimeZones() {}

    public static void write(IcsWriter out, ZoneId zone, Instant from) {
        ZoneRules rules = zone.getRules();
        out.begin("VTIMEZONE").raw("TZID", zone.getId());
        if (!(zone instanceof ZoneOffset) && zone.getId().contains("/")) {
            out.raw("X-LIC-LOCATION", zone.getId());
        }
        ZoneOffsetTransition inForce = rules.isFixedOffset() ? null : rules.previousTransition(from.plusSeconds(1));
        if (inForce == null) {
            ZoneOffset offset = rules.getOffset(from);
            observance(out, "STANDARD", LocalDateTime.of(1601, 1, 1, 0, 0), offset, offset, name(zone, from), null);
        }
        Instant anchor = inForce != null ? inForce.getInstant() : from;
        List<ZoneOffsetTransition> history = rules.getTransitions();
        Instant lastHistory = history.isEmpty() ? null : history.getLast().getInstant();
        for (ZoneOffsetTransition t : history) {
            if (!t.getInstant().isBefore(anchor)) {
                observance(out, rules, zone, t, null);
            }
        }
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            int year = LocalDateTime.ofInstant(anchor, ZoneOffset.UTC).getYear() - 1;
            ZoneOffsetTransition first = rule.createTransition(year);
            while (first.getInstant().isBefore(anchor)
                    || (lastHistory != null && !first.getInstant().isAfter(lastHistory))) {
                first = rule.createTransition(++year);
            }
            observance(out, rules, zone, first, recurrence(rule, year));
        }
        out.end("VTIMEZONE");
    }

    private static void observance(
            IcsWriter out, ZoneRules rules, ZoneId zone, ZoneOffsetTransition t, String recurrence) {
        // a change to daylight saving time, or back to standard time (for zones with neither: STANDARD)
        boolean daylight = rules.isDaylightSavings(t.getInstant());
        observance(
                out,
                daylight ? "DAYLIGHT" : "STANDARD",
                t.getDateTimeBefore(),
                t.getOffsetBefore(),
                t.getOffsetAfter(),
                name(zone, t.getInstant()),
                recurrence);
    }

    private static void observance(
            IcsWriter out,
            String kind,
            LocalDateTime start,
            ZoneOffset from,
            ZoneOffset to,
            String name,
            String recurrence) {
        out.begin(kind)
                .raw("DTSTART", IcsValues.LOCAL.format(start))
                .raw("TZOFFSETFROM", IcsValues.offset(from))
                .raw("TZOFFSETTO", IcsValues.offset(to));
        if (name != null) {
            out.text("TZNAME", name);
        }
        if (recurrence != null) {
            out.line(recurrence);
        }
        out.end(kind);
    }

    /** {@code RRULE:…} for the rule from {@code year} on, checked; else {@code RDATE:…} of its later changes. */
    private static String recurrence(ZoneOffsetTransitionRule rule, int year) {
        LocalDateTime first = rule.createTransition(year).getDateTimeBefore();
        String rrule = "RRULE:FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + byDay(rule);
        List<LocalDateTime> expected = new ArrayList<>();
        for (int y = year; y < year + CHECKED_YEARS; y++) {
            expected.add(rule.createTransition(y).getDateTimeBefore());
        }
        try {
            List<LocalDateTime> written =
                    Recurrence.parse(List.of(rrule), ZoneOffset.UTC).preview(first, CHECKED_YEARS).stream()
                            .map(ZonedDateTime::toLocalDateTime)
                            .toList();
            if (written.equals(expected)) {
                return rrule;
            }
        } catch (RuntimeException notExpressible) {
            // written as dates below
        }
        StringJoiner dates = new StringJoiner(",", "RDATE:", "");
        for (int y = year + 1; y <= Math.max(RDATE_UNTIL, year + 1); y++) {
            dates.add(IcsValues.LOCAL.format(rule.createTransition(y).getDateTimeBefore()));
        }
        return dates.toString();
    }

    /** The rule's day as BYDAY/BYMONTHDAY parts (Java: "the weekday on or after/before the indicated day"). */
    private static String byDay(ZoneOffsetTransitionRule rule) {
        int indicator = rule.getDayOfMonthIndicator();
        DayOfWeek weekday = rule.getDayOfWeek();
        if (weekday == null) {
            return ";BYMONTHDAY=" + indicator;
        }
        String day = DAYS[weekday.getValue() - 1];
        if (indicator > 0
                && rule.getMonth() != Month.FEBRUARY
                && indicator + 6 == rule.getMonth().maxLength()) {
            return ";BYDAY=-1" + day; // the tz database's "lastSun", compiled as "Sun>=25" for 31-day months
        }
        if (indicator > 0 && (indicator - 1) % 7 == 0) {
            return ";BYDAY=" + ((indicator - 1) / 7 + 1) + day; // 1st, 2nd … weekday
        }
        if (indicator < 0 && (-indicator - 1) % 7 == 0) {
            return ";BYDAY=-" + ((-indicator - 1) / 7 + 1) + day; // last, second to last … weekday
        }
        StringJoiner days = new StringJoiner(",", ";BYDAY=" + day + ";BYMONTHDAY=", "");
        for (int d = 0; d < 7; d++) {
            days.add(String.valueOf(indicator > 0 ? indicator + d : indicator - d));
        }
        return days.toString();
    }

    private static String name(ZoneId zone, Instant at) {
        String name = NAME.format(ZonedDateTime.ofInstant(at, zone));
        return name.isBlank() ? null : name;
    }
}
