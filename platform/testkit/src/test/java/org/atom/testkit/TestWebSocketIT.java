package org.atom.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atom.testkit.TestWebSocket.Close;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TestWebSocket against the stock Node {@code ws} echo server. */
class TestWebSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static NodeTestServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = NodeTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void sendsHeadersAndSubprotocolsAndReceivesEchoes() {
        try (TestWebSocket socket = TestWebSocket.connect(
                uri("/echo"), Map.of("Authorization", "Bearer abc"), List.of("atom.v1", "atom.v0"))) {
            assertThat(socket.isOpen()).isTrue();
            assertThat(socket.failure()).isEmpty();
            assertThat(socket.subprotocol()).isEqualTo("atom.v1");

            socket.send("hello");
            assertThat(socket.awaitMessage("hello"::equals, WAIT)).isEqualTo("hello");
            socket.send("whoami");
            assertThat(socket.awaitMessage(message -> message.startsWith("{"), WAIT))
                    .isEqualTo("{\"protocol\":\"atom.v1\",\"authorization\":\"Bearer abc\"}");
            assertThat(socket.messages()).hasSize(2);
        }
    }

    @Test
    void joinsAMessageSentInManyFrames() {
        try (TestWebSocket socket = TestWebSocket.connect(uri("/echo"))) {
            socket.send("big:300000");
            String big = socket.awaitMessage(message -> message.startsWith("x"), WAIT);
            assertThat(big).hasSize(300_000).matches("x+");
            assertThat(socket.messages()).hasSize(1);
        }
    }

    @Test
    void reportsTheServersCloseCodeAndReason() {
        try (TestWebSocket socket = TestWebSocket.connect(uri("/echo"))) {
            socket.send("bye");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(new Close(4001, "token_expired"));
        }
    }

    @Test
    void aClientCloseIsAnswered() {
        try (TestWebSocket socket = TestWebSocket.connect(uri("/echo"))) {
            socket.close(4000, "done");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(new Close(4000, "done"));
            assertThat(socket.isOpen()).isFalse();
        }
    }

    @Test
    void keepsWhyTheHandshakeFailed() {
        try (TestWebSocket socket = TestWebSocket.connect(uri("/reject"))) {
            assertThat(socket.isOpen()).isFalse();
            assertThat(socket.failure()).containsInstanceOf(WebSocketHandshakeException.class);
            assertThat(socket.handshakeStatus()).hasValue(401);
        }
    }
}
