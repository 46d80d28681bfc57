package org.atom.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import org.atom.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Where a route's circuit breaker forwards when its service cannot answer: a 503 problem, at once. */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    ResponseEntity<Map<String, Object>> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        LinkedHashSet<URI> original = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        String path = original == null || original.isEmpty()
                ? exchange.getRequest().getPath().value()
                : original.iterator().next().getPath();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", "5")
                .body(Problems.body(
                        HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable, try again shortly", path));
    }
}
