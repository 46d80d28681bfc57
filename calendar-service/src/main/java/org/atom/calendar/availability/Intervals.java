package org.atom.calendar.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Set arithmetic on sorted, disjoint interval lists ("normal" lists: what {@link #merged} returns). Linear in the
 * lengths of the lists.
 */
final class Intervals {

    private Intervals() {}

    /** Sorted by start, with overlapping and adjacent intervals joined into one. */
    static List<Interval> merged(Collection<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::start).thenComparing(Interval::end));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && !next.start().isAfter(merged.getLast().end())) {
                Interval last = merged.removeLast();
                merged.add(new Interval(last.start(), max(last.end(), next.end())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** Each interval widened by {@code before} and {@code after}, then merged. */
    static List<Interval> widened(List<Interval> intervals, Duration before, Duration after) {
        if (before.isZero() && after.isZero()) {
            return merged(intervals);
        }
        return merged(intervals.stream()
                .map(i -> new Interval(i.start().minus(before), i.end().plus(after)))
                .toList());
    }

    /** The parts of the normal list inside the window. */
    static List<Interval> clipped(List<Interval> intervals, Interval window) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            if (i.overlaps(window)) {
                clipped.add(new Interval(max(i.start(), window.start()), min(i.end(), window.end())));
            }
        }
        return clipped;
    }

    /** What of {@code from} (normal) is not in {@code minus} (normal). */
    static List<Interval> minus(List<Interval> from, List<Interval> minus) {
        List<Interval> result = new ArrayList<>();
        int j = 0;
        for (Interval i : from) {
            Instant start = i.start();
            while (j < minus.size() && !minus.get(j).end().isAfter(start)) {
                j++;
            }
            int k = j;
            while (k < minus.size() && minus.get(k).start().isBefore(i.end())) {
                Interval cut = minus.get(k);
                if (cut.start().isAfter(start)) {
                    result.add(new Interval(start, cut.start()));
                }
                start = max(start, cut.end());
                k++;
            }
            if (start.isBefore(i.end())) {
                result.add(new Interval(start, i.end()));
            }
        }
        return result;
    }

    /** What is in both normal lists. */
    static List<Interval> intersection(List<Interval> a, List<Interval> b) {
        List<Interval> result = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.size() && j < b.size()) {
            Instant start = max(a.get(i).start(), b.get(j).start());
            Instant end = min(a.get(i).end(), b.get(j).end());
            if (start.isBefore(end)) {
                result.add(new Interval(start, end));
            }
            if (a.get(i).end().isBefore(b.get(j).end())) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    /** Whether any interval of the normal list overlaps {@code x} (binary search). */
    static boolean overlapsAny(List<Interval> intervals, Interval x) {
        // the first interval ending after x starts is the only candidate
        int low = 0, high = intervals.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (intervals.get(mid).end().isAfter(x.start())) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low < intervals.size() && intervals.get(low).overlaps(x);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
