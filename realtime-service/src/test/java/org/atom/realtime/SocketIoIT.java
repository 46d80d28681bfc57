package org.atom.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.testkit.NodeSocketIoClient;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RealtimeServiceContext
class SocketIoIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private NodeSocketIoClient.Options client(String token) {
        return NodeSocketIoClient.Options.of("http://127.0.0.1:" + port).withAuth(Map.of("token", token));
    }

    @Test
    void aDefaultClientGetsItsTaskEventsInOrderAfterUpgradingToWebSocket() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                NodeSocketIoClient.start(client(TestJwtIssuer.get().token(user)))) {
            socket.awaitConnect(WAIT);
            assertThat(socket.awaitUpgrade(WAIT)).isEqualTo("websocket");
            JsonNode connected = socket.awaitEvent("connected", WAIT);
            assertThat(connected.get(0).get("userId").asString()).isEqualTo(user);

            String id = DomainEvents.task(user, "atom.task.created.v1", "Write the report");
            DomainEvents.task(user, "atom.task.updated.v1", id, "Write the final report");
            DomainEvents.task(user, "atom.task.deleted.v1", id, null);

            List<String> names = List.of("task:created", "task:updated", "task:deleted");
            for (String name : names) {
                JsonNode args = socket.awaitEvent(name, WAIT);
                assertThat(args.get(0).get("id").asString()).isEqualTo(id);
                assertThat(args.get(1).isString())
                        .as("resume token as the last argument")
                        .isTrue();
            }
            assertThat(socket.events().stream()
                            .filter(line -> line.path("type").asString().equals("event"))
                            .map(line -> line.get("event").asString())
                            .filter(names::contains))
                    .containsExactlyElementsOf(names);
        }
    }
}
