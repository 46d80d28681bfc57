package org.atom.bench.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.atom.bench.load.HttpLoadClient;
import org.atom.bench.load.LoadResult;
import org.atom.bench.load.OpenLoad;
import reactor.core.publisher.Mono;

/**
 * One phase of writes — task {@code g} (0 … total − 1) belongs to user {@code g % users}, its title is
 * {@code rt <phase> <g>} — and what every client received of them. The sender records each write's intended start,
 * actual start, completion and status; each client's {@code task:created} frames are checked against that:
 *
 * <ul>
 *   <li>latency from the write's <em>intended</em> start to the receipt (coordinated omission corrected: a late
 *       write counts its wait), and from the task's {@code createdAt} (task-service's clock at the insert) to the
 *       receipt, per protocol, first receipt of each event only;
 *   <li>missed (a successful write of the client's user never received), duplicates, events of another user
 *       (must never happen), events of failed writes, frames of another phase;
 *   <li>order: an event received after the event of a write that <em>started</em> after its own write had
 *       completed is out of order (writes that do not overlap commit in send order, and realtime-service must keep
 *       commit order); overlapping writes of one user may commit either way: arrivals out of send order are
 *       counted apart ({@code reorderedVsSendOrder}), as information.
 * </ul>
 */
final class Phase implements RealtimeClient.Listener {

    private static final String TITLE = "\"title\":\"rt ";
    private static final String CREATED_AT = "\"createdAt\":\"";

    final int id;
    final int users;
    final int total;
    private final AtomicLongArray intended;
    private final AtomicLongArray started;
    private final AtomicLongArray completed;
    private final AtomicIntegerArray status;
    private final Receipts[] receipts;
    private final Map<RealtimeClient.Protocol, Recorder> fromIntended = new EnumMap<>(RealtimeClient.Protocol.class);
    private final Map<RealtimeClient.Protocol, Recorder> fromCreatedAt = new EnumMap<>(RealtimeClient.Protocol.class);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastReceipt = new AtomicLong();
    /** wall clock and nanoTime read together, to turn a receipt's nanoTime into wall-clock µs */
    private final long baseWallMicros;

    private final long baseNanos;

