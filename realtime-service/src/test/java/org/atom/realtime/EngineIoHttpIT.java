package org.atom.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atom.testkit.NodeSocketIoClient;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Engine.IO's HTTP side spoken by hand: the handshake and the answers to requests the reference server refuses. */
@RealtimeServiceContext
class EngineIoHttpIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/socket.io/?" + query))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/socket.io/?" + query))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String handshake() throws Exception {
        HttpResponse<String> open = get("EIO=4&transport=polling");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0");
        JsonNode packet = JSON.readTree(open.body().substring(1));
        assertThat(packet.get("upgrades").get(0).asString()).isEqualTo("websocket");
        assertThat(packet.get("pingInterval").asLong()).isEqualTo(25_000);
        assertThat(packet.get("pingTimeout").asLong()).isEqualTo(20_000);
        assertThat(packet.get("maxPayload").asLong()).isEqualTo(8 * 1024);
        return packet.get("sid").asString();
    }

    @Test
    void aSocketIoConnectWithoutATokenIsAnsweredWithAConnectError() throws Exception {
        String sid = handshake();
        assertThat(post("EIO=4&transport=polling&sid=" + sid, "40").body()).isEqualTo("ok");
        HttpResponse<String> poll = get("EIO=4&transport=polling&sid=" + sid);
        assertThat(poll.body()).isEqualTo("44{\"message\":\"Authentication required: connect with an access token\"}");
    }

    @Test
    void requestsTheReferenceServerRefusesAreRefusedTheSameWay() throws Exception {
        HttpResponse<String> oldProtocol = get("EIO=3&transport=polling");
        assertThat(oldProtocol.statusCode()).isEqualTo(400);
        assertThat(oldProtocol.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");

        HttpResponse<String> transport = get("EIO=4&transport=flash");
        assertThat(transport.statusCode()).isEqualTo(400);
        assertThat(transport.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");

        HttpResponse<String> unknown = get("EIO=4&transport=polling&sid=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void aPostOverTheFrameLimitIsRefusedAndEndsTheSession() throws Exception {
        String sid = handshake();
        HttpResponse<String> large = post("EIO=4&transport=polling&sid=" + sid, "4" + "x".repeat(9 * 1024));
        assertThat(large.statusCode()).isEqualTo(413);
        // what was queued, then the close packet
        assertThat(get("EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("1");
        assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
    }

    @Test
    void aSecondConcurrentPollIsABadRequest() throws Exception {
        String sid = handshake();
        var held = http.sendAsync(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // the first poll is held (nothing queued); a second one at the same time is refused and ends the session
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                get("EIO=4&transport=polling&sid=" + sid).statusCode())
                        .isEqualTo(400));
        assertThat(held.get().body()).isEqualTo("1");
    }

    @Test
    void aPollIsHeldWhileTheUpgradeProbeWaitsForItsPingAndReleasedByIt() throws Exception {
        String sid = handshake();
        BlockingQueue<String> probeFrames = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ponged = new CompletableFuture<>();
        WebSocket probe = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket&sid=" + sid),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                probeFrames.add(data.toString());
                                socket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
                                ponged.complete(null);
                                socket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        try {
            // the server reads frames only after it took the socket as the session's probe
            probe.sendPing(ByteBuffer.allocate(0));
            ponged.get(10, TimeUnit.SECONDS);

            // not yet upgrading: a poll waits for packets as usual (answered at once, the client polled in a loop)
            var held = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post("EIO=4&transport=polling&sid=" + sid, "40").body()).isEqualTo("ok");
            assertThat(held.get(10, TimeUnit.SECONDS).body())
                    .isEqualTo("44{\"message\":\"Authentication required: connect with an access token\"}");

            // the probe ping: answered on the probe; from then on the client pauses polling, so its poll (held
            // or new) gets a noop
            var released = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            probe.sendText("2probe", true);
            assertThat(probeFrames.poll(10, TimeUnit.SECONDS)).isEqualTo("3probe");
            assertThat(released.get(10, TimeUnit.SECONDS).body()).isEqualTo("6");
        } finally {
            probe.abort();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutDelayingOthers() throws Exception {
        String slowUser = UUID.randomUUID().toString();
        String sid = handshake();
        post(
                "EIO=4&transport=polling&sid=" + sid,
                "40{\"token\":\"" + TestJwtIssuer.get().token(slowUser) + "\"}");
        assertThat(get("EIO=4&transport=polling&sid=" + sid).body()).startsWith("40{");
        double dropped = disconnects("slow_consumer");

        String otherUser = UUID.randomUUID().toString();
        try (NodeSocketIoClient other =
                NodeSocketIoClient.start(NodeSocketIoClient.Options.of("http://127.0.0.1:" + port)
                        .withAuth(Map.of("token", TestJwtIssuer.get().token(otherUser)))
                        .websocketOnly())) {
            other.awaitEvent("connected", SocketIoIT.WAIT);
            // more than the slow client's queue (64) while it does not poll; the other client keeps up
            for (int i = 0; i < 80; i++) {
                DomainEvents.task(slowUser, "atom.task.created.v1", "For the slow one " + i);
                DomainEvents.task(otherUser, "atom.task.created.v1", "For the other one " + i);
            }
            assertThat(other.awaitEvents("task:created", 80, SocketIoIT.WAIT)).hasSize(80);
        }
        await().atMost(SocketIoIT.WAIT).until(() -> disconnects("slow_consumer") > dropped);
        // the slow client finally polls: what fitted in its queue, then the close packet
        String[] packets = get("EIO=4&transport=polling&sid=" + sid).body().split("\u001e");
        assertThat(packets).hasSize(65);
        assertThat(packets[64]).isEqualTo("1");
    }

    @Test
    void connectionsDeliveriesAndLagAreMeasured() throws Exception {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                NodeSocketIoClient.start(NodeSocketIoClient.Options.of("http://127.0.0.1:" + port)
                        .withAuth(Map.of("token", TestJwtIssuer.get().token(user)))
                        .websocketOnly())) {
            socket.awaitEvent("connected", SocketIoIT.WAIT);
            DomainEvents.task(user, "atom.task.created.v1", "Measured");
            socket.awaitEvent("task:created", SocketIoIT.WAIT);
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .containsPattern("atom_realtime_connections\\{[^}]*protocol=\"socket.io\"[^}]*} [1-9]")
                    .containsPattern("atom_realtime_deliveries_total\\{[^}]*protocol=\"socket.io\"[^}]*} [1-9]")
                    .contains("atom_realtime_delivery_lag_seconds_bucket")
                    .contains("atom_realtime_buffered_events");
        }
    }

    private double disconnects(String reason) {
        return registry.find("atom.realtime.disconnects").tag("reason", reason).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }
}
