package org.atom.platform.users;

/**
 * Erases everything a service keeps about a user when auth-service deletes the account
 * ({@code atom.user.deleted.v1}). Every bean implementing it is called once per deletion, in the transaction that
 * removes the user's profile: if one throws, nothing is erased, and the event is retried, then dead-lettered.
 */
@FunctionalInterface
public interface UserDataEraser {

    /** Deletes (or anonymises) the user's data in this service's schema; a user without data is no error. */
    void eraseUser(String userId);
}
