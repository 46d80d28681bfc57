package org.atom.auth.account;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What the token side needs to know about an account when it issues or refreshes tokens. */
public interface AccountDirectory {

    /** The account if it exists and is active; a deactivated or deleted account gets no new tokens. */
    Optional<ActiveAccount> activeAccount(UUID userId);

    /** An active account's identity and current roles ({@code USER}, {@code ADMIN}). */
    record ActiveAccount(UUID id, String email, Set<String> roles) {}
}
