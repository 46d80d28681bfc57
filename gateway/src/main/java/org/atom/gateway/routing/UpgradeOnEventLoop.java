package org.atom.gateway.routing;

import io.netty.channel.EventLoop;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Runs {@code WebsocketRoutingFilter}'s upgrade on the client connection's own event loop. The load balancer's
 * discovery lookup may go on on another thread; Reactor Netty then writes the handshake from the event loop but
 * switches the connection to WebSocket on the calling thread, and a frame the client sends as soon as it has the
 * handshake can be read in between and dropped (reactor-netty#1089): ~10 % of first frames in {@code
 * GatewaySocketsIT}, and Engine.IO clients whose upgrade probe was lost stayed on long-polling for good.
 */
final class UpgradeOnEventLoop implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())
                || !(ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest())
                        instanceof Connection connection)) {
            return chain.filter(exchange);
        }
        EventLoop loop = connection.channel().eventLoop();
        if (loop.inEventLoop()) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.fromExecutor(loop));
    }

    @Override
    public int getOrder() {
        // just before WebsocketRoutingFilter (LOWEST_PRECEDENCE - 1), after the load balancer picked the instance
        return Ordered.LOWEST_PRECEDENCE - 2;
    }
}
