package org.atom.platform.users;

import java.util.Optional;

/**
 * The service's read model of its users' time zone, locale and working hours, kept from the events of
 * {@code auth-service.user.v1} in the service's own schema.
 */
@FunctionalInterface
public interface UserProfiles {

    /** The user's profile as the last event stated it; empty before any event about the user. */
    Optional<UserProfile> find(String userId);

    /** The user's profile, or the defaults ({@link UserProfile#defaults}) before any event about the user. */
    default UserProfile of(String userId) {
        return find(userId).orElseGet(() -> UserProfile.defaults(userId));
    }
}
