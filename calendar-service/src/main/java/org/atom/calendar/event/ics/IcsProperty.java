package org.atom.calendar.event.ics;

import java.util.List;
import java.util.Map;

/**
 * One content line: name and parameter names upper case, parameter values decoded (quotes and RFC 6868), the value as
 * written (TEXT still escaped: see {@link #text()}), and the line it started on.
 */
public record IcsProperty(String name, Map<String, List<String>> params, String value, int line) {

    /** The first value of a parameter, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The value as TEXT, unescaped. */
    public String text() {
        return IcsText.unescape(value);
    }
}
