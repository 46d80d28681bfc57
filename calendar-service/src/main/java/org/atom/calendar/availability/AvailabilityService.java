package org.atom.calendar.availability;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.atom.platform.users.UserProfile;
import org.atom.platform.users.UserProfiles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The availability grid of the caller's own days, and free/busy of the caller or of users who shared theirs. */
@Service
class AvailabilityService {

    private final BusyTimes busyTimes;
    private final SharedCalendars shared;
    private final UserProfiles profiles;
    private final Clock clock;

    AvailabilityService(BusyTimes busyTimes, SharedCalendars shared, UserProfiles profiles, Clock clock) {
        this.busyTimes = busyTimes;
        this.shared = shared;
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * Every slot of the user's working hours on the days asked, in order, each free or not: not when it starts
     * before now plus the notice, or when a busy interval widened by the buffer overlaps it
     * ({@code busy.start < slot.end && busy.end > slot.start}). Slots step from each day's start in real time, so
     * they keep their wall-clock times on a DST change; a last piece shorter than a slot is no slot.
     */
    @Transactional(readOnly = true)
    List<SlotView> slots(String userId, SlotQuery query) {
        var hours = profiles.of(userId).workingHours();
        List<Interval> days = new ArrayList<>();
        for (LocalDate date = query.first(); !date.isAfter(query.last()); date = date.plusDays(1)) {
            WorkingTime.on(date, hours, query.zone()).ifPresent(days::add);
        }
        if (days.isEmpty()) {
            return List.of();
        }
        Instant from =
                days.stream().map(Interval::start).min(Instant::compareTo).orElseThrow();
        Instant to = days.stream().map(Interval::end).max(Instant::compareTo).orElseThrow();
        Interval span = new Interval(from.minus(query.buffer()), to.plus(query.buffer()));
        List<Interval> blocked = Intervals.widened(
                busyTimes.of(userId, span, query.zone(), query.tentativeIsBusy()), query.buffer(), query.buffer());
        Instant earliest = clock.instant().plus(query.notice());
        List<SlotView> slots = new ArrayList<>();
        for (Interval day : days) {
            for (Instant start = day.start();
                    !start.plus(query.slot()).isAfter(day.end());
                    start = start.plus(query.slot())) {
                Interval slot = new Interval(start, start.plus(query.slot()));
                boolean available = !start.isBefore(earliest) && !Intervals.overlapsAny(blocked, slot);
                slots.add(new SlotView(slot.start(), slot.end(), available));
            }
        }
        return slots;
    }

    /** The caller's busy intervals in the window: merged, sorted, cut to the window. */
    @Transactional(readOnly = true)
    List<BusyView> freeBusy(String callerId, FreeBusyQuery query) {
        return busy(callerId, query.window(), query.zone());
    }

    /**
     * The busy intervals of each address's user, in the order asked; the caller's own address is always allowed.
     * An address whose user did not grant the caller {@code free_busy} (or that has no user) is a 400 naming it.
     * Another user's all-day out-of-office days are days in that user's zone; the caller's in the zone asked.
     */
    @Transactional(readOnly = true)
    List<UserBusyView> freeBusyOf(String callerId, FreeBusyQuery query) {
        List<UserProfile> users = shared.require(callerId, query.emails(), "email");
        List<UserBusyView> result = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            UserProfile user = users.get(i);
            ZoneId zone = user.userId().equals(callerId) ? query.zone() : user.timeZone();
            result.add(new UserBusyView(query.emails().get(i), busy(user.userId(), query.window(), zone)));
        }
        return result;
    }

    private List<BusyView> busy(String userId, Interval window, ZoneId zone) {
        return Intervals.clipped(busyTimes.of(userId, window, zone, true), window).stream()
                .map(BusyView::of)
                .toList();
    }
}
