package org.atom.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atom.testkit.NodeSocketIoClient.Connect;
import org.atom.testkit.NodeSocketIoClient.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The stock socket.io-client, driven from Java, against a stock socket.io server. */
class NodeSocketIoClientIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> GOOD = Map.of("token", "good");

    private static NodeTestServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = NodeTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Options options() {
        return Options.of(server.url()).withAuth(GOOD);
    }

    @Test
    void defaultTransportsConnectUpgradeToWebSocketAndReceiveEveryArgument() {
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options())) {
            Connect connect = client.awaitConnect(WAIT);
            assertThat(connect.id()).isNotBlank();
            assertThat(connect.recovered()).isFalse();
            assertThat(client.awaitUpgrade(WAIT)).isEqualTo("websocket");

            JsonNode hello = client.awaitEvent("hello", WAIT);
            assertThat(hello.size()).isEqualTo(2);
            assertThat(hello.get(0).path("a").asInt()).isEqualTo(1);
            assertThat(hello.get(1).asString()).isEqualTo("offset-1");

            client.emit("ping");
            assertThat(client.awaitEvent("pong", WAIT).size()).isZero();
        }
    }

    @Test
    void websocketOnlyConnectsWithoutPollingOrUpgrade() {
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options().websocketOnly())) {
            assertThat(client.awaitConnect(WAIT).transport()).isEqualTo("websocket");
            JsonNode whoami = client.emitWithAck(WAIT, "whoami").get(0);
            assertThat(whoami.path("transport").asString()).isEqualTo("websocket");
            assertThat(client.events())
                    .noneMatch(line -> line.path("type").asString().equals("upgrade"));
        }
    }

    @Test
    void aRefusedConnectionReportsTheMiddlewareErrorAndConnectsWithAnotherAuth() {
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options().withAuth(Map.of("token", "bad")))) {
            assertThat(client.awaitConnectError(WAIT)).isEqualTo("invalid token");
            assertThat(client.events())
                    .anySatisfy(
                            line -> assertThat(line.path("data").path("code").asString())
                                    .isEqualTo("bad_token"));

            client.connect(GOOD);
            client.awaitConnect(WAIT);
            assertThat(client.emitWithAck(WAIT, "whoami")
                            .get(0)
                            .path("auth")
                            .path("token")
                            .asString())
                    .isEqualTo("good");
        }
    }

    @Test
    void emitWithAckReturnsTheServersAcknowledgement() {
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options())) {
            client.awaitConnect(WAIT);
            JsonNode ack = client.emitWithAck(WAIT, "echo", 1, "two", Map.of("three", 3));
            assertThat(ack.toString()).isEqualTo("[1,\"two\",{\"three\":3}]");
        }
    }

    @Test
    void aServerSideDisconnectIsReported() {
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options())) {
            client.awaitConnect(WAIT);
            client.emit("kick");
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        }
    }

    @Test
    void extraHeadersReachPollingAndTheWebSocketUpgrade() {
        try (NodeSocketIoClient client =
                NodeSocketIoClient.start(options().withExtraHeaders(Map.of("Authorization", "Bearer abc")))) {
            client.awaitConnect(WAIT);
            assertThat(client.emitWithAck(WAIT, "whoami")
                            .get(0)
                            .path("authorization")
                            .asString())
                    .isEqualTo("Bearer abc");
        }
        try (NodeSocketIoClient client = NodeSocketIoClient.start(
                options().websocketOnly().withExtraHeaders(Map.of("Authorization", "Bearer ws")))) {
            client.awaitConnect(WAIT);
            assertThat(client.emitWithAck(WAIT, "whoami")
                            .get(0)
                            .path("authorization")
                            .asString())
                    .isEqualTo("Bearer ws");
        }
    }

    @Test
    void withCredentialsTheClientSendsBackTheHandshakeCookieForOneEngineSession() {
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options().withCredentials(true))) {
            client.awaitConnect(WAIT);
            client.awaitUpgrade(WAIT);
            JsonNode whoami = client.emitWithAck(WAIT, "whoami").get(0);
            assertThat(whoami.path("handshakeCookie").isNull()).isTrue();
            assertThat(strings(whoami.path("cookies")))
                    .contains("polling:affinity=node-1", "websocket:affinity=node-1");

            // a reconnect opens a new Engine.IO session with an empty cookie jar
            client.disconnect();
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io client disconnect");
            client.connect();
            client.awaitConnect(WAIT);
            assertThat(client.emitWithAck(WAIT, "whoami")
                            .get(0)
                            .path("handshakeCookie")
                            .isNull())
                    .isTrue();
        }
        try (NodeSocketIoClient client = NodeSocketIoClient.start(options())) {
            client.awaitConnect(WAIT);
            client.awaitUpgrade(WAIT);
            assertThat(strings(client.emitWithAck(WAIT, "whoami").get(0).path("cookies")))
                    .isEmpty();
        }
    }

    @Test
    void aReconnectOfTheSameSocketSendsPidAndOffsetAndRecoversMissedEvents() {
        Options recovering = options().withPath("/recovering/").websocketOnly();
        try (NodeSocketIoClient client = NodeSocketIoClient.start(recovering)) {
            assertThat(client.awaitConnect(WAIT).recovered()).isFalse();
            // the recovering server adds its offset as a last argument
            JsonNode hello = client.awaitEvent("hello", WAIT);
            assertThat(hello.size()).isEqualTo(3);
            assertThat(hello.get(1).asString()).isEqualTo("offset-1");

            client.emitWithAck(WAIT, "join");
            client.emitWithAck(WAIT, "broadcast", "first");
            JsonNode first = client.awaitEvent("news", WAIT);
            assertThat(first.get(0).asString()).isEqualTo("first");
            String offset = first.get(1).asString();

            client.emit("drop");
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("transport close");
            client.connect(Map.of("token", "good", "resume", "r1"));
            assertThat(client.awaitConnect(WAIT).recovered()).isTrue();
            assertThat(client.awaitEvents("news", 2, WAIT).get(1).get(0).asString())
                    .isEqualTo("missed");

            JsonNode auth = client.emitWithAck(WAIT, "whoami").get(0).path("auth");
            assertThat(auth.path("token").asString()).isEqualTo("good");
            assertThat(auth.path("resume").asString()).isEqualTo("r1");
            assertThat(auth.path("pid").asString()).isNotBlank();
            assertThat(auth.path("offset").asString()).isEqualTo(offset);
        }
    }

    @Test
    void closeLeavesNoNodeProcessBehind() {
        NodeSocketIoClient client = NodeSocketIoClient.start(options());
        client.awaitConnect(WAIT);
        long pid = client.pid();
        assertThat(client.isAlive()).isTrue();

        client.close();

        assertThat(client.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
