package org.atom.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * On the Socket.IO route, once the load balancer picked a realtime-service instance: sends the request to the
 * instance's Socket.IO port when it advertises one (Eureka metadata {@code socketio-port}), and pins the client to
 * that instance with the load balancer's sticky-session cookie.
 */
class SocketIoInstanceFilter implements GlobalFilter, Ordered {

    static final String PORT_METADATA = "socketio-port";
    static final String AFFINITY_COOKIE = "sc-lb-instance-id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Response<ServiceInstance> chosen = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (route == null
                || !GatewayRoutes.SOCKET_IO_ROUTE.equals(route.getId())
                || chosen == null
                || !chosen.hasServer()) {
            return chain.filter(exchange);
        }
        ServiceInstance instance = chosen.getServer();
        String port = instance.getMetadata().get(PORT_METADATA);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (port != null && url != null) {
            exchange.getAttributes()
                    .put(
                            GATEWAY_REQUEST_URL_ATTR,
                            UriComponentsBuilder.fromUri(url)
                                    .port(Integer.parseInt(port))
                                    .build(true)
                                    .toUri());
        }
        if (instance.getInstanceId() != null) {
            exchange.getResponse()
                    .addCookie(ResponseCookie.from(AFFINITY_COOKIE, instance.getInstanceId())
                            .path("/socket.io")
                            .httpOnly(true)
                            .sameSite("Lax")
                            .build());
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
