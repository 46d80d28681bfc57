package org.atom.platform.users;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as services take it from clients: a pragmatic format check (something@domain.tld, no
 * spaces or angle brackets, at most 320 characters), then the form the user read model compares (trimmed,
 * lower-cased).
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 320;
    public static final String RULE = "must be an email address";

    private static final Pattern FORMAT = Pattern.compile("[^\\s@<>(),;:\"]+@[^\\s@<>(),;:\"]+\\.[^\\s@<>(),;:\"]+");

    private EmailAddress() {}

    /** The normalized address, or empty when the text is no email address. */
    public static Optional<String> parse(String text) {
        String email = UserProfile.normalizedEmail(text);
        if (email == null
                || email.length() > MAX_LENGTH
                || !FORMAT.matcher(email).matches()) {
            return Optional.empty();
        }
        return Optional.of(email);
    }
}
