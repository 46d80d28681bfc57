package org.atom.bench.startup;

import java.util.List;
import java.util.Locale;

/** Median and range of a few repetitions. */
record Stats(double median, double min, double max, int n) {

    static Stats of(List<? extends Number> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.getFirst(), sorted.getLast(), n);
    }

    boolean empty() {
        return n == 0;
    }

    /** {@code 5480 (5400–5600)}, or just the value for one repetition; {@code pattern} formats each number. */
    String format(String pattern) {
        if (empty()) {
            return "–";
        }
        String m = String.format(Locale.ROOT, pattern, median);
        return n == 1
                ? m
                : m + " (" + String.format(Locale.ROOT, pattern, min) + "–" + String.format(Locale.ROOT, pattern, max)
                        + ")";
    }
}
