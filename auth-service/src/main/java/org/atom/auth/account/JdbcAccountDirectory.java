package org.atom.auth.account;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link AccountDirectory} over the account table. */
@Component
class JdbcAccountDirectory implements AccountDirectory {

    private final UserAccountRepository accounts;

    JdbcAccountDirectory(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ActiveAccount> activeAccount(UUID userId) {
        return accounts.findById(userId).filter(UserAccount::active).map(AccountService::directoryEntry);
    }
}
