package org.atom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static final Path ROOT =
            Path.of(System.getProperty("atom.root", "..")).toAbsolutePath().normalize();
    private static Path home;
    private static int offset;

    @BeforeAll
    static void upDetached() throws Exception {
        home = Files.createTempDirectory("atom-it-home");
        offset = freeOffset();
        Result up = atom(600, "up", "--detach");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("Gateway     http://localhost:" + (8080 + offset));
    }

    @AfterAll
    static void downLeavesNothingRunning() throws Exception {
        List<Long> pids = pids();
        Result down = atom(180, "down");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(pids)
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                        .as("process %d", pid)
                        .isEmpty());
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(home.toString())))
                .as("processes using the data folder")
                .isEmpty();
    }

    @Test
    void theSuiteIsHealthyAndServesThroughTheGatewayAcrossAKafkaRestart() throws Exception {
        Result status = atom(60, "status");
        assertThat(status.exit()).as(status.output()).isZero();
        for (String name : List.of("postgres", "kafka", "discovery", "config-server", "auth-service", "gateway")) {
            assertThat(status.output()).containsPattern("(?m)^" + name + "\\s+\\d+\\s+\\d+\\s+healthy");
        }

        TestHttp gateway = TestHttp.localhost(8080 + offset);
        assertThat(gateway.get("/api/tasks").send().statusCode()).isEqualTo(401);
        // a public catalogue of a service that is not running: routed, answered by the circuit breaker's fallback
        HttpResponse<String> voice = gateway.get("/api/voice/wake-words").send();
        assertThat(voice.statusCode()).isEqualTo(503);
        assertThat(voice.body()).contains("voice-service");
        assertThat(gateway.get("/swagger-ui/index.html").send().statusCode()).isEqualTo(200);

        try (EventCapture users = EventCapture.at("127.0.0.1:" + (19092 + offset), "auth-service.user.v1")) {
            // a real account through the gateway: auth-service signs, the gateway checks the token against its JWKS
            String before = register(gateway, "before-restart@atom.test");
            assertThat(gateway.get("/api/auth/profile").bearer(before).send().statusCode())
                    .isEqualTo(200);
            users.awaitEvents(registered("before-restart@atom.test"), 1);

            Result restart = atom(180, "restart", "kafka");
            assertThat(restart.exit()).as(restart.output()).isZero();
            Result after = atom(60, "status");
            assertThat(after.exit()).as(after.output()).isZero();

            // committed after the broker came back: the outbox relay delivers it, nothing lost
            register(gateway, "after-restart@atom.test");
            users.awaitEvents(registered("after-restart@atom.test"), 1);
        }

        Result logs = atom(30, "logs", "gateway");
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

    private static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("state.properties"))) {
            if (line.contains(".pid=")) {
                pids.add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
            }
        }
        return pids;
    }

    record Result(int exit, String output) {}

    private static Result atom(int timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("atom").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("ATOM_HOME", home.toString());
        env.put("ATOM_PORT_OFFSET", Integer.toString(offset));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Path output = Files.createTempFile(home, "atom-" + args[0], ".out");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("./atom " + String.join(" ", args) + " timed out:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** An offset under which every port of the suite (and Kafka's controller port) is free. */
    private static int freeOffset() {
        int[] ports = {15432, 19092, 19093, 8761, 8888, 8080};
        for (int offset = 21000; offset < 40000; offset += 137) {
            boolean free = true;
            for (int port : ports) {
                free &= isFree(port + offset);
            }
            for (int port = 8081; port <= 8091 && free; port++) {
                free = isFree(port + offset);
            }
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
