package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.UUID;
import org.atom.auth.AuthServiceContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

@AuthServiceContext
class UserAccountRepositoryIT {

    @Autowired
    UserAccountRepository accounts;

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00.123456Z");

    private UserAccount newAccount(String email) {
        return new UserAccount(
                UUID.randomUUID(),
                email,
                "Ada",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                "Europe/Berlin",
                "de-DE",
                "{\"monday\": {\"start\": \"09:00\", \"end\": \"17:00\"}}",
                "{\"theme\": \"dark\"}",
                "{}",
                EnumSet.of(Role.USER, Role.ADMIN),
                NOW);
    }

    @Test
    void anInsertedAccountReadsBackAsWritten() {
        String email = "Repo-" + UUID.randomUUID() + "@Atom.Test";
        UserAccount account = accounts.insert(newAccount(email));

        UserAccount read = accounts.findByEmailKey(UserAccount.emailKey(email)).orElseThrow();
        assertThat(read.id()).isEqualTo(account.id());
        assertThat(read.email()).isEqualTo(email);
        assertThat(read.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
        assertThat(read.preferences()).isEqualTo("{\"theme\": \"dark\"}");
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(read.passwordChangedAt()).isEqualTo(NOW);
        assertThat(read.lastLoginAt()).isNull();
        assertThat(read.version()).isZero();
        assertThat(accounts.existsByEmailKey(UserAccount.emailKey(email))).isTrue();
        assertThatThrownBy(() -> accounts.insert(newAccount(email.toUpperCase())))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anUpdateFromAStaleCopyFailsAndChangesNothing() {
        UserAccount account = accounts.insert(newAccount("stale-" + UUID.randomUUID() + "@atom.test"));
        UserAccount first = accounts.findById(account.id()).orElseThrow();
        UserAccount second = accounts.findById(account.id()).orElseThrow();

        first.rename("First");
        first.touch(NOW.plus(1, ChronoUnit.MINUTES));
        assertThat(accounts.update(first).version()).isEqualTo(1);

        second.rename("Second");
        assertThatThrownBy(() -> accounts.update(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThatThrownBy(() -> accounts.delete(second)).isInstanceOf(OptimisticLockingFailureException.class);
        UserAccount stored = accounts.findById(account.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo("First");
        assertThat(stored.version()).isEqualTo(1);

        // bookkeeping does not count as a change of the profile
        accounts.recordLogin(account.id(), NOW.plus(2, ChronoUnit.MINUTES));
        assertThat(accounts.findById(account.id()).orElseThrow().version()).isEqualTo(1);

        accounts.delete(stored);
        assertThat(accounts.findById(account.id())).isEmpty();
    }
}
