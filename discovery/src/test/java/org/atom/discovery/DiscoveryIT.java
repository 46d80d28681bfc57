package org.atom.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged configuration, started on a free port, spoken to through Eureka's REST API like a real client. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class DiscoveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void anInstanceRegisteredThroughTheRestApiIsListedWithinSeconds() throws Exception {
        String instance = """
                {"instance": {
                  "instanceId": "it-probe:127.0.0.1:1",
                  "app": "IT-PROBE",
                  "hostName": "127.0.0.1",
                  "ipAddr": "127.0.0.1",
                  "vipAddress": "it-probe",
                  "status": "UP",
                  "port": {"$": 18099, "@enabled": "true"},
                  "securePort": {"$": 443, "@enabled": "false"},
                  "dataCenterInfo": {
                    "@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"},
                  "leaseInfo": {"renewalIntervalInSecs": 5, "durationInSecs": 10},
                  "metadata": {"zone": "it"}
                }}
                """;

        // read the registry first, as running clients do: a response cache would now hold a list without IT-PROBE
        assertThat(send(HttpRequest.newBuilder(url("/eureka/apps"))
                                .header("Accept", "application/json")
                                .GET())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> registered = send(HttpRequest.newBuilder(url("/eureka/apps/IT-PROBE"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance)));
        assertThat(registered.statusCode()).isEqualTo(204);

        // "within a few seconds": no 30 s read-only response cache in the way (it is listed at once in practice)
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> apps = send(HttpRequest.newBuilder(url("/eureka/apps"))
                            .header("Accept", "application/json")
                            .GET());
                    assertThat(apps.statusCode()).isEqualTo(200);
                    List<JsonNode> instances = new ArrayList<>();
                    for (JsonNode app : asList(
                            JSON.readTree(apps.body()).path("applications").path("application"))) {
                        if (app.path("name").asString().equals("IT-PROBE")) {
                            instances.addAll(asList(app.path("instance")));
                        }
                    }
                    assertThat(instances).singleElement().satisfies(listed -> {
                        assertThat(listed.path("instanceId").asString()).isEqualTo("it-probe:127.0.0.1:1");
                        assertThat(listed.path("status").asString()).isEqualTo("UP");
                        assertThat(listed.path("port").path("$").asInt()).isEqualTo(18099);
                        assertThat(listed.path("metadata").path("zone").asString())
                                .isEqualTo("it");
                    });
                });
        // eureka.server.metrics.enabled: the registry size per application is a Prometheus gauge
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(send(HttpRequest.newBuilder(url("/actuator/prometheus"))
                                        .GET())
                                .body())
                        .contains("eureka_server_instances{application=\"IT-PROBE\",status=\"UP\"} 1"));
    }

    @Test
    void readinessProbeIsUp() throws Exception {
        HttpResponse<String> readiness = send(HttpRequest.newBuilder(url("/actuator/health/readiness"))
                .header("Accept", "application/json")
                .GET());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessProbeIsUpAndPrometheusMetricsAreExposed() throws Exception {
        HttpResponse<String> liveness =
                send(HttpRequest.newBuilder(url("/actuator/health/liveness")).GET());
        HttpResponse<String> metrics =
                send(HttpRequest.newBuilder(url("/actuator/prometheus")).GET());

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
    }

    private static List<JsonNode> asList(JsonNode node) {
        // Eureka's JSON codec writes a single element as an object, several as an array
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(elements::add);
            return elements;
        }
        return List.of(node);
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
