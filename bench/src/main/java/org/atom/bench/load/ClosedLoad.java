package org.atom.bench.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Closed-model load for saturation throughput: {@code connections} workers, each sending its next request as soon as
 * the previous one completed, for a fixed time. Its latencies are service times under saturation (a closed loop
 * cannot see the queueing an open arrival stream would); the number it is for is the throughput.
 */
public final class ClosedLoad {

    /** Where a worker's next request is sent after an error, so that errors completing at once cannot recurse. */
    private static final ExecutorService AFTER_ERROR = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bench-closed-load-retry");
        thread.setDaemon(true);
        return thread;
    });

    private ClosedLoad() {}

    /**
     * Runs {@code connections} workers for {@code duration}; worker {@code i} sends {@code callOfWorker.apply(i)}
     * (e.g. as its own user). The client's pool must allow that many connections.
     */
    public static LoadResult run(
            String label, HttpLoadClient client, IntFunction<Call> callOfWorker, int connections, Duration duration)
            throws InterruptedException {
        if (connections > client.maxConnections()) {
            throw new IllegalArgumentException(
                    connections + " workers but only " + client.maxConnections() + " connections in the pool");
        }
        Tally tally = new Tally();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        long[] sent = new long[connections];
        for (int i = 0; i < connections; i++) {
            new Worker(callOfWorker.apply(i), tally, deadline, done, sent, i).next();
        }
        if (!done.await(
                duration.toNanos() + client.timeout().toNanos() * 2 + TimeUnit.SECONDS.toNanos(5),
                TimeUnit.NANOSECONDS)) {
            tally.unfinished(done.getCount());
        }
        long total = 0;
        for (long s : sent) {
            total += s;
        }
        return new LoadResult(
                label,
                "closed",
                0,
                connections,
                total,
                tally.okCount(),
                tally.errors(),
                tally.okLatencies(),
                tally.allLatencies(),
                null,
                null,
                (Math.max(tally.lastCompletion(), deadline) - start) / 1e9);
    }

    private record Worker(Call call, Tally tally, long deadline, CountDownLatch done, long[] sent, int index) {
        void next() {
            long start = System.nanoTime();
            if (start >= deadline) {
                done.countDown();
                return;
            }
            sent[index]++;
            call.send()
                    .subscribe(
                            status -> {
                                tally.status(status, start);
                                next();
                            },
                            error -> {
                                tally.error(error, start);
                                AFTER_ERROR.execute(this::next);
                            });
        }
    }
}
