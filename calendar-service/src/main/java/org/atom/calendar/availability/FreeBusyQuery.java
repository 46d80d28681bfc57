package org.atom.calendar.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.atom.platform.users.EmailAddress;

/**
 * What {@code GET /api/calendar/availability/free-busy} asks: the window (instants, or dates in the zone — an end
 * date included), at most {@value #MAX_DAYS} days, and whose busy times: the caller's (no {@code email}), or those of
 * the users with the given addresses.
 */
record FreeBusyQuery(Interval window, ZoneId zone, List<String> emails) {

    static final int MAX_DAYS = 62;
    static final int MAX_EMAILS = 20;

    static FreeBusyQuery parse(String start, String end, String timeZone, List<String> email, ZoneId userZone) {
        InputErrors errors = new InputErrors();
        ZoneId zone = userZone;
        if (timeZone != null && !timeZone.isBlank()) {
            Optional<ZoneId> given = TimeInputs.zone(timeZone);
            if (given.isEmpty()) {
                errors.add("timeZone", TimeInputs.ZONE_RULE);
            }
            zone = given.orElse(userZone);
        }
        Interval window = window(errors, start, end, zone, MAX_DAYS);
        List<String> emails = emails(errors, "email", email == null ? List.of() : email, MAX_EMAILS);
        errors.throwIfAny("free/busy query");
        return new FreeBusyQuery(window, zone, emails);
    }

    /** A window of at most {@code maxDays} from {@code start} and {@code end} (each required); null if invalid. */
    static Interval window(InputErrors errors, String start, String end, ZoneId zone, int maxDays) {
        Instant from = instant(errors, "start", start, zone, false);
        Instant to = instant(errors, "end", end, zone, true);
        if (from == null || to == null) {
            return null;
        }
        if (!to.isAfter(from)) {
            errors.add("end", "must be after start");
            return null;
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
            errors.add("end", "must be at most " + maxDays + " days after start");
            return null;
        }
        return new Interval(from, to);
    }

    private static Instant instant(InputErrors errors, String field, String text, ZoneId zone, boolean end) {
        if (text == null || text.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        Optional<Instant> at = TimeInputs.instant(text, zone, end);
        if (at.isEmpty()) {
            errors.add(field, TimeInputs.INSTANT_RULE);
        }
        return at.orElse(null);
    }

    /** Normalized addresses, each at most once, at most {@code max}; problems named {@code field[i]}. */
    static List<String> emails(InputErrors errors, String field, List<String> given, int max) {
        if (given.size() > max) {
            errors.add(field, "must list at most " + max + " addresses");
            return List.of();
        }
        List<String> emails = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<String> email = EmailAddress.parse(given.get(i));
            if (email.isEmpty()) {
                errors.add(field + "[" + i + "]", EmailAddress.RULE);
            } else if (!seen.add(email.get())) {
                errors.add(field + "[" + i + "]", "is listed twice");
            } else {
                emails.add(email.get());
            }
        }
        return emails;
    }
}
