package org.atom.platform.web;

/**
 * Whether user text can be stored and published as it is. PostgreSQL cannot hold NUL in {@code text} (an insert
 * fails: a 500 unless checked), an unpaired surrogate is not Unicode text, and other control characters serve no
 * purpose in user text while each costs six bytes in a JSON event. Tabs and line breaks are fine.
 */
public final class StorableText {

    private StorableText() {}

    /** Why the text cannot be stored, as a validation message; null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return "must not contain control characters (tabs and line breaks excepted)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (an unpaired surrogate was sent)";
            }
        }
        return null;
    }
}
