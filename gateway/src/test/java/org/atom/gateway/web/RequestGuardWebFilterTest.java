package org.atom.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which body limit applies where; the integration tests show the same through real connections. */
class RequestGuardWebFilterTest {

    private static final long MB = 1024 * 1024;

    private final RequestGuardWebFilter guard =
            new RequestGuardWebFilter(MB, Map.of("/api/calendar/import", 5 * MB, "/api/tasks/*/files/**", 2 * MB));

    @Test
    void anUploadPathHasItsOwnLimitAndEveryOtherPathTheGeneralOne() {
        assertThat(guard.maxBodyBytes("/api/calendar/import")).isEqualTo(5 * MB);
        assertThat(guard.maxBodyBytes("/api/calendar/import/")).isEqualTo(5 * MB);
        assertThat(guard.maxBodyBytes("/api/tasks/42/files/a/b")).isEqualTo(2 * MB);
        assertThat(guard.maxBodyBytes("/api/calendar/events")).isEqualTo(MB);
        assertThat(guard.maxBodyBytes("/api/calendar/import/more")).isEqualTo(MB);
        assertThat(guard.maxBodyBytes("/api/calendar")).isEqualTo(MB);
    }

    @Test
    void aDeclaredLengthIsJudgedByThePathsLimitAndTheProblemStatesIt() {
        assertThat(declared("/api/calendar/import", 5 * MB).passed()).isTrue();

        Outcome over = declared("/api/calendar/import", 5 * MB + 1);
        assertThat(over.passed()).isFalse();
        assertThat(over.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(over.body()).contains("larger than 5242880 bytes");

        Outcome elsewhere = declared("/api/calendar/events", MB + 1);
        assertThat(elsewhere.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(elsewhere.body()).contains("larger than 1048576 bytes");
    }

    @Test
    void aChunkedBodyIsCountedAgainstThePathsLimit() {
        assertThat(chunked("/api/calendar/import", 3 * MB).status()).isNull();

        Outcome over = chunked("/api/calendar/import", 5 * MB + 1);
        assertThat(over.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(over.body()).contains("larger than 5242880 bytes");

        assertThat(chunked("/api/calendar/events", MB + 1).body()).contains("larger than 1048576 bytes");
    }

    @Test
    void aRefusedBodyIsReadToItsEndBeforeThe413UnlessItIsAbsurdlyLarge() {
        // the 413 closes the connection; closing on unread data resets it, and the client loses the response
        assertThat(declaredBodyRead("/api/calendar/import", 5 * MB + 1)).isTrue();
        assertThat(declaredBodyRead("/api/calendar/events", 16 * MB)).isTrue();
        assertThat(declaredBodyRead("/api/calendar/events", 16 * MB + 1)).isFalse();
    }

    @Test
    void dotSegmentsAndActuatorsAreRefusedOnUploadPathsToo() {
        assertThat(declared("/api/calendar/%2e%2e/import", 1).status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(declared("/api/calendar/actuator/env", 1).status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private record Outcome(boolean passed, HttpStatus status, String body) {}

    private Outcome declared(String path, long length) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.POST, URI.create(path))
                        .contentLength(length)
                        .build());
        boolean[] passed = {false};
        guard.filter(exchange, e -> {
                    passed[0] = true;
                    return Mono.empty();
                })
                .block();
        return outcome(exchange, passed[0]);
    }

    private boolean declaredBodyRead(String path, long length) {
        boolean[] read = {false};
        Flux<DataBuffer> body = Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[16]))
                .doOnComplete(() -> read[0] = true);
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.POST, URI.create(path))
                        .contentLength(length)
                        .body(body));
        guard.filter(exchange, e -> Mono.error(new AssertionError("passed"))).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        return read[0];
    }

    /** A body without Content-Length, in 64 KiB chunks, read to the end by the next filter. */
    private Outcome chunked(String path, long length) {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        int chunk = 64 * 1024;
        Flux<DataBuffer> body = Flux.range(0, (int) ((length + chunk - 1) / chunk))
                .map(i -> buffers.wrap(new byte[(int) Math.min(chunk, length - (long) i * chunk)]));
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.post(path).body(body));
        guard.filter(
                        exchange,
                        e -> DataBufferUtils.join(e.getRequest().getBody())
                                .doOnNext(DataBufferUtils::release)
                                .then())
                .block();
        return outcome(exchange, true);
    }

    private static Outcome outcome(MockServerWebExchange exchange, boolean passed) {
        HttpStatus status = (HttpStatus) exchange.getResponse().getStatusCode();
        String body =
                status == null ? "" : exchange.getResponse().getBodyAsString().block();
        return new Outcome(passed && status == null, status, body);
    }
}
