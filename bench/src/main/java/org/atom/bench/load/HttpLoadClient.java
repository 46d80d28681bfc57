package org.atom.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The load generator's HTTP client: Reactor Netty on one event-loop thread, HTTP/1.1 keep-alive, a bounded pool of
 * connections. A request that finds every connection busy waits in the pool's queue (its wait counts in its latency,
 * which the generators measure from the request's intended start); waiting longer than the timeout, or a response
 * slower than it, fails the request and is counted as an error.
 */
public final class HttpLoadClient implements AutoCloseable {

    private final LoopResources loops;
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final int maxConnections;
    private final Duration timeout;

    public HttpLoadClient(String name, String baseUrl, int maxConnections, Duration timeout) {
        this.maxConnections = maxConnections;
        this.timeout = timeout;
        // one event loop: the generator needs little CPU, and on a 2-core machine every thread competes with the
        // system under test
        this.loops = LoopResources.create("bench-" + name, 1, true);
        this.pool = ConnectionProvider.builder("bench-" + name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(1_000_000)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(60))
                .build();
        this.client = HttpClient.create(pool)
                .runOn(loops)
                .baseUrl(baseUrl)
                .responseTimeout(timeout)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .headers(h -> h.set(HttpHeaderNames.ACCEPT, "application/json"));
    }

    /** {@code GET path} with a bearer token; the body is read whole and dropped. */
    public Call get(String path, String token) {
        Mono<Integer> request = client.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .get()
                .uri(path)
                .responseSingle((response, body) ->
                        body.asByteArray().then(Mono.just(response.status().code())));
        return () -> request;
    }

    /** {@code POST path} with a JSON body (sent with its {@code Content-Length}, as clients do) and a bearer token. */
    public Call postJson(String path, String token, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Mono<Integer> request = client.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length))
                .post()
                .uri(path)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
                .responseSingle((response, content) ->
                        content.asByteArray().then(Mono.just(response.status().code())));
        return () -> request;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
