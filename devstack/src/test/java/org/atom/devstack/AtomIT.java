package org.atom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.atom.testkit.AtomSuite;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, end to end: {@code ./atom up --detach} on non-default ports and a data folder of its
 * own, {@code status}, calls through the gateway with a real account, an outbox event published across a Kafka
 * restart, {@code down} — and nothing left running.
 */
class AtomIT {

    private static AtomSuite suite;

    @BeforeAll
    static void upDetached() throws Exception {
        suite = AtomSuite.prepare(Path.of(System.getProperty("atom.root", "..")), Path.of("target"));
        AtomSuite.Result up = suite.atom(600, "up", "--detach");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("Gateway     http://localhost:" + suite.port(AtomSuite.GATEWAY));
    }

    @AfterAll
    static void downLeavesNothingRunning() throws Exception {
        List<Long> pids = suite.pids();
        AtomSuite.Result down = suite.atom(180, "down");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(pids)
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .as("process %d", pid)
                        .isEmpty());
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info()
                                .commandLine()
                                .orElse("")
                                .contains(suite.home().toString())))
                .as("processes using the data folder")
                .isEmpty();
    }

    @Test
    void theSuiteIsHealthyAndServesThroughTheGatewayAcrossAKafkaRestart() throws Exception {
        AtomSuite.Result status = suite.atom(60, "status");
        assertThat(status.exit()).as(status.output()).isZero();
        for (String name :
                List.of("postgres", "kafka", "discovery", "config-server", "auth-service", "task-service", "gateway")) {
            assertThat(status.output()).containsPattern("(?m)^" + name + "\\s+\\d+\\s+\\d+\\s+healthy");
        }

        TestHttp gateway = suite.gateway();
        assertThat(gateway.get("/api/tasks").send().statusCode()).isEqualTo(401);
        // a public catalogue of a service that is not running: routed, answered by the circuit breaker's fallback
        HttpResponse<String> voice = gateway.get("/api/voice/wake-words").send();
        assertThat(voice.statusCode()).isEqualTo(503);
        assertThat(voice.body()).contains("voice-service");
        assertThat(gateway.get("/swagger-ui/index.html").send().statusCode()).isEqualTo(200);

        try (EventCapture users = EventCapture.at(suite.kafkaBootstrapServers(), "auth-service.user.v1")) {
            // a real account through the gateway: auth-service signs, the gateway checks the token against its JWKS
            String before = register(gateway, "before-restart@atom.test");
            assertThat(gateway.get("/api/auth/profile").bearer(before).send().statusCode())
                    .isEqualTo(200);
            // the services behind the gateway check the token again, and trust auth-service without extra setup
            assertThat(gateway.get("/api/tasks").bearer(before).send().statusCode())
                    .isEqualTo(200);
            assertThat(gateway.get("/api/calendar/events").bearer(before).send().statusCode())
                    .isEqualTo(200);
            users.awaitEvents(registered("before-restart@atom.test"), 1);

            AtomSuite.Result restart = suite.atom(180, "restart", "kafka");
            assertThat(restart.exit()).as(restart.output()).isZero();
            AtomSuite.Result after = suite.atom(60, "status");
            assertThat(after.exit()).as(after.output()).isZero();

            // committed after the broker came back: the outbox relay delivers it, nothing lost
            register(gateway, "after-restart@atom.test");
            users.awaitEvents(registered("after-restart@atom.test"), 1);
        }

        AtomSuite.Result logs = suite.atom(30, "logs", "gateway");
        assertThat(logs.output()).contains("Started GatewayApplication");
    }

    private static String register(TestHttp gateway, String email) {
        HttpResponse<String> response = gateway.post(
                        "/api/auth/register",
                        "{\"email\":\"%s\",\"password\":\"correct-Horse-battery-9\",\"name\":\"Ada\"}".formatted(email))
                .send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String body = response.body();
        int start = body.indexOf("\"accessToken\":\"") + "\"accessToken\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }

    private static java.util.function.Predicate<tools.jackson.databind.JsonNode> registered(String email) {
        return event -> "atom.user.registered.v1".equals(event.path("type").asString())
                && email.equals(event.path("data").path("email").asString());
    }
}
