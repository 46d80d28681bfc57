package org.atom.platform.users;

/**
 * Erases everything a service keeps about a user when auth-service deletes the account
 * ({@code atom.user.deleted.v1}). Every bean implementing it is called once per deletion, in the transaction that
 * removes the user's profile, before the profile goes (so {@link UserProfiles} still answers for the user, e.g. with the
 * email that other users' data may name): if one throws, nothing is erased, and the event is retried, then
 * dead-lettered.
 */
@FunctionalInterface
public interface UserDataEraser {

    /** Deletes (or anonymises) the user's data in this service's schema; a user without data is no error. */
    void eraseUser(String userId);
}
