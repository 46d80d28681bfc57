package org.atom.bench.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;

/**
 * Open-model load: requests at a constant arrival rate whatever the responses do, with latency measured from each
 * request's <em>intended</em> start (its slot in the schedule), so that coordinated omission is corrected. A request
 * the server makes wait — or that waits for a connection, or that the generator itself sent late — counts the whole
 * wait; no slot is skipped when the server stalls. The generator's own lateness is reported separately, to show it kept
 * up.
 */
public final class OpenLoad {

    private OpenLoad() {}

    /** One request per slot that may differ from slot to slot (e.g. a body carrying the slot's number). */
    @FunctionalInterface
    public interface Slot {
        /**
         * @param index the slot's number, from 0
         * @param intendedNanos the slot's intended start ({@link System#nanoTime()}), what its latency is measured from
         * @return a cold {@link Mono} performing the request once, emitting its HTTP status
         */
        Mono<Integer> send(long index, long intendedNanos);
    }

    /** How many requests {@link #run} sends for a rate and duration. */
    public static long slots(double rate, Duration duration) {
        return Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    }

    /**
     * Sends {@code rate × duration} requests, one every {@code 1/rate} seconds, then waits for the stragglers up to
     * the client's timeout (plus a second); those still missing are counted as errors.
     */
    public static LoadResult run(String label, HttpLoadClient client, Call call, double rate, Duration duration)
            throws InterruptedException {
        return runSlots(label, client, (index, intended) -> call.send(), rate, duration);
    }

    /** {@link #run}, with the request of each slot made by {@code slot}. */
    public static LoadResult runSlots(String label, HttpLoadClient client, Slot slot, double rate, Duration duration)
            throws InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        Histogram lag = new Histogram(3);
        long total = slots(rate, duration);
        double interval = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        Tally tally = new Tally(start);
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * interval);
            long now = System.nanoTime();
            while (now < intended) {
                // no spinning: on a 2-core machine a spinning generator takes CPU from the server; a late wake-up
                // is measured (lag) and counted in the request's latency anyway
                LockSupport.parkNanos(intended - now);
                now = System.nanoTime();
            }
            lag.recordValue(Math.max(0, (now - intended) / 1000));
            slot.send(i, intended)
                    .subscribe(status -> tally.status(status, intended), error -> tally.error(error, intended));
        }
        long deadline = System.nanoTime() + client.timeout().plusSeconds(1).toNanos() * 2;
        while (tally.completed() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long completed = tally.completed();
        tally.unfinished(total - completed);
        long end = completed == total ? tally.lastCompletion() : System.nanoTime();
        return new LoadResult(
                label,
                "open",
                rate,
                client.maxConnections(),
                total,
                tally.okCount(),
                tally.errors(),
                tally.okLatencies(),
                tally.allLatencies(),
                lag,
                tally.slowestSeconds(5),
                (end - start) / 1e9);
    }
}
