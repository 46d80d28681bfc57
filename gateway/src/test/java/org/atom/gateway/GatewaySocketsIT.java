package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
