package org.atom.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.atom.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class RateLimitWebFilterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void eachUserHasABudgetOfTheirOwnRefilledOverThePeriod() {
        RateLimitWebFilter filter = filter("");

        assertThat(statuses(filter, 3, "/api/tasks", "alice", "10.0.0.1")).containsExactly(null, null, null);
        assertThat(status(filter, "/api/tasks", "alice", "10.0.0.1")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // same address, another user: a budget of its own
        assertThat(status(filter, "/api/tasks", "bob", "10.0.0.1")).isNull();

        now.addAndGet(Duration.ofSeconds(20).toNanos()); // a third of the period: one token back
        assertThat(status(filter, "/api/tasks", "alice", "10.0.0.1")).isNull();
        assertThat(status(filter, "/api/tasks", "alice", "10.0.0.1")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void anonymousRequestsAreLimitedPerClientAddressAndLoginMoreStrictly() {
        RateLimitWebFilter filter = filter("");

        assertThat(statuses(filter, 2, "/api/auth/login", null, "10.0.0.1")).containsExactly(null, null);
        ServerWebExchange limited = exchange("/api/auth/login", null, "10.0.0.1");
        filter.filter(limited, e -> Mono.empty()).block();
        assertThat(limited.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(limited.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("31");

        // another address is another client; logged-in or not, login budgets are per address
        assertThat(status(filter, "/api/auth/login", null, "10.0.0.2")).isNull();
        assertThat(status(filter, "/api/auth/login", "alice", "10.0.0.1")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        RateLimitWebFilter filter = filter("10\\.1\\..*");
        MockServerHttpRequest viaProxy = MockServerHttpRequest.get("/api/tasks")
                .remoteAddress(new InetSocketAddress("10.1.0.5", 40000))
                .header("X-Forwarded-For", "203.0.113.7, 10.1.0.5")
                .build();
        MockServerHttpRequest direct = MockServerHttpRequest.get("/api/tasks")
                .remoteAddress(new InetSocketAddress("198.51.100.9", 40000))
                .header("X-Forwarded-For", "203.0.113.7")
                .build();

        assertThat(filter.clientIp(viaProxy)).isEqualTo("203.0.113.7");
        assertThat(filter.clientIp(direct)).isEqualTo("198.51.100.9");
    }

    private RateLimitWebFilter filter(String trustedProxies) {
        GatewayProperties properties = new GatewayProperties(
                Map.of(),
                List.of(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                DataSize.ofMegabytes(1),
                List.of(),
                new GatewayProperties.RateLimits(
                        new GatewayProperties.Limit(3, Duration.ofMinutes(1)),
                        new GatewayProperties.Limit(2, Duration.ofMinutes(1)),
                        null,
                        null),
                trustedProxies,
                new GatewayProperties.Cors(List.of(), List.of("GET"), Duration.ofHours(1)));
        return new RateLimitWebFilter(properties, new InMemoryRateLimitStore(properties.rateLimits(), now::get));
    }

    private List<HttpStatus> statuses(RateLimitWebFilter filter, int times, String path, String user, String ip) {
        java.util.ArrayList<HttpStatus> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            statuses.add(status(filter, path, user, ip));
        }
        return statuses;
    }

    /** The status the filter set, or null when it let the request through. */
    private HttpStatus status(RateLimitWebFilter filter, String path, String user, String ip) {
        ServerWebExchange exchange = exchange(path, user, ip);
        boolean[] passed = {false};
        filter.filter(exchange, e -> {
                    passed[0] = true;
                    return Mono.empty();
                })
                .block();
        return passed[0]
                ? null
                : HttpStatus.resolve(exchange.getResponse().getStatusCode().value());
    }

    private static ServerWebExchange exchange(String path, String user, String ip) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(path)
                .remoteAddress(new InetSocketAddress(ip, 40000))
                .build());
        if (user == null) {
            return exchange;
        }
        Principal principal = new TestingAuthenticationToken(user, null, "ROLE_USER");
        return exchange.mutate().principal(Mono.just(principal)).build();
    }
}
