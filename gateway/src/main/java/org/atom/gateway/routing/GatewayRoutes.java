package org.atom.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.gateway.GatewayProperties;
import org.atom.gateway.web.ClientAddress;
import org.atom.gateway.web.RequestGuardWebFilter;
import org.atom.gateway.web.RequestIdWebFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes built from {@code atom.gateway.services}: every REST area to {@code lb://<service>} behind a circuit
 * breaker whose fallback is a quick problem+json 503 (also for services that are not running), with timeouts and
 * retries of GETs only; each {@code atom.gateway.uploads} path likewise to its service, ahead of that service's
 * general route, with its own response timeout; the socket paths to realtime-service with none of those
 * (long-polling holds a request for ~25 s); each service's OpenAPI document under {@code /api-docs/<service>} for
 * the Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = GatewayRoutes.REALTIME, configuration = StickySessionLoadBalancing.class)
public class GatewayRoutes {

    public static final String REALTIME = "realtime-service";
    public static final String SOCKET_IO_ROUTE = "realtime-socket-io";
    static final List<String> SOCKET_IO_PATHS = List.of("/socket.io/**");
    static final List<String> WEBSOCKET_PATHS = List.of("/ws", "/ws/**");

    @Bean
    RouteLocator gatewayRouteLocator(RouteLocatorBuilder builder, GatewayProperties gateway) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        long responseTimeout = gateway.responseTimeout().toMillis();
        long connectTimeout = gateway.connectTimeout().toMillis();
        for (Map.Entry<String, UploadRoute> upload : uploadRoutes(gateway).entrySet()) {
            UploadRoute route = upload.getValue();
            // before every service's general route (order 0), which would match the path too
            restRoute(
                    routes,
                    upload.getKey(),
                    route.service(),
                    -1,
                    List.of(route.path()),
                    route.responseTimeout().toMillis(),
                    connectTimeout);
        }
        for (Map.Entry<String, List<String>> area : gateway.services().entrySet()) {
            String service = area.getKey();
            restRoute(routes, service, service, 0, area.getValue(), responseTimeout, connectTimeout);
            routes.route(
                    service + "-api-docs",
                    r -> r.path("/api-docs/" + service)
                            .filters(f -> f.setPath("/v3/api-docs")
                                    .circuitBreaker(
                                            cb -> cb.setName(service).setFallbackUri("forward:/fallback/" + service)))
                            .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeout)
                            .uri("lb://" + service));
        }
        // -1: no response timeout; no circuit breaker, no retry on the socket routes
        routes.route(
                SOCKET_IO_ROUTE,
                r -> r.path(SOCKET_IO_PATHS.toArray(String[]::new))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1)
                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeout)
                        .uri("lb://" + REALTIME));
        routes.route(
                "realtime-ws",
                r -> r.path(WEBSOCKET_PATHS.toArray(String[]::new))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1)
                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeout)
                        .uri("lb://" + REALTIME));
        return routes.build();
    }

    /**
     * A REST route to {@code lb://<service>}: its own circuit breaker (named as the route) with the quick 503
     * fallback, GETs retried.
     */
    private static void restRoute(
            RouteLocatorBuilder.Builder routes,
            String id,
            String service,
            int order,
            List<String> paths,
            long responseTimeout,
            long connectTimeout) {
        routes.route(
                id,
                r -> r.order(order)
                        .path(paths.toArray(String[]::new))
                        .filters(f -> f.circuitBreaker(
                                        cb -> cb.setName(id).setFallbackUri("forward:/fallback/" + service))
                                // RetryGatewayFilterFactory retries GET only, on 5xx and I/O errors
                                .retry(2))
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeout)
                        .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeout)
                        .uri("lb://" + service));
    }

    /** An upload path's route: to the service owning the path, with the upload's response timeout. */
    record UploadRoute(String path, String service, Duration responseTimeout) {}

    /** Route id ({@code <service>-upload-<n>}, also its circuit breaker's name) → route, in configuration order. */
    static Map<String, UploadRoute> uploadRoutes(GatewayProperties gateway) {
        Map<String, UploadRoute> routes = new LinkedHashMap<>();
        int n = 0;
        for (GatewayProperties.Upload upload : gateway.uploads()) {
            String service = gateway.serviceOf(upload);
            routes.put(
                    service + "-upload-" + ++n,
                    new UploadRoute(upload.path(), service, gateway.responseTimeoutOf(upload)));
        }
        return routes;
    }

    @Bean
    UpgradeOnEventLoop upgradeOnEventLoop() {
        return new UpgradeOnEventLoop();
    }

    @Bean
    SocketIoInstanceFilter socketIoInstanceFilter() {
        return new SocketIoInstanceFilter();
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    ClientAddress clientAddress(GatewayProperties gateway) {
        return new ClientAddress(gateway.trustedProxies());
    }

    @Bean
    RequestGuardWebFilter requestGuardWebFilter(GatewayProperties gateway) {
        Map<String, Long> uploadLimits = new LinkedHashMap<>();
        for (GatewayProperties.Upload upload : gateway.uploads()) {
            uploadLimits.put(upload.path(), gateway.maxBodySizeOf(upload).toBytes());
        }
        return new RequestGuardWebFilter(gateway.maxBodySize().toBytes(), uploadLimits);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
