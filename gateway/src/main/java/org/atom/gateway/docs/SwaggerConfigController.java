package org.atom.gateway.docs;

import java.util.List;
import java.util.Map;
import org.atom.gateway.GatewayProperties;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Swagger UI's configuration (springdoc's {@code config-url}), built per request: one entry per service that
 * has a running instance, each pointing at that service's OpenAPI document routed under {@code /api-docs/}.
 */
@RestController
class SwaggerConfigController {

    private final GatewayProperties gateway;
    private final ReactiveDiscoveryClient discovery;

    SwaggerConfigController(GatewayProperties gateway, ReactiveDiscoveryClient discovery) {
        this.gateway = gateway;
        this.discovery = discovery;
    }

    record Document(String name, String url) {}

    @GetMapping("/swagger-config")
    Mono<Map<String, Object>> swaggerConfig() {
        return Flux.fromIterable(gateway.services().keySet())
                .concatMap(
                        service -> discovery.getInstances(service).hasElements().map(up -> up ? service : ""))
                .filter(service -> !service.isEmpty())
                .map(service -> new Document(service, "/api-docs/" + service))
                .collectList()
                .map(documents -> Map.of("urls", (List<Document>) documents));
    }
}
