package org.atom.platform.users;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** {@link UserProfiles} answered from the service's {@code user_profile} table. */
final class StoredUserProfiles implements UserProfiles {

    private final UserProfileStore store;

    StoredUserProfiles(UserProfileStore store) {
        this.store = store;
    }

    @Override
    public Optional<UserProfile> find(String userId) {
        return store.find(userId);
    }

    @Override
    public Optional<UserProfile> findByEmail(String email) {
        return store.findByEmail(email);
    }

    @Override
    public Map<String, UserProfile> findAll(Collection<String> userIds) {
        return store.findAll(userIds);
    }
}
