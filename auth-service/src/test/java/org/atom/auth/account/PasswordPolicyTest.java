package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "violet-harbor-engine-42",
                "correct horse battery",
                "Tr0ub4dor&3-extended",
                "mañana-por-la-tarde",
                "quiet lantern meadow"
            })
    void longUncommonPasswordsAreAccepted(String password) {
        assertThat(policy.problem(password, "someone@example.com")).isEmpty();
    }

    @Test
    void aPasswordMustHaveTwelveCharacters() {
        assertThat(policy.problem("Sh0rt-but-ok", "a@example.com")).isEmpty(); // exactly 12
        assertThat(policy.problem("Sh0rt-but-o", "a@example.com")).hasValue("must be at least 12 characters long");
        assertThat(policy.problem("", "a@example.com")).hasValue("is required");
        assertThat(policy.problem(null, "a@example.com")).hasValue("is required");
        // code points, not UTF-16 units: 11 emoji are 11 characters
        assertThat(policy.problem("😀😁😂🤣😃😄😅😆😉😊😋", "a@example.com")).isPresent();
        assertThat(policy.problem("x".repeat(PasswordPolicy.MAX_LENGTH + 1) + "yz", "a@example.com"))
                .hasValue("must be at most 256 characters long");
    }

    @Test
    void aPasswordMustNotBeTheEmailInAnyLetterCase() {
        assertThat(policy.problem("Someone.Long@Example.com", "someone.long@example.com"))
                .hasValue("must not be your email address");
        assertThat(policy.problem("someone.longname", "Someone.LongName@example.com"))
                .hasValue("must not be your email address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "passwordpassword",
                "Password1234!",
                "!!iloveyou2024",
                "qwertyqwerty",
                "123456789012",
                "abcdefghijklmnop",
                "qwertyuiopasdf",
                "0987654321098",
                "aaaaaaaaaaaa",
                "121212121212",
                "1q2w3e4r5t6y",
                "Welcome12345",
                "Summer2024!!!",
                "Football#2024",
                "trustno1trustno1"
            })
    void commonPasswordsAndPatternsAreRefused(String password) {
        assertThat(policy.problem(password, "someone@example.com"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("is too common"));
    }
}
