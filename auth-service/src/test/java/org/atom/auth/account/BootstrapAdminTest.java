package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BootstrapAdminTest {

    @Test
    void theConfiguredAddressInAnyLetterCaseIsTheBootstrapAdministrator() {
        assertThat(AccountService.isBootstrapAdmin(" Admin@Example.com ", "admin@example.COM"))
                .isTrue();
        assertThat(AccountService.isBootstrapAdmin("admin@example.com", "someone@example.com"))
                .isFalse();
    }

    @Test
    void withoutAConfiguredAddressNobodyIs() {
        assertThat(AccountService.isBootstrapAdmin(null, "admin@example.com")).isFalse();
        assertThat(AccountService.isBootstrapAdmin("", "admin@example.com")).isFalse();
        assertThat(AccountService.isBootstrapAdmin("  ", "admin@example.com")).isFalse();
    }
}
