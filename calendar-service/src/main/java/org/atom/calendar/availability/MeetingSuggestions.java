package org.atom.calendar.availability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.platform.users.UserProfile;
import org.atom.platform.users.UserProfiles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meeting times for the caller and the people they name (each of whom must share free/busy with the caller): times
 * inside every participant's working hours — each in their own zone — when none of them is busy (buffers widening
 * every busy event), starting no earlier than now, on start times aligned to the granularity from midnight in the
 * request's zone. Only busy times are read, never what an event is.
 *
 * <p>Ranking: each candidate gets {@code score = 0.6 × core + 0.4 × spaced}, where {@code core} is the share of
 * participants for whom the meeting lies at least an hour inside their working day (not at its edges) and
 * {@code spaced} the share for whom it does not sit within 15 minutes of one of their meetings (no back-to-back).
 * Higher scores first, earlier first among equals; suggestions never overlap one another.
 */
@Service
class MeetingSuggestions {

    static final double CORE_WEIGHT = 0.6, SPACING_WEIGHT = 0.4;
    /** How far inside a working day "core hours" begin and end. */
    static final Duration CORE_MARGIN = Duration.ofHours(1);
    /** A meeting closer than this to another one is back-to-back. */
    static final Duration ADJACENT = Duration.ofMinutes(15);

    private final BusyTimes busyTimes;
    private final SharedCalendars shared;
    private final UserProfiles profiles;
    private final Clock clock;

    MeetingSuggestions(BusyTimes busyTimes, SharedCalendars shared, UserProfiles profiles, Clock clock) {
        this.busyTimes = busyTimes;
        this.shared = shared;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** One participant's day: their working days, when they are busy, and when they are free for the meeting. */
    private record Participant(List<Interval> workingDays, List<Interval> busy, List<Interval> free) {}

    /** A candidate meeting time and its score. */
    private record Candidate(Interval time, double score) {}

    @Transactional(readOnly = true)
    List<SuggestionView> suggest(String callerId, SuggestInput input) {
        Map<String, UserProfile> people = new LinkedHashMap<>();
        people.put(callerId, profiles.of(callerId));
        for (UserProfile attendee : shared.require(callerId, input.attendees(), SuggestInput.ATTENDEES)) {
            people.putIfAbsent(attendee.userId(), attendee);
        }
        Interval window = input.window();
        Instant earliest = later(window.start(), clock.instant());
        if (earliest.plus(input.duration()).isAfter(window.end())) {
            return List.of();
        }
        List<Participant> participants = new ArrayList<>();
        List<Interval> common = List.of(new Interval(earliest, window.end()));
        for (UserProfile person : people.values()) {
            Participant participant = participant(person, new Interval(earliest, window.end()), input.buffer());
            participants.add(participant);
            common = Intervals.intersection(common, participant.free());
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Interval free : common) {
            Instant start = aligned(free.start(), input.zone(), input.granularity());
            while (!start.plus(input.duration()).isAfter(free.end())) {
                Interval time = new Interval(start, start.plus(input.duration()));
                candidates.add(new Candidate(time, score(time, participants)));
                start = aligned(start.plus(input.granularity()), input.zone(), input.granularity());
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score)
                .reversed()
                .thenComparing(c -> c.time().start()));
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (chosen.size() == input.maxSuggestions()) {
                break;
            }
            if (chosen.stream().noneMatch(c -> c.time().overlaps(candidate.time()))) {
                chosen.add(candidate);
            }
        }
        return chosen.stream()
                .map(c -> new SuggestionView(c.time().start(), c.time().end(), c.score()))
                .toList();
    }

    /** The person's working days, busy times (events near the window included) and free time inside it. */
    private Participant participant(UserProfile person, Interval window, Duration buffer) {
        ZoneId zone = person.timeZone();
        List<Interval> days = WorkingTime.days(person.workingHours(), zone, window);
        List<Interval> working = Intervals.clipped(Intervals.merged(days), window);
        Duration reach = buffer.compareTo(ADJACENT) > 0 ? buffer : ADJACENT;
        Interval around = new Interval(window.start().minus(reach), window.end().plus(reach));
        List<Interval> busy = busyTimes.of(person.userId(), around, zone, true);
        List<Interval> free = Intervals.minus(working, Intervals.widened(busy, buffer, buffer));
        return new Participant(days, busy, free);
    }

    private static double score(Interval time, List<Participant> participants) {
        int core = 0, spaced = 0;
        for (Participant p : participants) {
            if (p.workingDays().stream().anyMatch(day -> insideCore(time, day))) {
                core++;
            }
            Interval near =
                    new Interval(time.start().minus(ADJACENT), time.end().plus(ADJACENT));
            if (!Intervals.overlapsAny(p.busy(), near)) {
                spaced++;
            }
        }
        double n = participants.size();
        double score = CORE_WEIGHT * core / n + SPACING_WEIGHT * spaced / n;
        return BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static boolean insideCore(Interval time, Interval day) {
        return !time.start().isBefore(day.start().plus(CORE_MARGIN))
                && !time.end().isAfter(day.end().minus(CORE_MARGIN));
    }

    /** The first instant at or after {@code at} that is a whole number of steps after midnight in the zone. */
    static Instant aligned(Instant at, ZoneId zone, Duration step) {
        Instant midnight = at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        long steps = Math.ceilDiv(Duration.between(midnight, at).toNanos(), step.toNanos());
        return midnight.plus(step.multipliedBy(steps));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
