package org.atom.calendar.availability;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code GET /api/calendar/availability} asks: the days ({@code date}, or {@code start} to {@code end}
 * inclusive), the zone they are days in, the slot length, the buffer around busy events, the minimum notice and
 * whether tentative events block.
 */
record SlotQuery(
        LocalDate first,
        LocalDate last,
        ZoneId zone,
        Duration slot,
        Duration buffer,
        Duration notice,
        boolean tentativeIsBusy) {

    static final int MAX_DAYS = 31;
    static final int DEFAULT_SLOT = 30, MIN_SLOT = 5, MAX_SLOT = 240;
    static final int MAX_BUFFER = 240;
    /** A year: notice beyond it would leave nothing any window could show. */
    static final int MAX_NOTICE = 525_600;

    /** Every problem of the parameters at once; {@code userZone}: the zone when {@code timeZone} is absent. */
    static SlotQuery parse(
            String date,
            String start,
            String end,
            String timeZone,
            Integer slotMinutes,
            Integer bufferMinutes,
            Integer minNoticeMinutes,
            String tentative,
            ZoneId userZone) {
        InputErrors errors = new InputErrors();
        LocalDate first = null, last = null;
        if (date != null && (start != null || end != null)) {
            errors.add("date", "cannot be combined with start and end; send a date or a range");
        } else if (date != null) {
            first = last = date(errors, "date", date);
        } else if (start == null && end == null) {
            errors.add("date", "is required (a date YYYY-MM-DD), or start and end for a range of days");
        } else if (start == null) {
            errors.add("start", "is required with end");
        } else if (end == null) {
            errors.add("end", "is required with start");
        } else {
            first = date(errors, "start", start);
            last = date(errors, "end", end);
            if (first != null && last != null) {
                if (last.isBefore(first)) {
                    errors.add("end", "must not be before start");
                } else if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                    errors.add("end", "must be at most " + MAX_DAYS + " days from start (both included)");
                }
            }
        }
        ZoneId zone = userZone;
        if (timeZone != null && !timeZone.isBlank()) {
            zone = TimeInputs.zone(timeZone).orElse(null);
            if (zone == null) {
                errors.add("timeZone", TimeInputs.ZONE_RULE);
            }
        }
        int slot = minutes(errors, "slotMinutes", slotMinutes, DEFAULT_SLOT, MIN_SLOT, MAX_SLOT);
        int buffer = minutes(errors, "bufferMinutes", bufferMinutes, 0, 0, MAX_BUFFER);
        int notice = minutes(errors, "minNoticeMinutes", minNoticeMinutes, 0, 0, MAX_NOTICE);
        boolean tentativeIsBusy = true;
        if (tentative != null) {
            switch (tentative.strip().toLowerCase(Locale.ROOT)) {
                case "busy" -> tentativeIsBusy = true;
                case "free" -> tentativeIsBusy = false;
                default -> errors.add("tentative", "must be one of [busy, free]");
            }
        }
        errors.throwIfAny("availability query");
        return new SlotQuery(
                first,
                last,
                zone,
                Duration.ofMinutes(slot),
                Duration.ofMinutes(buffer),
                Duration.ofMinutes(notice),
                tentativeIsBusy);
    }

    private static LocalDate date(InputErrors errors, String field, String text) {
        Optional<LocalDate> date = TimeInputs.date(text);
        if (date.isEmpty()) {
            errors.add(field, TimeInputs.DATE_RULE);
        }
        return date.orElse(null);
    }

    static int minutes(InputErrors errors, String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(field, "must be a whole number of minutes from " + min + " to " + max);
            return fallback;
        }
        return value;
    }
}
