package org.atom.calendar.availability;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.atom.calendar.event.EventView;
import org.atom.calendar.event.Occurrences;
import org.springframework.stereotype.Component;

/**
 * When a user is busy, from their events with series expanded: every occurrence that is opaque and not cancelled
 * (tentative ones as the caller chooses) — a transparent event ("show as free") never is; all-day events only when they
 * are out-of-office (always opaque), which blocks their whole days — other all-day events (holidays, birthdays,
 * reminders) never block, whatever their transparency, as before the field existed.
 */
@Component
class BusyTimes {

    static final String CANCELLED = "cancelled",
            TENTATIVE = "tentative",
            OUT_OF_OFFICE = "outOfOffice",
            TRANSPARENT = "transparent";

    private final Occurrences occurrences;

    BusyTimes(Occurrences occurrences) {
        this.occurrences = occurrences;
    }

    /**
     * The user's busy intervals overlapping the window, merged (neither cut to the window nor widened by buffers).
     * All-day dates are days in {@code zone}. Two statements whatever the window holds.
     */
    List<Interval> of(String userId, Interval window, ZoneId zone, boolean tentativeIsBusy) {
        List<Interval> busy = new ArrayList<>();
        for (EventView event : occurrences.between(userId, window.start(), window.end(), null, zone, "end")) {
            if (isBusy(event, tentativeIsBusy)) {
                busy.add(new Interval(event.startsAt(zone), event.endsAt(zone)));
            }
        }
        return Intervals.merged(busy);
    }

    static boolean isBusy(EventView event, boolean tentativeIsBusy) {
        if (CANCELLED.equals(event.status()) || TRANSPARENT.equals(event.transparency())) {
            return false;
        }
        if (TENTATIVE.equals(event.status()) && !tentativeIsBusy) {
            return false;
        }
        return !event.allDay() || OUT_OF_OFFICE.equals(event.eventType());
    }
}
