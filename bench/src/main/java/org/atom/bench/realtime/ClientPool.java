package org.atom.bench.realtime;

import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    record Connected(int attempted, int connected, Map<String, Long> failures, Histogram micros, double seconds) {

        double ratePerSecond() {
            return connected / Math.max(seconds, 1e-9);
        }

        Map<String, Object> summary() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("attempted", attempted);
            map.put("connected", connected);
            map.put("failures", failures);
            map.put("seconds", LoadResult.round(seconds, 2));
            map.put("connectsPerSecond", LoadResult.round(ratePerSecond(), 1));
            map.put("connectMs", Phase.percentiles(micros));
            return map;
        }
    }

    /**
     * Opens every client, at most {@code inFlight} handshakes at a time, each given {@code timeout} to get its
     * {@code connected} event; failures are counted by kind, never retried.
     */
    static Connected connect(
            List<RealtimeClient> clients, Function<RealtimeClient, HttpClient> httpOf, int inFlight, Duration timeout) {
        long start = System.nanoTime();
        Map<String, Long> failures = new TreeMap<>();
        Histogram micros = new Histogram(3);
        List<Map.Entry<RealtimeClient, String>> outcomes = Flux.fromIterable(clients)
                .flatMap(
                        client -> Mono.defer(() -> client.open(httpOf.apply(client), timeout))
                                .map(outcome -> Map.entry(client, outcome)),
                        inFlight)
                .collectList()
                .block(timeout.multipliedBy(2).plus(timeout.multipliedBy(clients.size() / Math.max(1, inFlight))));
        double seconds = (System.nanoTime() - start) / 1e9;
        int connected = 0;
        for (Map.Entry<RealtimeClient, String> outcome : outcomes) {
            if (outcome.getValue().equals("connected")) {
                connected++;
                micros.recordValue(outcome.getKey().connectMicros());
            } else {
                String kind = outcome.getValue();
                failures.merge(kind.length() > 120 ? kind.substring(0, 120) : kind, 1L, Long::sum);
            }
        }
        return new Connected(clients.size(), connected, failures, micros, seconds);
    }

    @Override
    public void close() {
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
