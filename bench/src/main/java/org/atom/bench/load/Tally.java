package org.atom.bench.load;

import java.net.ConnectException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The outcomes of one load run, written by many threads: latencies of 2xx responses, latencies of every outcome
 * (errors included), and errors by kind ({@code HTTP 503}, {@code timeout}, {@code connect}, …). Nothing is dropped:
 * an error is counted whatever it is.
 */
final class Tally {

    private final Recorder ok = new Recorder(3);
    private final Recorder all = new Recorder(3);
    private final LongAdder okCount = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong lastCompletion = new AtomicLong();
    /** Slowest outcome per second of the schedule (open model: from the first intended start), in µs. */
    private final Map<Long, AtomicLong> slowestBySecond = new ConcurrentHashMap<>();

    private final long origin;

    Tally() {
        this(System.nanoTime());
    }

    Tally(long origin) {
        this.origin = origin;
    }

    void status(int status, long startNanos) {
        long now = System.nanoTime();
        long micros = Math.max(1, (now - startNanos) / 1000);
        all.recordValue(micros);
        if (status >= 200 && status < 300) {
            ok.recordValue(micros);
            okCount.increment();
        } else {
            errors.computeIfAbsent("HTTP " + status, k -> new LongAdder()).increment();
        }
        done(now, startNanos);
    }

    void error(Throwable error, long startNanos) {
        long now = System.nanoTime();
        all.recordValue(Math.max(1, (now - startNanos) / 1000));
        errors.computeIfAbsent(kind(error), k -> new LongAdder()).increment();
        done(now, startNanos);
    }

    void unfinished(long count) {
        if (count > 0) {
            errors.computeIfAbsent("unfinished at the end", k -> new LongAdder())
                    .add(count);
        }
    }

    private void done(long now, long startNanos) {
        long micros = (now - startNanos) / 1000;
        slowestBySecond
                .computeIfAbsent((startNanos - origin) / 1_000_000_000L, k -> new AtomicLong())
                .accumulateAndGet(micros, Math::max);
        completed.increment();
        lastCompletion.accumulateAndGet(now, Math::max);
    }

    long completed() {
        return completed.sum();
    }

    long okCount() {
        return okCount.sum();
    }

    long lastCompletion() {
        return lastCompletion.get();
    }

    Histogram okLatencies() {
        return ok.getIntervalHistogram();
    }

    Histogram allLatencies() {
        return all.getIntervalHistogram();
    }

    /** The {@code count} seconds with the slowest outcomes, slowest first: second of the run → its slowest in ms. */
    Map<Long, Double> slowestSeconds(int count) {
        Map<Long, Double> slowest = new LinkedHashMap<>();
        slowestBySecond.entrySet().stream()
                .sorted(Map.Entry.<Long, AtomicLong>comparingByValue(Comparator.comparingLong(AtomicLong::get))
                        .reversed())
                .limit(count)
                .forEach(e -> slowest.put(e.getKey(), e.getValue().get() / 1000.0));
        return slowest;
    }

    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    static String kind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("Timeout")) {
                return name.startsWith("PoolAcquire") ? "timeout waiting for a connection" : "timeout";
            }
            if (t instanceof ConnectException || name.contains("Connect")) {
                return "connect";
            }
            if (name.equals("PrematureCloseException")) {
                return "connection closed early";
            }
            if (name.startsWith("PoolAcquirePendingLimit")) {
                return "connection queue full";
            }
        }
        return error.getClass().getSimpleName();
    }
}
