package org.atom.gateway.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses what must never reach a service: bodies over the limit (413, by {@code Content-Length} or while a chunked
 * body streams), paths with dot segments that a service would normalise into somewhere else, and any service's
 * actuator endpoints (404). The body limit is the first matching path's own limit, else the general one. A refused
 * body of up to twice the limit (at least 16 MB) is read to its end and dropped before the 413, which closes the
 * connection: closing on unread data resets the connection, and a client still sending lost the 413 with it.
 */
public class RequestGuardWebFilter implements WebFilter, Ordered {

    /** How long the gateway keeps reading a refused body that a client is still sending. */
    private static final Duration DISCARD_TIME = Duration.ofSeconds(10);

    private static final long READ_TO_END_MIN_BYTES = 16L * 1024 * 1024;

    private final long maxBodyBytes;
    private final List<PathLimit> pathLimits;

    /**
     * @param maxBodyBytes the general body limit
     * @param pathLimits path pattern → its body limit, in the order they are tried
     */
    public RequestGuardWebFilter(long maxBodyBytes, Map<String, Long> pathLimits) {
        this.maxBodyBytes = maxBodyBytes;
        PathPatternParser parser = new PathPatternParser();
        this.pathLimits = pathLimits.entrySet().stream()
                .map(limit -> new PathLimit(parser.parse(limit.getKey()), limit.getValue()))
                .toList();
    }

    private record PathLimit(PathPattern pattern, long maxBodyBytes) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawPath = request.getURI().getRawPath();
        if (hasDotSegment(rawPath)) {
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "The path contains dot segments");
        }
        if (rawPath.startsWith("/api/")
                && List.of(rawPath.toLowerCase().split("/")).contains("actuator")) {
            return Problems.write(exchange, HttpStatus.NOT_FOUND, "No such resource");
        }
        long limit = maxBodyBytes(rawPath);
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            Mono<Void> refused = tooLarge(exchange, limit);
            return declared <= readToEnd(limit) ? discard(request.getBody()).then(refused) : refused;
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        // no Content-Length (chunked): count while the body streams; past the limit, drop the rest and fail at its
        // end (at once if it is absurdly large)
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody()
                        .<DataBuffer>handle((buffer, sink) -> {
                            seen[0] += buffer.readableByteCount();
                            if (seen[0] <= limit) {
                                sink.next(buffer);
                                return;
                            }
                            DataBufferUtils.release(buffer);
                            if (seen[0] > readToEnd(limit)) {
                                sink.error(new BodyTooLarge());
                            }
                        })
                        .concatWith(Mono.defer(() -> seen[0] > limit ? Mono.error(new BodyTooLarge()) : Mono.empty()));
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(BodyTooLarge.class, e -> tooLarge(exchange, limit));
    }

    /**
     * Matched as the routes' path predicates match: on the raw path, and without its trailing slash if that is what
     * matches.
     */
    long maxBodyBytes(String rawPath) {
        PathContainer path = PathContainer.parsePath(rawPath);
        PathContainer withoutSlash = rawPath.length() > 1 && rawPath.endsWith("/")
                ? PathContainer.parsePath(rawPath.substring(0, rawPath.length() - 1))
                : null;
        for (PathLimit limit : pathLimits) {
            if (limit.pattern().matches(path)
                    || (withoutSlash != null && limit.pattern().matches(withoutSlash))) {
                return limit.maxBodyBytes();
            }
        }
        return maxBodyBytes;
    }

    /** A refused body up to this size is read to its end before the 413: twice the limit, at least 16 MB. */
    private static long readToEnd(long limit) {
        return Math.max(2 * limit, READ_TO_END_MIN_BYTES);
    }

    /** Reads the rest of a refused body and drops it, for a bounded time. */
    private static Mono<Void> discard(Flux<DataBuffer> body) {
        return body.doOnNext(DataBufferUtils::release)
                .then()
                .timeout(DISCARD_TIME)
                .onErrorComplete();
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return Problems.write(
                exchange, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes");
    }

    private static boolean hasDotSegment(String rawPath) {
        String decoded = rawPath.replace("%2e", ".")
                .replace("%2E", ".")
                .replace("%2f", "/")
                .replace("%2F", "/");
        for (String segment : decoded.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Right after the request id, before security does any work for a request that cannot pass. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
