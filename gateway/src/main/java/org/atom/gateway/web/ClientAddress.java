package org.atom.gateway.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who the client is and which address it called: the peer, or the first {@code X-Forwarded-For} entry when the
 * peer is a trusted proxy ({@code atom.gateway.trusted-proxies}). The gateway's rate limits count this address, and
 * it is exactly what services receive as {@code X-Forwarded-For}, so a client cannot choose the address
 * auth-service's login throttle counts. Services also receive {@code X-Forwarded-Proto/Host/Port} as the client
 * called the gateway (or as a trusted proxy in front of it states them), so the links they build (paging
 * {@code Link}, {@code Location}) point at the gateway. Spring Cloud Gateway's own X-Forwarded filter is off
 * without its {@code trusted-proxies} setting and would otherwise trust headers by a second rule.
 */
public class ClientAddress implements HttpHeadersFilter, Ordered {

    public static final String HEADER = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto", HOST = "X-Forwarded-Host", PORT = "X-Forwarded-Port";

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
        if (forwarded != null && isTrustedProxy(request)) {
            return forwarded.split(",")[0].trim();
        }
        return peer;
    }

    /** Sets the headers on the proxied request, after the gateway's own forwarded-header handling. */
    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.set(HEADER, resolve(request));
        URI called = request.getURI();
        int port = called.getPort() != -1 ? called.getPort() : "https".equals(called.getScheme()) ? 443 : 80;
        headers.set(PROTO, fromTrustedProxy(request, PROTO, called.getScheme()));
        headers.set(HOST, fromTrustedProxy(request, HOST, called.getAuthority()));
        headers.set(PORT, fromTrustedProxy(request, PORT, Integer.toString(port)));
        return headers;
    }

    /** A trusted proxy's statement of the header, else what the gateway itself saw. */
    private String fromTrustedProxy(ServerHttpRequest request, String header, String own) {
        String stated = request.getHeaders().getFirst(header);
        if (stated != null && !stated.isBlank() && isTrustedProxy(request)) {
            return stated.split(",")[0].trim();
        }
        return own;
    }

    private boolean isTrustedProxy(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return trustedProxies != null
                && remote != null
                && remote.getAddress() != null
                && trustedProxies.matcher(remote.getAddress().getHostAddress()).matches();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
