package org.atom.calendar.event.ics;

/** Escaping of TEXT values and parameter values, and line folding (RFC 5545 §3.1, §3.3.11; RFC 6868). */
public final class IcsText {

    /** Longest line, in octets, without its CRLF (RFC 5545 §3.1). */
    public static final int MAX_OCTETS = 75;

    private IcsText() {}

    /** A TEXT value: backslash, semicolon and comma escaped, every line break as {@code \n}. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    out.append("\\n");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A TEXT value as written: {@code \\ \; \, \n \N} undone. An unknown escape keeps its backslash (files in the wild
     * contain Windows paths), a lone trailing backslash stays.
     */
    public static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case '\\', ';', ',' -> out.append(next);
                case 'n', 'N' -> out.append('\n');
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    /**
     * A parameter value: RFC 6868 caret encoding for {@code ^}, {@code "} and line breaks, in double quotes when it
     * contains {@code : ; ,} (or is empty).
     */
    public static String paramValue(String value) {
        StringBuilder encoded = new StringBuilder(value.length() + 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '^' -> encoded.append("^^");
                case '"' -> encoded.append("^'");
                case '\n' -> encoded.append("^n");
                case '\r' -> {
                    encoded.append("^n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> encoded.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        String text = encoded.toString();
        boolean quote = text.isEmpty() || text.chars().anyMatch(c -> c == ':' || c == ';' || c == ',');
        return quote ? '"' + text + '"' : text;
    }

    /** RFC 6868 decoding of a parameter value (quotes already removed): {@code ^^ ^' ^n}; other carets stay. */
    public static String decodeParam(String value) {
        if (value.indexOf('^') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '^' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == '^' || next == '\'' || next == 'n') {
                    out.append(next == '^' ? '^' : next == '\'' ? '"' : '\n');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * One content line folded into lines of at most {@value #MAX_OCTETS} octets (a continuation's leading space
     * counted), never inside a UTF-8 sequence or a surrogate pair, each ended by CRLF.
     */
    public static String fold(String line) {
        StringBuilder out = new StringBuilder(line.length() + line.length() / 60 * 3 + 2);
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int chars = Character.charCount(codePoint);
            int size = utf8Length(codePoint);
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.append(line, i, i + chars);
            octets += size;
            i += chars;
        }
        return out.append("\r\n").toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
