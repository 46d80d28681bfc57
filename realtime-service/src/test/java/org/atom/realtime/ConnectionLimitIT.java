package org.atom.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.atom.testkit.TestJwtIssuer;
import org.atom.testkit.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** At {@code max-connections} an instance refuses new clients of every protocol until one leaves. */
@RealtimeServiceContext
@TestPropertySource(properties = "atom.realtime.max-connections=2")
class ConnectionLimitIT {

    private static final Duration WAIT = SocketIoIT.WAIT;
    private static final String FULL = "The server is at its connection limit; connect again";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private TestWebSocket plain() {
        return TestWebSocket.connect(URI.create("ws://127.0.0.1:" + port + "/ws?access_token="
                + TestJwtIssuer.get().token(UUID.randomUUID().toString())));
    }

    private static void awaitConnected(TestWebSocket socket) {
        socket.awaitMessage(text -> text.contains("\"event\":\"connected\""), WAIT);
    }

    private double refusedAsFull() {
        var counter =
                registry.find("atom.realtime.refusals").tag("reason", "full").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aFullInstanceRefusesEveryProtocolWithTryAgainLaterUntilAClientLeaves() throws Exception {
        assertThat(registry.get("atom.realtime.connections.limit").gauge().value())
                .isEqualTo(2);
        try (TestWebSocket first = plain();
                TestWebSocket second = plain()) {
            awaitConnected(first);
            awaitConnected(second);

            try (TestWebSocket third = plain()) {
                assertThat(third.awaitMessage(text -> text.contains("\"event\":\"error\""), WAIT))
                        .contains("\"code\":\"try_again_later\"")
                        .contains(FULL);
                assertThat(third.awaitClose(WAIT).code()).isEqualTo(1013);
            }
            HttpResponse<String> handshake = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(handshake.statusCode()).isEqualTo(503);
            assertThat(handshake.body()).isEqualTo("{\"code\":4,\"message\":\"" + FULL + "\"}");
            try (TestWebSocket engineIo = TestWebSocket.connect(
                    URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"))) {
                TestWebSocket.Close close = engineIo.awaitClose(WAIT);
                assertThat(close.code()).isEqualTo(1013);
                assertThat(close.reason()).isEqualTo(FULL);
            }
            assertThat(refusedAsFull()).isGreaterThanOrEqualTo(3);

            first.close();
            await().atMost(WAIT).untilAsserted(() -> {
                try (TestWebSocket next = plain()) {
                    awaitConnected(next);
                }
            });
        }
    }
}
