package org.atom.calendar.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsTest {

    private static final Instant T = Instant.parse("2026-12-07T00:00:00Z");

    /** {@code [h1, h2)} hours after T. */
    private static Interval h(double from, double to) {
        return new Interval(T.plusSeconds((long) (from * 3600)), T.plusSeconds((long) (to * 3600)));
    }

    @Test
    void overlappingAndAdjacentIntervalsMergeIntoOneAndTheResultIsSorted() {
        assertThat(Intervals.merged(List.of(h(15, 16), h(10, 11), h(12, 13), h(10.5, 12), h(9, 9.5))))
                .containsExactly(h(9, 9.5), h(10, 13), h(15, 16));
        assertThat(Intervals.merged(List.of(h(1, 5), h(2, 3)))).containsExactly(h(1, 5));
        assertThat(Intervals.merged(List.of())).isEmpty();
    }

    @Test
    void anIntervalEndsAfterItStarts() {
        assertThatThrownBy(() -> h(2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlapIsStartBeforeTheOthersEndAndEndAfterTheOthersStart() {
        assertThat(h(9, 10).overlaps(h(9.5, 11))).isTrue();
        assertThat(h(9, 10).overlaps(h(8, 12))).isTrue();
        assertThat(h(9, 10).overlaps(h(10, 11))).as("touching is no overlap").isFalse();
        assertThat(h(9, 10).overlaps(h(8, 9))).isFalse();
    }

    @Test
    void widenedAddsTheBufferOnBothSidesAndMergesWhatNowTouches() {
        assertThat(Intervals.widened(List.of(h(10, 11), h(11.5, 12)), Duration.ofMinutes(15), Duration.ofMinutes(15)))
                .containsExactly(h(9.75, 12.25));
        assertThat(Intervals.widened(List.of(h(10, 11)), Duration.ZERO, Duration.ZERO))
                .containsExactly(h(10, 11));
    }

    @Test
    void clippedKeepsOnlyThePartsInsideTheWindow() {
        assertThat(Intervals.clipped(List.of(h(1, 3), h(4, 5), h(6, 9), h(10, 11)), h(2, 8)))
                .containsExactly(h(2, 3), h(4, 5), h(6, 8));
    }

    @Test
    void minusCutsBusyTimesOutOfWorkingTimes() {
        List<Interval> working = List.of(h(9, 17), h(33, 41));
        List<Interval> busy = List.of(h(8, 9.5), h(12, 13), h(16.5, 34), h(40, 50));

        assertThat(Intervals.minus(working, busy)).containsExactly(h(9.5, 12), h(13, 16.5), h(34, 40));
        assertThat(Intervals.minus(working, List.of())).isEqualTo(working);
        assertThat(Intervals.minus(List.of(h(9, 10)), List.of(h(8, 11)))).isEmpty();
    }

    @Test
    void intersectionIsWhatBothListsHave() {
        assertThat(Intervals.intersection(List.of(h(1, 5), h(7, 10)), List.of(h(2, 3), h(4, 8), h(9, 12))))
                .containsExactly(h(2, 3), h(4, 5), h(7, 8), h(9, 10));
        assertThat(Intervals.intersection(List.of(h(1, 2)), List.of(h(2, 3)))).isEmpty();
    }

    @Test
    void overlapsAnyFindsTheOneIntervalThatCouldOverlap() {
        List<Interval> busy = List.of(h(1, 2), h(4, 5), h(7, 8));

        assertThat(Intervals.overlapsAny(busy, h(4.5, 4.75))).isTrue();
        assertThat(Intervals.overlapsAny(busy, h(3, 6))).isTrue();
        assertThat(Intervals.overlapsAny(busy, h(2, 4))).isFalse();
        assertThat(Intervals.overlapsAny(busy, h(8, 9))).isFalse();
        assertThat(Intervals.overlapsAny(busy, h(0, 1))).isFalse();
        assertThat(Intervals.overlapsAny(List.of(), h(0, 1))).isFalse();
    }
}
