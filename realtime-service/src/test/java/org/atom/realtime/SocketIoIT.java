package org.atom.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.testkit.NodeSocketIoClient;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The stock socket.io-client 4.8 against the service: authentication, rooms, delivery, resume, limits. */
@RealtimeServiceContext
class SocketIoIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> TASK_EVENTS = List.of("task:created", "task:updated", "task:deleted");

    @LocalServerPort
    int port;

    private NodeSocketIoClient.Options client(Map<String, ?> auth) {
        return NodeSocketIoClient.Options.of("http://127.0.0.1:" + port).withAuth(auth);
    }

    private NodeSocketIoClient connected(String user, NodeSocketIoClient.Options options) {
        NodeSocketIoClient socket = NodeSocketIoClient.start(options);
        socket.awaitConnect(WAIT);
        // the welcome comes once the socket is attached to the user's stream
        assertThat(socket.awaitEvent("connected", WAIT).get(0).get("userId").asString())
                .isEqualTo(user);
        return socket;
    }

    private static String token(String user) {
        return TestJwtIssuer.get().token(user);
    }

    /** Publishes created, updated and deleted of one task. */
    private static String createUpdateDelete(String user) {
        String id = DomainEvents.task(user, "atom.task.created.v1", "Write the report");
        DomainEvents.task(user, "atom.task.updated.v1", id, "Write the final report");
        DomainEvents.task(user, "atom.task.deleted.v1", id, null);
        return id;
    }

    private static void assertTaskEventsInOrder(NodeSocketIoClient socket, String taskId) {
        for (String name : TASK_EVENTS) {
            JsonNode args = socket.awaitEvent(name, WAIT);
            assertThat(args.get(0).get("id").asString()).isEqualTo(taskId);
            assertThat(args.get(1).isString())
                    .as("resume token as the last argument")
                    .isTrue();
        }
        assertThat(eventNames(socket).stream().filter(TASK_EVENTS::contains)).containsExactlyElementsOf(TASK_EVENTS);
    }

    static List<String> eventNames(NodeSocketIoClient socket) {
        return socket.events().stream()
                .filter(line -> line.path("type").asString().equals("event"))
                .map(line -> line.get("event").asString())
                .toList();
    }

    @Test
    void aDefaultClientUpgradesToWebSocketAndGetsItsTaskEventsInOrder() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket = connected(user, client(Map.of("token", token(user))))) {
            assertThat(socket.awaitUpgrade(WAIT)).isEqualTo("websocket");
            String id = createUpdateDelete(user);
            assertTaskEventsInOrder(socket, id);
            // a deletion carries {id}, as the original sent
            assertThat(socket.awaitEvent("task:deleted", WAIT).get(0).properties())
                    .extracting(Map.Entry::getKey)
                    .containsExactly("id");
        }
    }

    @Test
    void aWebSocketOnlyClientGetsItsTaskEventsAndAnotherUsersClientNone() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        try (NodeSocketIoClient aliceSocket =
                        connected(alice, client(Map.of("token", token(alice))).websocketOnly());
                NodeSocketIoClient bobSocket =
                        connected(bob, client(Map.of("token", token(bob))).websocketOnly())) {
            String id = createUpdateDelete(alice);
            assertTaskEventsInOrder(aliceSocket, id);

            // bob's own event arrives after alice's were published on the same partitions' order: nothing of hers
            String bobs = DomainEvents.task(bob, "atom.task.created.v1", "Bob's task");
            assertThat(bobSocket
                            .awaitEvent("task:created", WAIT)
                            .get(0)
                            .get("id")
                            .asString())
                    .isEqualTo(bobs);
            assertThat(eventNames(bobSocket)).containsExactly("connected", "task:created");
        }
    }

    @Test
    void completingATaskEmitsTaskUpdatedAndTaskCompleted() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                connected(user, client(Map.of("token", token(user))).websocketOnly())) {
            String id = DomainEvents.task(user, "atom.task.completed.v1", "Done");
            assertThat(socket.awaitEvent("task:completed", WAIT)
                            .get(0)
                            .get("id")
                            .asString())
                    .isEqualTo(id);
            assertThat(eventNames(socket)).containsExactly("connected", "task:updated", "task:completed");
        }
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeader() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                connected(user, client(null).withExtraHeaders(Map.of("Authorization", "Bearer " + token(user))))) {
            String id = DomainEvents.task(user, "atom.task.created.v1", "Via header");
            assertThat(socket.awaitEvent("task:created", WAIT).get(0).get("id").asString())
                    .isEqualTo(id);
        }
    }

    @Test
    void aClientWithoutATokenIsRefusedWithAClearMessage() {
        try (NodeSocketIoClient socket = NodeSocketIoClient.start(client(null))) {
            assertThat(socket.awaitConnectError(WAIT))
                    .isEqualTo("Authentication required: connect with an access token");
        }
        try (NodeSocketIoClient socket = NodeSocketIoClient.start(client(null).websocketOnly())) {
            assertThat(socket.awaitConnectError(WAIT))
                    .isEqualTo("Authentication required: connect with an access token");
        }
    }

    @Test
    void expiredForgedAndForeignTokensAreRefused() {
        String user = UUID.randomUUID().toString();
        TestJwtIssuer issuer = TestJwtIssuer.get();
        String expired = issuer.forUser(user)
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign();
        try (NodeSocketIoClient socket = NodeSocketIoClient.start(client(Map.of("token", expired)))) {
            assertThat(socket.awaitConnectError(WAIT)).isEqualTo("The access token has expired");
        }
        for (String bad : List.of(
                issuer.forUser(user).signedWithUnknownKey(),
                issuer.forUser(user).unsigned(),
                issuer.forUser(user).audience("someone-else").sign(),
                "not-a-jwt")) {
            try (NodeSocketIoClient socket = NodeSocketIoClient.start(client(Map.of("token", bad)))) {
                assertThat(socket.awaitConnectError(WAIT)).isEqualTo("The access token is invalid");
            }
        }
    }

    @Test
    void joiningAnotherUsersRoomIsRefusedAndLeaksNothing() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        try (NodeSocketIoClient mallory =
                connected(alice, client(Map.of("token", token(alice))).websocketOnly())) {
            mallory.emit("join", Map.of("room", bob));
            assertThat(mallory.awaitEvent("error", WAIT).get(0).get("message").asString())
                    .isEqualTo("Not allowed to join room " + bob);
            DomainEvents.task(bob, "atom.task.created.v1", "Bob's secret");

            // her own room: joined; and her next event arrives, bob's never did
            mallory.emit("join", Map.of("room", alice));
            assertThat(mallory.awaitEvent("joined", WAIT).get(0).get("room").asString())
                    .isEqualTo(alice);
            DomainEvents.task(alice, "atom.task.created.v1", "Alice's");
            mallory.awaitEvent("task:created", WAIT);
            assertThat(eventNames(mallory)).containsExactly("connected", "error", "joined", "task:created");
        }
    }

    @Test
    void pingIsAnsweredWithPongAndLeavingTheOwnRoomPausesEvents() {
        String user = UUID.randomUUID().toString();
        var options = client(Map.of("token", token(user))).websocketOnly();
        try (NodeSocketIoClient socket = connected(user, options);
                NodeSocketIoClient witness = connected(user, options)) {
            socket.emit("ping");
            assertThat(socket.awaitEvent("pong", WAIT).get(0).has("timestamp")).isTrue();

            socket.emit("leave", Map.of("room", user));
            socket.awaitEvent("left", WAIT);
            DomainEvents.task(user, "atom.task.created.v1", "While away");
            // the user's other connection shows the event has been handed out
            witness.awaitEvent("task:created", WAIT);
            socket.emit("join", Map.of("room", user));
            socket.awaitEvent("joined", WAIT);
            String id = DomainEvents.task(user, "atom.task.created.v1", "Back");
            assertThat(socket.awaitEvent("task:created", WAIT).get(0).get("id").asString())
                    .isEqualTo(id);
            assertThat(eventNames(socket)).containsExactly("connected", "pong", "left", "joined", "task:created");
        }
    }

    @Test
    void aConnectionIsClosedWhenItsTokenExpires() {
        String user = UUID.randomUUID().toString();
        String shortLived = TestJwtIssuer.get()
                .forUser(user)
                .expiresAt(Instant.now().plusSeconds(3))
                .sign();
        try (NodeSocketIoClient socket = connected(user, client(Map.of("token", shortLived)))) {
            assertThat(socket.awaitEvent("closing", WAIT).get(0).get("reason").asString())
                    .isEqualTo("token_expired");
            assertThat(socket.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        }
    }

    @Test
    void aDeactivatedUsersConnectionsCloseAndTheirOldTokensAreRefused() {
        String user = UUID.randomUUID().toString();
        String token = token(user);
        try (NodeSocketIoClient socket =
                connected(user, client(Map.of("token", token)).websocketOnly())) {
            DomainEvents.user(user, "atom.user.deactivated.v1", false);
            assertThat(socket.awaitEvent("closing", WAIT).get(0).get("reason").asString())
                    .isEqualTo("user_deactivated");
            assertThat(socket.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        }
        try (NodeSocketIoClient again = NodeSocketIoClient.start(client(Map.of("token", token)))) {
            assertThat(again.awaitConnectError(WAIT)).isEqualTo("The account is deactivated");
        }
    }

    @Test
    void aClientThatReconnectsWithItsResumeTokenGetsExactlyWhatItMissedInOrder() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                connected(user, client(Map.of("token", token(user))).websocketOnly())) {
            DomainEvents.task(user, "atom.task.created.v1", "Before");
            String resume = socket.awaitEvent("task:created", WAIT).get(1).asString();
            socket.disconnect();
            socket.awaitDisconnect(WAIT);

            List<String> missed = List.of(
                    DomainEvents.task(user, "atom.task.created.v1", "Missed 1"),
                    DomainEvents.task(user, "atom.task.created.v1", "Missed 2"),
                    DomainEvents.task(user, "atom.task.created.v1", "Missed 3"));
            try (NodeSocketIoClient resumed = NodeSocketIoClient.start(
                    client(Map.of("token", token(user), "resume", resume)).websocketOnly())) {
                resumed.awaitConnect(WAIT);
                assertThat(resumed.awaitEvent("connected", WAIT)
                                .get(0)
                                .get("resumed")
                                .asBoolean())
                        .isTrue();
                List<JsonNode> replayed = resumed.awaitEvents("task:created", 3, WAIT);
                assertThat(replayed)
                        .extracting(args -> args.get(0).get("id").asString())
                        .containsExactlyElementsOf(missed);
                String live = DomainEvents.task(user, "atom.task.created.v1", "Live");
                assertThat(resumed.awaitEvents("task:created", 4, WAIT)
                                .get(3)
                                .get(0)
                                .get("id")
                                .asString())
                        .isEqualTo(live);
                assertThat(eventNames(resumed))
                        .containsExactly("connected", "task:created", "task:created", "task:created", "task:created");
            }
        }
    }

    @Test
    void theStockClientRecoversByItselfAfterADisconnect() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                connected(user, client(Map.of("token", token(user))).websocketOnly())) {
            DomainEvents.task(user, "atom.task.created.v1", "Seen");
            socket.awaitEvents("task:created", 1, WAIT);
            socket.disconnect();
            socket.awaitDisconnect(WAIT);
            String missed = DomainEvents.task(user, "atom.task.created.v1", "Missed");

            // connection state recovery: the client sends its pid and last offset (our resume token) by itself
            socket.connect();
            assertThat(socket.awaitConnect(WAIT).recovered()).isTrue();
            assertThat(socket.awaitEvents("task:created", 2, WAIT)
                            .get(1)
                            .get(0)
                            .get("id")
                            .asString())
                    .isEqualTo(missed);
        }
    }

    @Test
    void anUnreadableResumeTokenEndsInResync() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket = NodeSocketIoClient.start(
                client(Map.of("token", token(user), "resume", "bm9wZQ")).websocketOnly())) {
            socket.awaitConnect(WAIT);
            JsonNode resync = socket.awaitEvent("resync", WAIT);
            assertThat(resync.get(1).isString()).as("a fresh resume token").isTrue();
            assertThat(socket.awaitEvent("connected", WAIT)
                            .get(0)
                            .get("resumed")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void aClientSendingTooFastIsDisconnected() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                connected(user, client(Map.of("token", token(user))).websocketOnly())) {
            for (int i = 0; i < 200; i++) {
                socket.emit("ping");
            }
            assertThat(socket.awaitEvent("closing", WAIT).get(0).get("reason").asString())
                    .isEqualTo("rate_limited");
            assertThat(socket.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        }
    }

    @Test
    void anotherNamespaceIsRefused() {
        String user = UUID.randomUUID().toString();
        try (NodeSocketIoClient socket =
                NodeSocketIoClient.start(NodeSocketIoClient.Options.of("http://127.0.0.1:" + port + "/admin")
                        .withAuth(Map.of("token", token(user))))) {
            assertThat(socket.awaitConnectError(WAIT)).isEqualTo("Invalid namespace");
        }
    }
}
