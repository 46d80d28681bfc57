package org.atom.platform.web;

import java.util.regex.Pattern;

/** Conversions between the original API's snake_case names and ATOM's camelCase ones. */
final class SnakeCase {

    /** Only plain lower-case snake names get a camelCase twin; anything else is left alone. */
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)+");

    private SnakeCase() {}

    /** {@code dueDate} → {@code due_date}, {@code userID} → {@code user_id}; unchanged if there is no hump. */
    static String fromCamel(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1)) && name.charAt(i - 1) != '_';
                boolean endsAcronym = i > 0
                        && Character.isUpperCase(name.charAt(i - 1))
                        && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (afterLower || endsAcronym) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code start_date} → {@code startDate}; null if the name is not lower-case snake_case. */
    static String toCamel(String name) {
        if (!SNAKE.matcher(name).matches()) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
