package org.atom.calendar.share;

import org.atom.platform.users.UserDataEraser;
import org.atom.platform.users.UserProfile;
import org.atom.platform.users.UserProfiles;
import org.springframework.stereotype.Component;

/**
 * A deleted account's grants go, and so do the grants made to its address: should someone register that address
 * later, they must not inherit what was shared with the person who left.
 */
@Component
class ShareDataEraser implements UserDataEraser {

    private final ShareRepository shares;
    private final UserProfiles profiles;

    ShareDataEraser(ShareRepository shares, UserProfiles profiles) {
        this.shares = shares;
        this.profiles = profiles;
    }

    @Override
    public void eraseUser(String userId) {
        shares.deleteOwnedBy(userId);
        // the platform runs erasers before it removes the profile: the address is still known here
        profiles.find(userId).map(UserProfile::email).ifPresent(shares::deleteGrantedTo);
    }
}
