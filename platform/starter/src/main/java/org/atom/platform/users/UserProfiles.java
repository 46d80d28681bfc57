package org.atom.platform.users;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service's read model of its users' time zone, locale, working hours and email, kept from the events of
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

    /**
     * The profile of the user whose account has this email, compared case-insensitively; empty when no event told of
     * such a user (or only one from before the read model kept emails).
     *
     * @throws UnsupportedOperationException from an implementation that only knows users by id (the read model
     *     itself implements it)
     */
    default Optional<UserProfile> findByEmail(String email) {
        throw new UnsupportedOperationException("this UserProfiles looks users up by id only");
    }

    /** The profiles of several users at once, by user id; users no event told about are absent from the map. */
    default Map<String, UserProfile> findAll(Collection<String> userIds) {
        Map<String, UserProfile> found = new LinkedHashMap<>();
        for (String userId : userIds) {
            find(userId).ifPresent(profile -> found.put(userId, profile));
        }
        return found;
    }
}
