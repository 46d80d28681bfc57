package org.atom.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.testkit.TestJwtIssuer;
import org.atom.testkit.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The plain WebSocket protocol at /ws: JSON frames {event, data, resume}. */
@RealtimeServiceContext
class PlainWebSocketIT {

    private static final Duration WAIT = SocketIoIT.WAIT;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private URI uri(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws" + (query.isEmpty() ? "" : "?" + query));
    }

    private static JsonNode await(TestWebSocket socket, String event) {
        String frame = socket.awaitMessage(text -> text.contains("\"event\":\"" + event + "\""), WAIT);
        return JSON.readTree(frame);
    }

    private static List<String> events(TestWebSocket socket) {
        return socket.messages().stream()
                .map(text -> JSON.readTree(text).get("event").asString())
                .toList();
    }

    @Test
    void aClientWithATokenInTheQueryGetsItsEventsAsJsonFramesWithResumeTokens() {
        String user = UUID.randomUUID().toString();
        try (TestWebSocket socket =
                TestWebSocket.connect(uri("access_token=" + TestJwtIssuer.get().token(user)))) {
            JsonNode connected = await(socket, "connected");
            assertThat(connected.get("data").get("userId").asString()).isEqualTo(user);
            assertThat(connected.get("resume").isString()).isTrue();

            String id = DomainEvents.task(user, "atom.task.created.v1", "Plain");
            DomainEvents.task(user, "atom.task.updated.v1", id, "Plainer");
            DomainEvents.task(user, "atom.task.deleted.v1", id, null);
            JsonNode deleted = await(socket, "task:deleted");
            assertThat(deleted.get("data").get("id").asString()).isEqualTo(id);
            assertThat(deleted.get("resume").isString()).isTrue();
            assertThat(events(socket)).containsExactly("connected", "task:created", "task:updated", "task:deleted");
        }
    }

    @Test
    void theTokenMayComeAsTheBearerSubprotocol() {
        String user = UUID.randomUUID().toString();
        try (TestWebSocket socket = TestWebSocket.connect(
                uri(""), Map.of(), List.of("bearer", TestJwtIssuer.get().token(user)))) {
            assertThat(await(socket, "connected").get("data").get("userId").asString())
                    .isEqualTo(user);
            assertThat(socket.subprotocol()).isEqualTo("bearer");
        }
    }

    @Test
    void withoutAValidTokenTheClientGetsAnErrorFrameAndClose4401() {
        String expired = TestJwtIssuer.get()
                .forUser(UUID.randomUUID().toString())
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign();
        Map<String, String> cases = Map.of(
                "",
                "Authentication required: connect with an access token",
                "access_token=" + expired,
                "The access token has expired",
                "access_token=garbage",
                "The access token is invalid");
        cases.forEach((query, message) -> {
            try (TestWebSocket socket = TestWebSocket.connect(uri(query))) {
                JsonNode error = await(socket, "error");
                assertThat(error.get("data").get("message").asString()).isEqualTo(message);
                assertThat(socket.awaitClose(WAIT)).isEqualTo(new TestWebSocket.Close(4401, "unauthorized"));
            }
        });
    }

    @Test
    void aReconnectingClientResumesFromItsLastToken() {
        String user = UUID.randomUUID().toString();
        String token = TestJwtIssuer.get().token(user);
        String resume;
        try (TestWebSocket socket = TestWebSocket.connect(uri("access_token=" + token))) {
            await(socket, "connected");
            DomainEvents.task(user, "atom.task.created.v1", "Seen");
            resume = await(socket, "task:created").get("resume").asString();
        }
        String missed1 = DomainEvents.task(user, "atom.task.created.v1", "Missed 1");
        String missed2 = DomainEvents.task(user, "atom.task.created.v1", "Missed 2");
        try (TestWebSocket socket = TestWebSocket.connect(uri("access_token=" + token + "&resume=" + resume))) {
            assertThat(await(socket, "connected").get("data").get("resumed").asBoolean())
                    .isTrue();
            socket.awaitMessage(text -> text.contains(missed2), WAIT);
            assertThat(socket.messages().stream()
                            .map(JSON::readTree)
                            .filter(frame -> frame.get("event").asString().equals("task:created"))
                            .map(frame -> frame.get("data").get("id").asString()))
                    .containsExactly(missed1, missed2);
        }
    }

    @Test
    void pingJoinAndInvalidFramesAreAnswered() {
        String user = UUID.randomUUID().toString();
        try (TestWebSocket socket =
                TestWebSocket.connect(uri("access_token=" + TestJwtIssuer.get().token(user)))) {
            await(socket, "connected");
            socket.send("{\"event\":\"ping\"}");
            assertThat(await(socket, "pong").get("data").has("timestamp")).isTrue();
            socket.send("{\"event\":\"join\",\"data\":{\"room\":\"" + UUID.randomUUID() + "\"}}");
            assertThat(await(socket, "error").get("data").get("message").asString())
                    .startsWith("Not allowed to join room ");
            socket.send("not json");
            socket.awaitMessage(text -> text.contains("Invalid message"), WAIT);
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheSocketWith1009() {
        String user = UUID.randomUUID().toString();
        try (TestWebSocket socket =
                TestWebSocket.connect(uri("access_token=" + TestJwtIssuer.get().token(user)))) {
            await(socket, "connected");
            socket.send("{\"event\":\"ping\",\"data\":\"" + "x".repeat(9 * 1024) + "\"}");
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1009);
        }
    }

    @Test
    void theSocketClosesWith4001WhenItsTokenExpires() {
        String user = UUID.randomUUID().toString();
        String shortLived = TestJwtIssuer.get()
                .forUser(user)
                .expiresAt(Instant.now().plusSeconds(3))
                .sign();
        try (TestWebSocket socket = TestWebSocket.connect(uri("access_token=" + shortLived))) {
            await(socket, "connected");
            assertThat(await(socket, "closing").get("data").get("reason").asString())
                    .isEqualTo("token_expired");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(new TestWebSocket.Close(4001, "token_expired"));
        }
    }

    @Test
    void aDeletedUsersSocketClosesWith4004() {
        String user = UUID.randomUUID().toString();
        try (TestWebSocket socket =
                TestWebSocket.connect(uri("access_token=" + TestJwtIssuer.get().token(user)))) {
            await(socket, "connected");
            DomainEvents.user(user, "atom.user.deleted.v1", false);
            assertThat(socket.awaitClose(WAIT)).isEqualTo(new TestWebSocket.Close(4004, "user_deleted"));
        }
    }
}
