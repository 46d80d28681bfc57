package org.atom.calendar.event.ics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes content lines, folded, with CRLF line ends. */
public final class IcsWriter {

    private final StringBuilder out = new StringBuilder(4096);

    public IcsWriter begin(String component) {
        return raw("BEGIN", Map.of(), component);
    }

    public IcsWriter end(String component) {
        return raw("END", Map.of(), component);
    }

    /** A TEXT property, escaped; nothing for null. */
    public IcsWriter text(String name, String text) {
        return text == null ? this : raw(name, Map.of(), IcsText.escape(text));
    }

    /** A property whose value is written as it is (a DATE-TIME, an RRULE …). */
    public IcsWriter raw(String name, String value) {
        return raw(name, Map.of(), value);
    }

    /** A property with parameters (values encoded and quoted as needed), the value written as it is. */
    public IcsWriter raw(String name, Map<String, String> params, String value) {
        StringBuilder line = new StringBuilder(name);
        params.forEach((param, paramValue) ->
                line.append(';').append(param).append('=').append(IcsText.paramValue(paramValue)));
        line.append(':').append(value);
        out.append(IcsText.fold(line.toString()));
        return this;
    }

    /** A content line that already is one ({@code RRULE:…}, {@code EXDATE;TZID=…:…}), only folded. */
    public IcsWriter line(String contentLine) {
        out.append(IcsText.fold(contentLine));
        return this;
    }

    /** Parameters in the order given. */
    public static Map<String, String> params(String... nameValuePairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] != null) {
                params.put(nameValuePairs[i], nameValuePairs[i + 1]);
            }
        }
        return params;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
