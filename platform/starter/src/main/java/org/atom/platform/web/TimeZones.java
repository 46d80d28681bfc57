package org.atom.platform.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** The time zones a client may name: IANA region ids ({@code Europe/Berlin}) and {@code UTC}. */
public final class TimeZones {

    public static final String RULE = "must be an IANA time zone such as Europe/Berlin or UTC";

    private TimeZones() {}

    /**
     * The zone, or empty: fixed offsets ({@code +02:00}, {@code Etc/GMT-2}) are refused — they have no DST rules, so
     * a recurring 09:00 would drift — and so are the legacy {@code SystemV/} ids.
     */
    public static Optional<ZoneId> region(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String id = text.strip();
        if (id.equals("UTC") || id.equals("Etc/UTC")) {
            return Optional.of(ZoneId.of("UTC"));
        }
        if (!id.contains("/") || id.startsWith("Etc/") || id.startsWith("SystemV/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
