package org.atom.auth.account;

import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.atom.platform.web.FieldViolation;
import tools.jackson.databind.JsonNode;

/** Checks of the profile fields a client sends, each reported as a violation named after its JSON field. */
final class AccountInputs {

    static final int MAX_EMAIL_LENGTH = 254;
    static final int MIN_NAME_LENGTH = 2;
    static final int MAX_NAME_LENGTH = 100;
    /** Largest {@code preferences} / {@code advancedSettings} object, as compact JSON. */
    static final int MAX_SETTINGS_BYTES = 16 * 1024;

    static final int MAX_SETTINGS_DEPTH = 16;
    static final String DEFAULT_TIME_ZONE = "UTC";
    static final String DEFAULT_LOCALE = "en-US";

    /**
     * local@domain.tld as browsers validate it (ASCII; dot-separated atoms in the local part; hostname labels; a
     * top-level domain of two or more letters, as the original required).
     */
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");
    /** Member names that would put password data into the profile (and so into events). */
    private static final Pattern PASSWORD_MEMBER = Pattern.compile("(?i).*password.*");

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private AccountInputs() {}

    /** The trimmed email, or null after adding a violation. */
    static String email(String value, String field, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        String email = value.strip();
        if (email.length() > MAX_EMAIL_LENGTH) {
            violations.add(new FieldViolation(field, "must be at most " + MAX_EMAIL_LENGTH + " characters long"));
            return null;
        }
        if (!EMAIL.matcher(email).matches()) {
            violations.add(new FieldViolation(field, "must be an email address such as name@example.com"));
            return null;
        }
        return email;
    }

    /** The trimmed name, or null after adding a violation. */
    static String name(String value, String field, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        String name = value.strip();
        int length = name.codePointCount(0, name.length());
        if (length < MIN_NAME_LENGTH || length > MAX_NAME_LENGTH) {
            violations.add(new FieldViolation(
                    field, "must be " + MIN_NAME_LENGTH + " to " + MAX_NAME_LENGTH + " characters long"));
            return null;
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation(field, "must not contain control characters"));
            return null;
        }
        return name;
    }

    /** An IANA time-zone id ({@code Europe/Paris}, {@code UTC}); null means the default. */
    static String timeZone(String value, String field, List<FieldViolation> violations) {
        if (value == null) {
            return DEFAULT_TIME_ZONE;
        }
        if (!ZONES.contains(value)) {
            violations.add(new FieldViolation(field, "must be an IANA time-zone id such as Europe/Paris"));
            return null;
        }
        return value;
    }

    /** A BCP 47 language tag ({@code en}, {@code fr-CA}), normalised; null means the default. */
    static String locale(String value, String field, List<FieldViolation> violations) {
        if (value == null) {
            return DEFAULT_LOCALE;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value).build();
            String language = locale.getLanguage();
            boolean known = language.length() == 2 ? LANGUAGES.contains(language) : language.length() == 3;
            if (!known) {
                throw new IllformedLocaleException("no known language");
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            violations.add(new FieldViolation(field, "must be a BCP 47 language tag such as en or fr-CA"));
            return null;
        }
    }

    /** A JSON object of bounded size and depth, as compact JSON text; null means {@code {}}. */
    static String settings(JsonNode value, String field, List<FieldViolation> violations) {
        if (value == null || value.isNull()) {
            return "{}";
        }
        if (!value.isObject()) {
            violations.add(new FieldViolation(field, "must be a JSON object"));
            return null;
        }
        if (depth(value) > MAX_SETTINGS_DEPTH) {
            violations.add(new FieldViolation(field, "must not be nested more than " + MAX_SETTINGS_DEPTH + " deep"));
            return null;
        }
        String passwordMember = passwordMember(value, field);
        if (passwordMember != null) {
            violations.add(new FieldViolation(passwordMember, "must not hold password data"));
            return null;
        }
        String json = value.toString();
        if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SETTINGS_BYTES) {
            violations.add(new FieldViolation(field, "must be at most " + MAX_SETTINGS_BYTES + " bytes of JSON"));
            return null;
        }
        return json;
    }

    /** The path of the first member, at any depth, whose name mentions a password; null if none. */
    private static String passwordMember(JsonNode node, String path) {
        if (node.isObject()) {
            for (java.util.Map.Entry<String, JsonNode> member : node.properties()) {
                String child = path + "." + member.getKey();
                if (PASSWORD_MEMBER.matcher(member.getKey()).matches()) {
                    return child;
                }
                String found = passwordMember(member.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = passwordMember(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node.values()) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainer() ? deepest + 1 : 0;
    }
}