    Phase(int id, int users, int total, List<RealtimeClient> clients) {
        this.id = id;
        this.users = users;
        this.total = total;
        this.intended = new AtomicLongArray(total);
        this.started = new AtomicLongArray(total);
        this.completed = new AtomicLongArray(total);
        this.status = new AtomicIntegerArray(total);
        // indexed by the client's number, which is its place among all the clients of a step, connected or not
        this.receipts =
                new Receipts[clients.stream().mapToInt(c -> c.index).max().orElse(-1) + 1];
        for (RealtimeClient client : clients) {
            receipts[client.index] = new Receipts();
        }
        for (RealtimeClient.Protocol protocol : RealtimeClient.Protocol.values()) {
            fromIntended.put(protocol, new Recorder(3));
            fromCreatedAt.put(protocol, new Recorder(3));
        }
        Instant now = Instant.now();
        this.baseNanos = System.nanoTime();
        this.baseWallMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** The body of write {@code g}. */
    String body(long g) {
        return "{\"title\":\"rt " + id + " " + g
                + "\",\"description\":\"Created by bench/run (realtime)\",\"priority\":\"medium\",\"tags\":[\"bench\"]}";
    }

    int userOf(long g) {
        return (int) (g % users);
    }

    /**
     * Creates the phase's tasks at {@code rate} for {@code duration} (open model, users in turn), each as its
     * user ({@code tokens[user]}), through {@code http} ({@code POST /api/tasks}).
     */
    LoadResult createTasks(HttpLoadClient http, String[] tokens, double rate, Duration duration)
            throws InterruptedException {
        return OpenLoad.runSlots(
                "writes",
                http,
                (g, intended) -> write(
                        g,
                        intended,
                        user -> http.postJson("/api/tasks", tokens[user], body(g))
                                .send()),
                rate,
                duration);
    }

    /**
     * The write for slot {@code g} of an open-model run: {@code post} sends it (as the slot's user) and emits its
     * status; its timing and outcome are recorded here.
     */
    Mono<Integer> write(long g, long intendedNanos, IntFunction<Mono<Integer>> post) {
        int i = (int) g;
        intended.set(i, intendedNanos);
        started.set(i, System.nanoTime());
        return post.apply(userOf(g))
                .doOnNext(code -> {
                    status.set(i, code);
                    completed.set(i, System.nanoTime());
                })
                .doOnError(error -> {
                    status.set(i, -1);
                    completed.set(i, System.nanoTime());
                });
    }

    @Override
    public void taskCreated(RealtimeClient client, String frame, long receivedNanos) {
        Receipts r = receipts[client.index];
        int title = frame.indexOf(TITLE);
        if (title < 0) {
            r.stray();
            return;
        }
        int from = title + TITLE.length();
        int space = frame.indexOf(' ', from);
        int quote = frame.indexOf('"', from);
        if (space < 0 || quote < space) {
            r.stray();
            return;
        }
        long g;
        try {
            if (Integer.parseInt(frame, from, space, 10) != id) {
                r.stray();
                return;
            }
            g = Long.parseLong(frame, space + 1, quote, 10);
        } catch (NumberFormatException e) {
            r.stray();
            return;
        }
        if (g < 0 || g >= total) {
            r.stray();
            return;
        }
        if (userOf(g) != client.user) {
            r.foreign();
            return;
        }
        if (!r.received((int) g, (int) (g / users))) {
            return; // a duplicate: counted, its latency not recorded again
        }
        delivered.incrementAndGet();
        lastReceipt.accumulateAndGet(receivedNanos, Math::max);
        long intendedNanos = intended.get((int) g);
        fromIntended.get(client.protocol).recordValue(Math.max(1, (receivedNanos - intendedNanos) / 1000));
        int created = frame.indexOf(CREATED_AT, quote);
        if (created >= 0) {
            int start = created + CREATED_AT.length();
            int end = frame.indexOf('"', start);
            try {
                Instant at = Instant.parse(frame.substring(start, end));
                long createdMicros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
                long receivedMicros = baseWallMicros + (receivedNanos - baseNanos) / 1000;
                fromCreatedAt.get(client.protocol).recordValue(Math.max(1, receivedMicros - createdMicros));
            } catch (RuntimeException e) {
                // no createdAt: only the latency from the intended start
            }
        }
    }

    /** First receipts so far, every client together. */
    long delivered() {
        return delivered.get();
    }

    /**
     * First receipts per second, from the first write's intended start to the last first receipt (NaN before any
     * receipt).
     */
    double deliveriesPerSecond() {
        long last = lastReceipt.get();
        return last == 0 ? Double.NaN : delivered.get() / ((last - intended.get(0)) / 1e9);
    }

    boolean succeeded(int g) {
        int code = status.get(g);
        return code >= 200 && code < 300;
    }

    /** Deliveries the clients should get: per successful write, one per connected client of its user. */
    long expected(List<RealtimeClient> clients) {
        long[] perUser = new long[users];
        for (int g = 0; g < total; g++) {
            if (succeeded(g)) {
                perUser[userOf(g)]++;
            }
        }
        long expected = 0;
        for (RealtimeClient client : clients) {
            expected += perUser[client.user];
        }
        return expected;
    }

    Histogram latencyFromIntended(RealtimeClient.Protocol protocol) {
        return fromIntended.get(protocol).getIntervalHistogram();
    }

    Histogram latencyFromCreatedAt(RealtimeClient.Protocol protocol) {
        return fromCreatedAt.get(protocol).getIntervalHistogram();
    }

    /** What every client got, checked against the writes: sums, and the clients with a problem (at most 20). */
    Check check(List<RealtimeClient> clients) {
        Check check = new Check();
        for (RealtimeClient client : clients) {
            Receipts r = receipts[client.index];
            synchronized (r) {
                long expected = 0;
                long missed = 0;
                long ofFailedWrites = 0;
                for (int g = client.user; g < total; g += users) {
                    if (succeeded(g)) {
                        expected++;
                        if (!r.seen.get(g / users)) {
                            missed++;
                        }
                    } else if (r.seen.get(g / users)) {
                        ofFailedWrites++;
                    }
                }
                long outOfOrder = 0;
                long reordered = 0;
                long minLaterCompletion = Long.MAX_VALUE;
                for (int k = r.count - 1; k >= 0; k--) {
                    int g = r.order[k];
                    if (minLaterCompletion < started.get(g)) {
                        outOfOrder++;
                    }
                    long done = completed.get(g);
                    if (done != 0) {
                        minLaterCompletion = Math.min(minLaterCompletion, done);
                    }
                }
                int highest = -1;
                for (int k = 0; k < r.count; k++) {
                    if (r.order[k] < highest) {
                        reordered++;
                    }
                    highest = Math.max(highest, r.order[k]);
                }
                check.clients++;
                check.expected += expected;
                check.received += r.count;
                check.missed += missed;
                check.duplicates += r.duplicates;
                check.outOfOrder += outOfOrder;
                check.reordered += reordered;
                check.foreign += r.foreign;
                check.ofFailedWrites += ofFailedWrites;
                check.stray += r.stray;
                String closed = client.serverClose();
                if (closed != null) {
                    check.closedByServer.merge(closed.length() > 80 ? closed.substring(0, 80) : closed, 1L, Long::sum);
                }
                if ((missed > 0 || r.duplicates > 0 || outOfOrder > 0 || r.foreign > 0 || closed != null)
                        && check.problems.size() < 20) {
                    Map<String, Object> problem = new LinkedHashMap<>();
                    problem.put("client", client.index);
                    problem.put("protocol", client.protocol.label);
                    problem.put("user", client.user);
                    problem.put("expected", expected);
                    problem.put("missed", missed);
                    problem.put("duplicates", r.duplicates);
                    problem.put("outOfOrder", outOfOrder);
                    problem.put("foreign", r.foreign);
                    problem.put("closedByServer", closed);
                    check.problems.add(problem);
                }
            }
        }
        return check;
    }

    /** The sums of {@link #check}. */
    static final class Check {
        long clients;
        long expected;
        long received;
        long missed;
        long duplicates;
        long outOfOrder;
        long reordered;
        long foreign;
        long ofFailedWrites;
        long stray;
        final Map<String, Long> closedByServer = new LinkedHashMap<>();
        final List<Map<String, Object>> problems = new ArrayList<>();

        boolean clean() {
            return missed == 0 && duplicates == 0 && outOfOrder == 0 && foreign == 0 && closedByServer.isEmpty();
        }

        Map<String, Object> summary() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("clients", clients);
            map.put("expectedDeliveries", expected);
            map.put("receivedDistinct", received);
            map.put("missed", missed);
            map.put("duplicates", duplicates);
            map.put("outOfOrder", outOfOrder);
            map.put("reorderedVsSendOrder", reordered);
            map.put("otherUsersEvents", foreign);
            map.put("eventsOfFailedWrites", ofFailedWrites);
            map.put("framesOfOtherPhases", stray);
            map.put("clientsClosedByServer", closedByServer);
            return map;
        }
    }

    /** What one client received: guarded by itself (written on its event loop, read after the phase). */
    private static final class Receipts {
        final BitSet seen = new BitSet();
        int[] order = new int[64];
        int count;
        long duplicates;
        long foreign;
        long stray;

        synchronized boolean received(int g, int k) {
            if (seen.get(k)) {
                duplicates++;
                return false;
            }
            seen.set(k);
            if (count == order.length) {
                order = java.util.Arrays.copyOf(order, count * 2);
            }
            order[count++] = g;
            return true;
        }

        synchronized void foreign() {
            foreign++;
        }

        synchronized void stray() {
            stray++;
        }
    }

    /** p50/p99/p99.9/max of a µs histogram, in ms. */
    static Map<String, Object> percentiles(Histogram histogram) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", histogram.getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            String label = p == 100 ? "max" : p == Math.rint(p) ? "p" + (long) p : "p" + p;
            map.put(
                    label,
                    histogram.getTotalCount() == 0
                            ? Double.NaN
                            : LoadResult.round(histogram.getValueAtPercentile(p) / 1000.0, 2));
        }
        return map;
    }
}
