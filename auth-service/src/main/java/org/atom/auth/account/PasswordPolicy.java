package org.atom.auth.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rules, the same on registration and on change (NIST SP 800-63B style: length and a deny-list, no
 * composition rules):
 *
 * <ul>
 *   <li>at least {@value #MIN_LENGTH} characters (Unicode code points) and at most {@value #MAX_LENGTH};
 *   <li>not the account's email address, nor its part before the {@code @} (ignoring letter case);
 *   <li>not a common password: not in the shipped deny-list ({@code common-passwords.txt}) — also once leading
 *       and trailing digits and symbols are removed ({@code Password123!}) and not a deny-listed word repeated
 *       ({@code qwertyqwerty});
 *   <li>not a pattern: fewer than 5 different characters ({@code aaaaaaaaaaaa}, {@code 121212121212}) or a run
 *       of an alphabet, digit or keyboard sequence, forwards or backwards ({@code abcdefghijkl},
 *       {@code 123456789012}, {@code qwertyuiopas}).
 * </ul>
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    static final int MIN_DISTINCT_CHARACTERS = 5;

    private static final String DENY_LIST = "/org/atom/auth/account/common-passwords.txt";
    private static final List<String> SEQUENCES = List.of(
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "01234567890123456789012345678901234567890",
            "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
            "qwertzuiopasdfghjklyxcvbnmqwertzuiopasdfghjklyxcvbnm",
            "azertyuiopqsdfghjklmwxcvbnazertyuiopqsdfghjklmwxcvbn",
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
            "qazwsxedcrfvtgbyhnujmikolp",
            "1q2w3e4r5t6y7u8i9o0p",
            "q1w2e3r4t5y6u7i8o9p0");

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /**
     * Why the password is not acceptable for the account with this email, or empty if it is.
     *
     * @param email the account's email (may be null if unknown)
     */
    public Optional<String> problem(String password, String email) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && !email.isBlank()) {
            String emailLower = email.strip().toLowerCase(Locale.ROOT);
            int at = emailLower.indexOf('@');
            if (lower.equals(emailLower) || (at > 0 && lower.equals(emailLower.substring(0, at)))) {
                return Optional.of("must not be your email address");
            }
        }
        if (isCommon(lower) || isPattern(lower)) {
            return Optional.of("is too common or too easy to guess; choose a longer phrase of unrelated words");
        }
        return Optional.empty();
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        String core = stripNonLetters(lower);
        if (!core.isEmpty() && common.contains(core)) {
            return true;
        }
        String unit = repeatedUnit(lower);
        return unit != null && (common.contains(unit) || common.contains(stripNonLetters(unit)));
    }

    private static boolean isPattern(String lower) {
        if (lower.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return true;
        }
        String reversed = new StringBuilder(lower).reverse().toString();
        for (String sequence : SEQUENCES) {
            if (sequence.contains(lower) || sequence.contains(reversed)) {
                return true;
            }
        }
        return false;
    }

    /** The shortest string the password is a repetition of, or null if it is not one. */
    private static String repeatedUnit(String s) {
        for (int unit = 1; unit <= s.length() / 2; unit++) {
            if (s.length() % unit == 0
                    && s.substring(0, unit).repeat(s.length() / unit).equals(s)) {
                return s.substring(0, unit);
            }
        }
        return null;
    }

    /** Without leading and trailing characters that are not letters ({@code !!password123} → {@code password}). */
    private static String stripNonLetters(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(DENY_LIST)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DENY_LIST);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
