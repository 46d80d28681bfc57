package org.atom.gateway;

import org.atom.testkit.TestHttp;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the gateway's integration tests: one gateway context on a random port, shared by all of them, in front
 * of {@link GatewaySuite}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.register-with-eureka=false",
            "eureka.client.registry-fetch-interval-seconds=1",
            "spring.cloud.loadbalancer.cache.ttl=1s",
            "atom.gateway.rate-limits.auth.capacity=5",
            "atom.gateway.rate-limits.auth.period=1m",
            // test-sized, so that GatewayUploadsIT shows an upload route outlasting it (its own is 2 minutes)
            "atom.gateway.response-timeout=2s"
        })
abstract class GatewayIT {

    static {
        GatewaySuite.start();
    }

    @LocalServerPort
    int port;

    TestHttp http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("eureka.client.service-url.defaultZone", () -> GatewaySuite.EUREKA_URL);
        registry.add("atom.security.issuers[0].uri", () -> TestJwtIssuer.get().issuer());
        registry.add(
                "atom.security.issuers[0].jwk-set-uri",
                () -> TestJwtIssuer.get().jwksUri());
    }

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }
}
