package org.atom.platform.users;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * What a service knows of a user from auth-service's events: the user's time zone, locale, working hours and email —
 * nothing else of the account.
 *
 * @param email the account's email, lower-cased; null before any event about the user, and for profiles stored before
 *     the read model kept emails (until the next event about the user)
 */
public record UserProfile(String userId, ZoneId timeZone, Locale locale, WorkingHours workingHours, String email) {

    /** Until the first event about a user: {@code UTC}. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");
    /** Until the first event about a user: {@code en-US}. */
    public static final Locale DEFAULT_LOCALE = Locale.forLanguageTag("en-US");

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(workingHours, "workingHours");
        email = normalizedEmail(email);
    }

    /** A profile whose email is not known. */
    public UserProfile(String userId, ZoneId timeZone, Locale locale, WorkingHours workingHours) {
        this(userId, timeZone, locale, workingHours, null);
    }

    /** The profile of a user no event has told about yet: UTC, en-US, Monday to Friday 09:00–17:00, no email. */
    public static UserProfile defaults(String userId) {
        return new UserProfile(userId, DEFAULT_TIME_ZONE, DEFAULT_LOCALE, WorkingHours.DEFAULT, null);
    }

    /** The user's current date: what "today" means for this user. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(timeZone));
    }

    /**
     * An email as the read model keeps and compares it: trimmed and lower-cased (emails are case-insensitive in ATOM);
     * null for null or blank.
     */
    public static String normalizedEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
