package org.atom.platform.users;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * What a service knows of a user from auth-service's events: the user's time zone, locale and working hours —
 * nothing else of the account.
 */
public record UserProfile(String userId, ZoneId timeZone, Locale locale, WorkingHours workingHours) {

    /** Until the first event about a user: {@code UTC}. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");
    /** Until the first event about a user: {@code en-US}. */
    public static final Locale DEFAULT_LOCALE = Locale.forLanguageTag("en-US");

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(workingHours, "workingHours");
    }

    /** The profile of a user no event has told about yet: UTC, en-US, Monday to Friday 09:00–17:00. */
    public static UserProfile defaults(String userId) {
        return new UserProfile(userId, DEFAULT_TIME_ZONE, DEFAULT_LOCALE, WorkingHours.DEFAULT);
    }

    /** The user's current date: what "today" means for this user. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(timeZone));
    }
}
