package org.atom.calendar.event;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A colour as the ATOM frontend names them ({@code blue} …) or as {@code #RRGGBB} (kept upper case). */
final class EventColor {

    static final List<String> NAMES =
            List.of("blue", "green", "red", "purple", "orange", "yellow", "pink", "teal", "gray", "brown");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private EventColor() {}

    static Optional<String> of(String value) {
        String color = value.strip();
        if (HEX.matcher(color).matches()) {
            return Optional.of(color.toUpperCase(Locale.ROOT));
        }
        String name = color.toLowerCase(Locale.ROOT);
        return NAMES.contains(name) ? Optional.of(name) : Optional.empty();
    }

    static String rule() {
        return "must be #RRGGBB or one of " + NAMES;
    }
}
