package org.atom.calendar.share;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atom.platform.users.EmailAddress;
import org.atom.platform.users.UserProfile;
import org.atom.platform.users.UserProfiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whose busy times a caller may see: their own, and those of users who granted {@code free_busy} to the caller's
 * email. Answers per address the same way whether no user has it or its user did not share, so callers can tell
 * nobody which addresses have accounts.
 */
@Component
public class FreeBusyAccess {

    private final ShareRepository shares;
    private final UserProfiles profiles;

    FreeBusyAccess(ShareRepository shares, UserProfiles profiles) {
        this.shares = shares;
        this.profiles = profiles;
    }

    /**
     * For each address (normalized, see {@link EmailAddress}), in order: the profile of its user if the caller may see
     * that user's busy times, else empty. One statement per distinct address plus one for all the grants.
     */
    @Transactional(readOnly = true)
    public List<Optional<UserProfile>> visibleTo(String callerId, List<String> emails) {
        Map<String, Optional<UserProfile>> byEmail = new LinkedHashMap<>();
        for (String email : emails) {
            byEmail.computeIfAbsent(email, profiles::findByEmail);
        }
        String callerEmail = profiles.of(callerId).email();
        List<String> others = byEmail.values().stream()
                .flatMap(Optional::stream)
                .map(UserProfile::userId)
                .filter(id -> !id.equals(callerId))
                .distinct()
                .toList();
        Set<String> granting =
                callerEmail == null ? Set.of() : shares.ownersGranting(callerEmail, ShareScope.FREE_BUSY, others);
        List<Optional<UserProfile>> visible = new ArrayList<>();
        for (String email : emails) {
            visible.add(byEmail.get(email).filter(p -> p.userId().equals(callerId) || granting.contains(p.userId())));
        }
        return visible;
    }
}
