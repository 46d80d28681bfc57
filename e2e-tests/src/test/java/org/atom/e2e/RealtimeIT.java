package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atom.e2e.Accounts.Session;
import org.atom.testkit.AtomSuite;
import org.atom.testkit.NodeSocketIoClient;
import org.atom.testkit.TestApp;
import org.atom.testkit.TestHttp;
import org.atom.testkit.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * realtime-service through the gateway: REST changes in task-service reach the owner's Socket.IO (default and
 * websocket-only) and plain WebSocket clients, in order and once, never another user's; with two instances a client
 * resumes on the other one with its resume token, and the clients of a stopped instance recover on the other.
 */
@ExtendWith(RunningSuite.class)
class RealtimeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AFFINITY_COOKIE = "sc-lb-instance-id";

    private final AtomSuite suite = RunningSuite.suite();
    private final TestHttp gateway = RunningSuite.gateway();
    private final String gatewayUrl = "http://127.0.0.1:" + suite.port(AtomSuite.GATEWAY);

    private NodeSocketIoClient.Options socketIo(Session session) {
        return NodeSocketIoClient.Options.of(gatewayUrl).withAuth(Map.of("token", session.accessToken()));
    }

    /** A default (long-polling first) client pinned to one instance by the gateway's affinity cookie. */
    private NodeSocketIoClient.Options pinned(Session session, String instanceId) {
        return socketIo(session).withExtraHeaders(Map.of("Cookie", AFFINITY_COOKIE + "=" + instanceId));
    }

    private TestWebSocket plain(Session session) {
        return TestWebSocket.connect(URI.create(
                "ws://127.0.0.1:" + suite.port(AtomSuite.GATEWAY) + "/ws?access_token=" + session.accessToken()));
    }

    private String createTask(Session session, String title) {
        HttpResponse<String> created = gateway.post("/api/tasks", "{\"title\":\"" + title + "\"}")
                .bearer(session.accessToken())
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    /** The ids of the task events a Socket.IO client received, in order, as "event id". */
    private static List<String> taskEvents(NodeSocketIoClient client) {
        return client.events().stream()
                .filter(line -> line.path("type").asString().equals("event"))
                .filter(line -> line.get("event").asString().startsWith("task:"))
                .map(line -> line.get("event").asString() + " "
                        + line.get("args").get(0).get("id").asString())
                .toList();
    }

    private static List<String> taskEvents(TestWebSocket socket) {
        return socket.messages().stream()
                .map(JSON::readTree)
                .filter(frame -> frame.get("event").asString().startsWith("task:"))
                .map(frame -> frame.get("event").asString() + " "
                        + frame.get("data").get("id").asString())
                .toList();
    }

    private static void awaitConnected(NodeSocketIoClient client) {
        client.awaitConnect(WAIT);
        client.awaitEvent("connected", WAIT);
    }

    @Test
    void everyProtocolGetsItsUsersTaskEventsInOrderAndAnotherUserNone() {
        Session ada = Accounts.register(Accounts.uniqueEmail("realtime"));
        Session bob = Accounts.register(Accounts.uniqueEmail("realtime-other"));
        try (NodeSocketIoClient byDefault =
                        NodeSocketIoClient.start(socketIo(ada).withCredentials(true));
                NodeSocketIoClient websocketOnly =
                        NodeSocketIoClient.start(socketIo(ada).websocketOnly());
                TestWebSocket plain = plain(ada);
                NodeSocketIoClient bobs = NodeSocketIoClient.start(socketIo(bob).websocketOnly())) {
            awaitConnected(byDefault);
            assertThat(byDefault.awaitUpgrade(WAIT)).isEqualTo("websocket");
            awaitConnected(websocketOnly);
            awaitConnected(bobs);
            plain.awaitMessage(text -> text.contains("\"event\":\"connected\""), WAIT);

            String id = createTask(ada, "Pushed");
            assertThat(gateway.put("/api/tasks/" + id, "{\"title\":\"Pushed again\"}")
                            .bearer(ada.accessToken())
                            .send()
                            .statusCode())
                    .isEqualTo(200);
            assertThat(gateway.delete("/api/tasks/" + id)
                            .bearer(ada.accessToken())
                            .send()
                            .statusCode())
                    .isEqualTo(204);

            List<String> expected = List.of("task:created " + id, "task:updated " + id, "task:deleted " + id);
            for (NodeSocketIoClient client : List.of(byDefault, websocketOnly)) {
                client.awaitEvents("task:deleted", 1, WAIT);
                assertThat(taskEvents(client)).containsExactlyElementsOf(expected);
            }
            plain.awaitMessage(text -> text.contains("\"event\":\"task:deleted\""), WAIT);
            assertThat(taskEvents(plain)).containsExactlyElementsOf(expected);

            // bob's own task arrives; ada's never did
            String bobsTask = createTask(bob, "Bob's");
            bobs.awaitEvents("task:created", 1, WAIT);
            assertThat(taskEvents(bobs)).containsExactly("task:created " + bobsTask);
        }
    }

    @Test
    void connectingWithoutAValidTokenOrJoiningAnotherUsersRoomIsRefused() {
        Session ada = Accounts.register(Accounts.uniqueEmail("realtime-refused"));
        Session bob = Accounts.register(Accounts.uniqueEmail("realtime-victim"));
        try (NodeSocketIoClient anonymous = NodeSocketIoClient.start(NodeSocketIoClient.Options.of(gatewayUrl))) {
            assertThat(anonymous.awaitConnectError(WAIT))
                    .isEqualTo("Authentication required: connect with an access token");
        }
        String[] parts = ada.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "x." + parts[2];
        try (NodeSocketIoClient forged = NodeSocketIoClient.start(NodeSocketIoClient.Options.of(gatewayUrl)
                .withAuth(Map.of("token", tampered))
                .websocketOnly())) {
            assertThat(forged.awaitConnectError(WAIT)).isEqualTo("The access token is invalid");
        }
        try (NodeSocketIoClient mallory = NodeSocketIoClient.start(socketIo(ada).websocketOnly())) {
            awaitConnected(mallory);
            mallory.emit("join", Map.of("room", bob.userId()));
            assertThat(mallory.awaitEvent("error", WAIT).get(0).get("message").asString())
                    .isEqualTo("Not allowed to join room " + bob.userId());
            createTask(bob, "Not for Mallory");
            String own = createTask(ada, "Mallory's own");
            mallory.awaitEvents("task:created", 1, WAIT);
            assertThat(taskEvents(mallory)).containsExactly("task:created " + own);
        }
    }

    @Test
    void withTwoInstancesClientsGetEachEventOnceAndResumeOnTheOtherInstance() {
        Session ada = Accounts.register(Accounts.uniqueEmail("realtime-two"));
        int firstPort = suite.port(AtomSuite.REALTIME_SERVICE);
        try (TestApp second = startSecondInstance()) {
            String first = instanceId(firstPort);
            String other = instanceId(second.port());
            awaitRoutable(other);

            // a spread of clients over both instances, each must get every event once
            List<NodeSocketIoClient> clients = new ArrayList<>();
            try (TestWebSocket plain = plain(ada)) {
                clients.add(NodeSocketIoClient.start(pinned(ada, first)));
                clients.add(NodeSocketIoClient.start(pinned(ada, other)));
                clients.add(NodeSocketIoClient.start(socketIo(ada).websocketOnly()));
                clients.add(NodeSocketIoClient.start(socketIo(ada).websocketOnly()));
                clients.add(NodeSocketIoClient.start(socketIo(ada).withCredentials(true)));
                clients.forEach(RealtimeIT::awaitConnected);
                plain.awaitMessage(text -> text.contains("\"event\":\"connected\""), WAIT);

                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    expected.add("task:created " + createTask(ada, "Spread " + i));
                }
                for (NodeSocketIoClient client : clients) {
                    client.awaitEvents("task:created", 3, WAIT);
                }
                plain.awaitMessage(text -> text.contains(expected.get(2).substring("task:created ".length())), WAIT);
                // nothing more arrives behind them: the next event is the first one after
                String marker = createTask(ada, "Marker");
                expected.add("task:created " + marker);
                for (NodeSocketIoClient client : clients) {
                    client.awaitEvents("task:created", 4, WAIT);
                    assertThat(taskEvents(client)).containsExactlyElementsOf(expected);
                }
                plain.awaitMessage(text -> text.contains(marker), WAIT);
                assertThat(taskEvents(plain)).containsExactlyElementsOf(expected);
            } finally {
                clients.forEach(NodeSocketIoClient::close);
            }

            // disconnected from the first instance; three tasks later it resumes on the other one
            String resume;
            try (NodeSocketIoClient onFirst = NodeSocketIoClient.start(pinned(ada, first))) {
                awaitConnected(onFirst);
                createTask(ada, "Seen");
                resume = onFirst.awaitEvents("task:created", 1, WAIT)
                        .get(0)
                        .get(1)
                        .asString();
            }
            List<String> missed = List.of(
                    "task:created " + createTask(ada, "Missed 1"),
                    "task:created " + createTask(ada, "Missed 2"),
                    "task:created " + createTask(ada, "Missed 3"));
            double resumedBefore = resumes(second.port());
            try (NodeSocketIoClient onOther = NodeSocketIoClient.start(
                    pinned(ada, other).withAuth(Map.of("token", ada.accessToken(), "resume", resume)))) {
                onOther.awaitConnect(WAIT);
                assertThat(onOther.awaitEvent("connected", WAIT)
                                .get(0)
                                .get("resumed")
                                .asBoolean())
                        .isTrue();
                onOther.awaitEvents("task:created", 3, WAIT);
                String after = createTask(ada, "After");
                onOther.awaitEvents("task:created", 4, WAIT);
                List<String> all = new ArrayList<>(missed);
                all.add("task:created " + after);
                assertThat(taskEvents(onOther)).containsExactlyElementsOf(all);
            }
            assertThat(resumes(second.port()))
                    .as("resumed on the other instance")
                    .isGreaterThan(resumedBefore);

            // the clients of an instance that shuts down reconnect to the other one and miss nothing
            try (NodeSocketIoClient survivor =
                    NodeSocketIoClient.start(pinned(ada, other).withReconnection(true))) {
                awaitConnected(survivor);
                second.close();
                survivor.awaitDisconnect(WAIT);
                String whileAway = createTask(ada, "While the instance was gone");
                assertThat(survivor.awaitConnect(WAIT).recovered()).isTrue();
                survivor.awaitEvents("task:created", 1, WAIT);
                String later = createTask(ada, "Later");
                survivor.awaitEvents("task:created", 2, WAIT);
                assertThat(taskEvents(survivor)).containsExactly("task:created " + whileAway, "task:created " + later);
            }
        }
    }

    /**
     * Commit-to-client latency through the gateway, logged (never asserted: numbers belong to benchmarks): tasks
     * created one after another, each timed from sending its POST to a plain WebSocket client receiving its event.
     * {@code ./mvnw -pl e2e-tests verify -Dit.test=RealtimeIT}, then look for {@code REALTIME LATENCY}.
     */
    @Test
    void everyCreatedTaskArrivesOnceInOrderAndItsLatencyIsLogged() throws Exception {
        Session ada = Accounts.register(Accounts.uniqueEmail("realtime-latency"));
        int count = 100;
        BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
        ConcurrentMap<String, Long> arrivedAt = new ConcurrentHashMap<>();
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    long now = System.nanoTime();
                    JsonNode frame = JSON.readTree(partial.toString());
                    partial.setLength(0);
                    if (frame.get("event").asString().equals("connected")) {
                        arrivals.add("connected");
                    } else if (frame.get("event").asString().equals("task:created")) {
                        String id = frame.get("data").get("id").asString();
                        arrivedAt.put(id, now);
                        arrivals.add(id);
                    }
                }
                socket.request(1);
                return null;
            }
        };
        var socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + suite.port(AtomSuite.GATEWAY) + "/ws?access_token="
                                + ada.accessToken()),
                        listener)
                .get(30, TimeUnit.SECONDS);
        try {
            // events before the welcome are not for this connection (it was not attached yet)
            assertThat(arrivals.poll(30, TimeUnit.SECONDS)).isEqualTo("connected");
            createTask(ada, "Warm-up");
            assertThat(arrivals.poll(30, TimeUnit.SECONDS)).isNotNull();
            List<String> ids = new ArrayList<>();
            long[] latencies = new long[count];
            long[] requests = new long[count];
            for (int i = 0; i < count; i++) {
                long sent = System.nanoTime();
                String id = createTask(ada, "Timed " + i);
                requests[i] = System.nanoTime() - sent;
                ids.add(id);
                String arrived = arrivals.poll(30, TimeUnit.SECONDS);
                assertThat(arrived).as("event of task %d", i).isEqualTo(id);
                latencies[i] = arrivedAt.get(id) - sent;
            }
            assertThat(arrivals).as("nothing twice").isEmpty();
            Arrays.sort(latencies);
            Arrays.sort(requests);
            System.out.printf(
                    "REALTIME LATENCY (POST sent -> /ws frame received, through the gateway, %d tasks): "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; the POST alone: p50 %.1f ms, "
                            + "p99 %.1f ms%n",
                    count,
                    latencies[count / 2] / 1e6,
                    latencies[count * 9 / 10] / 1e6,
                    latencies[count * 99 / 100] / 1e6,
                    latencies[count - 1] / 1e6,
                    requests[count / 2] / 1e6,
                    requests[count * 99 / 100] / 1e6);
        } finally {
            socket.abort();
        }
    }

    private TestApp startSecondInstance() {
        String json = suite.environment().get("SPRING_APPLICATION_JSON");
        return TestApp.start(
                "realtime-service-2",
                "atom.jar.realtime-service",
                "--CONFIG_SERVER_URL=http://127.0.0.1:" + suite.port(AtomSuite.CONFIG_SERVER),
                "--EUREKA_URL=http://127.0.0.1:" + suite.port(AtomSuite.DISCOVERY) + "/eureka/",
                "--eureka.instance.ip-address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=" + suite.kafkaBootstrapServers(),
                "--ATOM_AUTH_ISSUER=http://127.0.0.1:" + suite.port(AtomSuite.AUTH_SERVICE),
                "--spring.application.json=" + json);
    }

    /** The Eureka instance id of the realtime-service instance on this port, once it is registered and up. */
    private String instanceId(int port) {
        TestHttp discovery = TestHttp.localhost(suite.port(AtomSuite.DISCOVERY));
        return await().atMost(WAIT)
                .until(
                        () -> {
                            HttpResponse<String> apps = discovery
                                    .get("/eureka/apps/REALTIME-SERVICE")
                                    .header("Accept", "application/json")
                                    .send();
                            if (apps.statusCode() != 200) {
                                return null;
                            }
                            for (JsonNode instance : JSON.readTree(apps.body())
                                    .path("application")
                                    .path("instance")) {
                                if (instance.path("port").path("$").asInt() == port
                                        && instance.path("status").asString().equals("UP")) {
                                    return instance.path("instanceId").asString();
                                }
                            }
                            return null;
                        },
                        id -> id != null);
    }

    /** Waits until the gateway knows the instance: a handshake pinned to it is answered by it. */
    private void awaitRoutable(String instanceId) {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> handshake = gateway.get("/socket.io/?EIO=4&transport=polling")
                    .header("Cookie", AFFINITY_COOKIE + "=" + instanceId)
                    .send();
            assertThat(handshake.statusCode()).isEqualTo(200);
            assertThat(handshake.headers().allValues("Set-Cookie"))
                    .anySatisfy(cookie -> assertThat(cookie).startsWith(AFFINITY_COOKIE + "=" + instanceId + ";"));
        });
    }

    private static double resumes(int port) {
        String metrics =
                TestHttp.localhost(port).get("/actuator/prometheus").send().body();
        return metrics.lines()
                .filter(line -> line.startsWith("atom_realtime_attaches_total") && line.contains("outcome=\"resumed\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
