package org.atom.gateway.web;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who the client is: the peer, or the first {@code X-Forwarded-For} entry when the peer is a trusted proxy
 * ({@code atom.gateway.trusted-proxies}). The gateway's rate limits count this address, and it is exactly what
 * services receive as {@code X-Forwarded-For} (the gateway's own appending is off), so a client cannot choose the
 * address auth-service's login throttle counts.
 */
public class ClientAddress implements HttpHeadersFilter, Ordered {

    public static final String HEADER = "X-Forwarded-For";

    private final Pattern trustedProxies;

    public ClientAddress(String trustedProxies) {
        this.trustedProxies =
                trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    public String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        String forwarded = request.getHeaders().getFirst(HEADER);
        if (trustedProxies != null
                && forwarded != null
                && trustedProxies.matcher(peer).matches()) {
            return forwarded.split(",")[0].trim();
        }
        return peer;
    }

    /** Sets the header on the proxied request, after the gateway's own forwarded-header handling. */
    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set(HEADER, resolve(exchange.getRequest()));
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
