package org.atom.auth.admin;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.atom.auth.account.AccountService;
import org.atom.auth.account.Role;
import org.atom.auth.account.UserView;
import org.atom.auth.token.SigningKeys;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.FieldViolation;
import org.springframework.stereotype.Service;

/** What an administrator may do to other accounts and to the signing keys, and the guard rails around it. */
@Service
class AdminService {

    private final AccountService accounts;
    private final SigningKeys keys;

    AdminService(AccountService accounts, SigningKeys keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    CursorPage<UserView> list(String q, Boolean active, CursorPageRequest page) {
        if (q != null && q.length() > 200) {
            throw BadRequestException.of("q", "must be at most 200 characters long");
        }
        return accounts.list(q, active, page);
    }

    UserView deactivate(UUID caller, UUID userId) {
        if (caller.equals(userId)) {
            throw BadRequestException.of("id", "is your own account; an administrator cannot lock themselves out here");
        }
        return accounts.deactivate(userId);
    }

    UserView reactivate(UUID userId) {
        return accounts.reactivate(userId);
    }

    UserView setRoles(UUID caller, UUID userId, List<String> roles) {
        if (roles == null) {
            throw BadRequestException.of("roles", "is required, e.g. [\"USER\", \"ADMIN\"]");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Set<Role> wanted = EnumSet.noneOf(Role.class);
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            try {
                wanted.add(Role.valueOf(role));
            } catch (IllegalArgumentException | NullPointerException unknown) {
                violations.add(new FieldViolation("roles[" + i + "]", "must be one of USER, ADMIN"));
            }
        }
        if (violations.isEmpty() && caller.equals(userId) && !wanted.contains(Role.ADMIN)) {
            violations.add(new FieldViolation("roles", "an administrator cannot remove their own ADMIN role"));
        }
        if (!violations.isEmpty()) {
            throw new BadRequestException(
                    "The request is invalid: " + violations.getFirst().field() + " "
                            + violations.getFirst().message(),
                    violations);
        }
        return accounts.setRoles(userId, wanted);
    }

    String rotateKeys() {
        return keys.rotate();
    }
}
