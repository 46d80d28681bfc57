package org.atom.calendar.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The id of one occurrence of a series, as Google Calendar forms it: the series id, {@code _}, and the occurrence's
 * original start ({@code 20260323T080000Z}, or {@code 20260323} for all-day series). Stable while the series is:
 * an edited occurrence keeps the id of the occurrence it replaces.
 */
record InstanceId(UUID seriesId, Instant originalStartAt, LocalDate originalStartDate) {

    private static final DateTimeFormatter TIMED =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    static String of(UUID seriesId, Instant originalStart) {
        return seriesId + "_" + TIMED.format(originalStart);
    }

    static String of(UUID seriesId, LocalDate originalStart) {
        return seriesId + "_" + DATE.format(originalStart);
    }

    /** An instance id, or empty for anything else (a plain event id, garbage). */
    static Optional<InstanceId> parse(String id) {
        int separator = id.indexOf('_');
        if (separator != 36) {
            return Optional.empty();
        }
        try {
            UUID series = UUID.fromString(id.substring(0, separator));
            String stamp = id.substring(separator + 1);
            if (stamp.length() == 8) {
                return Optional.of(new InstanceId(series, null, LocalDate.parse(stamp, DATE)));
            }
            return Optional.of(new InstanceId(series, Instant.from(TIMED.parse(stamp)), null));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return originalStartDate != null ? of(seriesId, originalStartDate) : of(seriesId, originalStartAt);
    }
}
