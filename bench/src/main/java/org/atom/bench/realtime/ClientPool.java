package org.atom.bench.realtime;

import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.atom.bench.load.LoadResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * The event loops the benchmark's realtime clients share (one per core: a few thousand sockets each) and the
 * WebSocket clients built on them: no connection pool (each client is its own connection), bound to a chosen local
 * address so that many sockets to one server port do not run out of ephemeral ports (32768–60999 per source address
 * and destination).
 */
final class ClientPool implements AutoCloseable {

    private final LoopResources loops;

    ClientPool(String name, int threads) {
        this.loops = LoopResources.create("bench-" + name, threads, true);
    }

    /** A WebSocket client to {@code baseUrl} whose sockets start from {@code localAddress} (e.g. 127.0.0.2). */
    HttpClient client(String baseUrl, String localAddress) {
        return HttpClient.newConnection()
                .runOn(loops)
                .baseUrl(baseUrl)
                .bindAddress(() -> new InetSocketAddress(localAddress, 0))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    }

    /** How connecting a set of clients went. */
    record Connected(
            int attempted, List<RealtimeClient> clients, Map<String, Long> failures, Histogram micros, double seconds) {

        int connected() {
            return clients.size();
        }

        double ratePerSecond() {
            return connected() / Math.max(seconds, 1e-9);
        }

        Map<String, Object> summary() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("attempted", attempted);
            map.put("connected", connected());
            map.put("failures", failures);
            map.put("seconds", LoadResult.round(seconds, 2));
            map.put("connectsPerSecond", LoadResult.round(ratePerSecond(), 1));
            map.put("connectMs", Phase.percentiles(micros));
            return map;
        }
    }

    /**
     * Opens every client, at most {@code inFlight} handshakes at a time, each given {@code timeout} to get its
     * {@code connected} event, all within {@code deadline}; failures are counted by kind, never retried.
     */
    static Connected connect(
            List<RealtimeClient> clients,
            Function<RealtimeClient, HttpClient> httpOf,
            int inFlight,
            Duration timeout,
            Duration deadline) {
        long start = System.nanoTime();
        Map<RealtimeClient, String> outcomes = new ConcurrentHashMap<>();
        try {
            Flux.fromIterable(clients)
                    .flatMap(
                            client -> Mono.defer(() -> client.open(httpOf.apply(client), timeout))
                                    .doOnNext(outcome -> outcomes.put(client, outcome)),
                            inFlight)
                    .blockLast(deadline);
        } catch (IllegalStateException e) {
            // the deadline passed: what did not connect by then failed
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> failures = new TreeMap<>();
        Histogram micros = new Histogram(3);
        List<RealtimeClient> connected = new java.util.ArrayList<>();
        for (RealtimeClient client : clients) {
            String outcome = outcomes.getOrDefault(
                    client, "not connected within the connect phase's " + deadline.toSeconds() + " s");
            if (outcome.equals("connected")) {
                connected.add(client);
                micros.recordValue(client.connectMicros());
            } else {
                failures.merge(outcome.length() > 120 ? outcome.substring(0, 120) : outcome, 1L, Long::sum);
            }
        }
        return new Connected(clients.size(), connected, failures, micros, seconds);
    }

    @Override
    public void close() {
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
