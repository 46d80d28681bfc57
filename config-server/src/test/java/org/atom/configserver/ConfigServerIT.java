package org.atom.configserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged configuration serving the repository's real {@code config/} folder, asked over HTTP like a client. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class ConfigServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Failsafe runs in the module folder; the repository's config/ is its sibling. */
    private static final Path CONFIG_DIR =
            Path.of("..", "config").toAbsolutePath().normalize();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serveTheRepositoryConfigFolder(DynamicPropertyRegistry registry) {
        assertThat(CONFIG_DIR.resolve("application.yml")).isRegularFile();
        registry.add(
                "spring.cloud.config.server.native.search-locations",
                () -> CONFIG_DIR.toUri().toString());
    }

    @Test
    void servesTheSharedApplicationYmlToAService() throws Exception {
        JsonNode environment = getJson("/gateway/default");

        assertThat(environment.path("name").asString()).isEqualTo("gateway");
        JsonNode shared = propertySourceFrom(environment, "application.yml");
        // placeholders travel unresolved: each service resolves EUREKA_URL in its own environment
        assertThat(shared.path("eureka.client.service-url.defaultZone").asString())
                .isEqualTo("${EUREKA_URL:http://localhost:8761/eureka/}");
        assertThat(shared.path("spring.cloud.loadbalancer.cache.ttl").asString())
                .isEqualTo("5s");
        assertThat(shared.path("eureka.client.registry-fetch-interval-seconds").asInt())
                .isEqualTo(5);
    }

    @Test
    void anUnknownApplicationStillGetsTheSharedApplicationYml() throws Exception {
        JsonNode environment = getJson("/no-such-service/default");

        assertThat(environment.path("name").asString()).isEqualTo("no-such-service");
        assertThat(propertySourceFrom(environment, "application.yml")
                        .path("eureka.instance.prefer-ip-address")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void healthAndReadinessAreUp() throws Exception {
        // readiness includes the configServer component: it reads config/ through the native repository
        assertThat(getJson("/actuator/health").path("status").asString()).isEqualTo("UP");
        assertThat(getJson("/actuator/health/readiness").path("status").asString())
                .isEqualTo("UP");
    }

    private static JsonNode propertySourceFrom(JsonNode environment, String fileName) {
        List<String> names = new ArrayList<>();
        for (JsonNode source : environment.path("propertySources")) {
            String name = source.path("name").asString();
            names.add(name);
            if (name.contains(CONFIG_DIR.resolve(fileName).toString())) {
                return source.path("source");
            }
        }
        throw new AssertionError("no property source from " + CONFIG_DIR.resolve(fileName) + " in " + names);
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
