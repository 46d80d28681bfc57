package org.atom.bench.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-model load: requests at a constant arrival rate whatever the responses do, with latency measured from each
 * request's <em>intended</em> start (its slot in the schedule), so that coordinated omission is corrected. A request
 * the server makes wait — or that waits for a connection, or that the generator itself sent late — counts the whole
 * wait; no slot is skipped when the server stalls. The generator's own lateness is reported separately, to show it kept
 * up.
 */
public final class OpenLoad {

    private OpenLoad() {}

    /**
     * Sends {@code rate × duration} requests, one every {@code 1/rate} seconds, then waits for the stragglers up to
     * the client's timeout (plus a second); those still missing are counted as errors.
     */
    public static LoadResult run(String label, HttpLoadClient client, Call call, double rate, Duration duration)
            throws InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        Tally tally = new Tally();
        Histogram lag = new Histogram(3);
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
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
            call.send().subscribe(status -> tally.status(status, intended), error -> tally.error(error, intended));
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
                (end - start) / 1e9);
    }
}
