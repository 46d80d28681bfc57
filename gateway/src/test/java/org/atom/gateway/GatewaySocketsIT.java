package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

class GatewaySocketsIT extends GatewayIT {

    @Test
    void aWebSocketUpgradeOnWsReachesRealtimeServiceWithoutAGatewayToken() {
        // larger than the 64 KiB frame limit the gateway would otherwise apply
        String large = "x".repeat(200 * 1024);

        String reply = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> HttpClient.create()
                                .websocket(WebsocketClientSpec.builder()
                                        .maxFramePayloadLength(1 << 20)
                                        .build())
                                .uri("ws://127.0.0.1:" + port + "/ws")
                                .handle((in, out) -> Mono.from(out.sendString(Mono.just(large)))
                                        .thenMany(in.aggregateFrames(1 << 20)
                                                .receive()
                                                .asString()
                                                .take(1)))
                                .blockFirst(Duration.ofSeconds(10)),
                        text -> text != null);

        assertThat(reply).isEqualTo("echo:" + large);
    }

    /**
     * A client's first frame, sent as soon as its handshake is answered, reaches the service even when it arrives
     * before the gateway has connected to the service (Engine.IO's upgrade probe: lost, the client never upgraded).
     */
    @Test
    void aFrameSentRightAfterTheHandshakeIsNeverLost() {
        HttpClient client = HttpClient.create();
        // the route is there once one exchange works
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> firstEcho(client, "ready") != null);
        int lost = 0;
        for (int i = 0; i < 200; i++) {
            if (!("echo:first " + i).equals(firstEcho(client, "first " + i))) {
                lost++;
            }
        }
        assertThat(lost).as("first frames lost of 200").isZero();
    }

    private String firstEcho(HttpClient client, String text) {
        return client.websocket()
                .uri("ws://127.0.0.1:" + port + "/ws")
                // reading before sending: the echo may come back before a later subscription would read
                .handle((in, out) -> Flux.merge(
                                in.receive().asString(),
                                Mono.from(out.sendString(Mono.just(text))).then(Mono.<String>empty()))
                        .take(1))
                .timeout(Duration.ofSeconds(2), Mono.empty())
                .blockFirst(Duration.ofSeconds(10));
    }

    @Test
    void socketIoReachesTheAdvertisedPortAndStaysWithTheInstanceOfItsCookie() {
        HttpResponse<String> first = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/socket.io/?EIO=4&transport=polling").send(), r -> r.statusCode() == 200);

        // answered by the stub's separate Socket.IO port, which only the Eureka metadata names
        assertThat(first.body()).matches("socket\\.io:realtime-[ab]");
        String instance = first.body().substring("socket.io:".length());
        assertThat(first.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("sc-lb-instance-id=" + instance));

        String other = instance.equals("realtime-a") ? "realtime-b" : "realtime-a";
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> pinned = http.get("/socket.io/?EIO=4&transport=polling")
                    .header("Cookie", "sc-lb-instance-id=" + other)
                    .send();
            assertThat(pinned.body()).isEqualTo("socket.io:" + other);
        }
    }
}
