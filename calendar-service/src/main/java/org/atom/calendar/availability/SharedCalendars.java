package org.atom.calendar.availability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atom.calendar.share.FreeBusyAccess;
import org.atom.platform.users.UserProfile;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import org.springframework.stereotype.Component;

/** The users behind addresses a caller names, provided each shares their free/busy times with the caller. */
@Component
class SharedCalendars {

    /** The same answer for an address without an account and one whose user did not share: no enumeration. */
    static final String NOT_SHARED = "is not the address of a user who shares their free/busy times with you";

    private final FreeBusyAccess access;

    SharedCalendars(FreeBusyAccess access) {
        this.access = access;
    }

    /**
     * The profiles behind the (normalized) addresses, in order; the caller's own address is always allowed. Any
     * address the caller may not see is a 400 naming it as {@code field[i]}, all of them at once, each with
     * {@link #NOT_SHARED}.
     */
    List<UserProfile> require(String callerId, List<String> emails, String field) {
        List<Optional<UserProfile>> found = access.visibleTo(callerId, emails);
        List<FieldViolation> refused = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).isEmpty()) {
                refused.add(new FieldViolation(field + "[" + i + "]", NOT_SHARED));
            }
        }
        if (!refused.isEmpty()) {
            throw new BadRequestException(
                    String.join(
                            "; ",
                            refused.stream()
                                    .map(e -> "'" + e.field() + "' " + e.message())
                                    .toList()),
                    refused);
        }
        return found.stream().map(Optional::orElseThrow).toList();
    }
}
