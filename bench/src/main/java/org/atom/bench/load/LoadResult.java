package org.atom.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One load run against one target.
 *
 * @param label what was loaded, e.g. {@code direct} or {@code gateway}
 * @param model {@code open} (constant arrival rate) or {@code closed} (fixed number of connections)
 * @param targetRate requests per second asked for (open model), else 0
 * @param concurrency connections in use (closed model), or the pool's bound (open model)
 * @param sent requests sent
 * @param ok 2xx responses
 * @param errors everything else, by kind
 * @param latency latencies of the 2xx responses in µs: from the intended start (open model), or from the send
 *     (closed model)
 * @param allOutcomes latencies of every outcome, errors included, in µs
 * @param schedulerLag how late the generator sent each request after its intended start, in µs (open model)
 * @param slowestSeconds the seconds of the schedule with the slowest outcomes, slowest first: second from the start →
 *     its slowest outcome in ms (open model; where in the run the tail comes from), else null
 * @param seconds from the first intended start to the last completion
 */
public record LoadResult(
        String label,
        String model,
        double targetRate,
        int concurrency,
        long sent,
        long ok,
        Map<String, Long> errors,
        Histogram latency,
        Histogram allOutcomes,
        Histogram schedulerLag,
        Map<Long, Double> slowestSeconds,
        double seconds) {

    /**
     * Several runs of the same label and model (e.g. interleaved rounds) as one: counts and histograms added (the
     * slowest seconds stay with each run).
     */
    public static LoadResult merge(java.util.List<LoadResult> runs) {
        LoadResult first = runs.getFirst();
        Histogram latency = new Histogram(3);
        Histogram all = new Histogram(3);
        Histogram lag = first.schedulerLag() == null ? null : new Histogram(3);
        Map<String, Long> errors = new java.util.TreeMap<>();
        long sent = 0;
        long ok = 0;
        double seconds = 0;
        for (LoadResult run : runs) {
            latency.add(run.latency());
            all.add(run.allOutcomes());
            if (lag != null) {
                lag.add(run.schedulerLag());
            }
            run.errors().forEach((kind, count) -> errors.merge(kind, count, Long::sum));
            sent += run.sent();
            ok += run.ok();
            seconds += run.seconds();
        }
        return new LoadResult(
                first.label(),
                first.model(),
                first.targetRate(),
                first.concurrency(),
                sent,
                ok,
                errors,
                latency,
                all,
                lag,
                null,
                seconds);
    }

    public double throughput() {
        return ok / seconds;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A percentile of the 2xx latencies in ms. */
    public double ms(double percentile) {
        return ms(latency, percentile);
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram == null || histogram.getTotalCount() == 0
                ? Double.NaN
                : round(histogram.getValueAtPercentile(percentile) / 1000.0, 3);
    }

    /** This run as numbers for a report. */
    public Map<String, Object> summary() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("label", label);
        map.put("model", model);
        if (model.equals("open")) {
            map.put("targetRatePerSecond", round(targetRate, 1));
            map.put("connectionPoolBound", concurrency);
        } else {
            map.put("connections", concurrency);
        }
        map.put("seconds", round(seconds, 2));
        map.put("sent", sent);
        map.put("ok", ok);
        map.put("errors", errors);
        map.put("throughputPerSecond", round(throughput(), 1));
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("p50", ms(50));
        ms.put("p90", ms(90));
        ms.put("p99", ms(99));
        ms.put("p99.9", ms(99.9));
        ms.put("max", ms(100));
        ms.put("mean", latency.getTotalCount() == 0 ? Double.NaN : round(latency.getMean() / 1000.0, 3));
        map.put("latencyMs", ms);
        if (errorCount() > 0) {
            map.put("latencyMsAllOutcomes", Map.of("p50", ms(allOutcomes, 50), "p99", ms(allOutcomes, 99)));
        }
        if (schedulerLag != null) {
            map.put("generatorLagMs", Map.of("p99", ms(schedulerLag, 99), "max", ms(schedulerLag, 100)));
        }
        if (slowestSeconds != null) {
            map.put("slowestSecondsMs", slowestSeconds);
        }
        return map;
    }

    public static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
