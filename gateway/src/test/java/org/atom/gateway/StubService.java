package org.atom.gateway;

import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in service instance registered in the real Eureka server: it echoes what reached it (method, path,
 * headers, body size) as JSON, slowly or not at all if asked, serves an OpenAPI document, echoes WebSocket frames on
 * {@code /ws} and, on an optional second port, answers {@code /socket.io/} with its instance id.
 */
final class StubService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String service;
    final String instanceId;
    private final DisposableServer server;
    private final DisposableServer socketIo;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    private StubService(String service, String instanceId, boolean separateSocketIoPort) {
        this.service = service;
        this.instanceId = instanceId;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(
                                "/v3/api-docs",
                                (request, response) -> response.header("Content-Type", "application/json")
                                        .sendString(Mono.just("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + service
                                                + " stub\",\"version\":\"1\"},\"paths\":{}}")))
                        .ws(
                                "/ws",
                                (in, out) -> out.sendString(in.aggregateFrames(1 << 20)
                                        .receive()
                                        .asString()
                                        .map(text -> "echo:" + text)),
                                WebsocketServerSpec.builder()
                                        .maxFramePayloadLength(1 << 20)
                                        .build())
                        .route(request -> true, this::echo))
                .bindNow();
        this.socketIo = separateSocketIoPort
                ? HttpServer.create()
                        .host("127.0.0.1")
                        .port(0)
                        .route(routes -> routes.get(
                                "/socket.io/",
                                (request, response) -> response.sendString(Mono.just("socket.io:" + instanceId))))
                        .bindNow()
                : null;
    }

    /**
     * Answers with what reached it, the body's size included ({@code bodyBytes}), after reading the whole body;
     * {@code X-Stub-Delay-Millis} delays the answer (status line and headers too), {@code X-Stub-Drop} closes the
     * connection without one.
     */
    private Publisher<Void> echo(HttpServerRequest request, HttpServerResponse response) {
        String requestId = request.requestHeaders().get("X-Request-Id", "");
        received.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
        if (request.requestHeaders().contains("X-Stub-Drop")) {
            return response.withConnection(Connection::dispose).then();
        }
        Duration delay =
                Duration.ofMillis(Long.parseLong(request.requestHeaders().get("X-Stub-Delay-Millis", "0")));
        Mono<String> echo = request.receive()
                .map(ByteBuf::readableBytes)
                .reduce(0L, Long::sum)
                .delayElement(delay)
                .map(bodyBytes -> {
                    Map<String, Object> echoed = new LinkedHashMap<>();
                    echoed.put("instance", instanceId);
                    echoed.put("method", request.method().name());
                    echoed.put("uri", request.uri());
                    request.requestHeaders().forEach(h -> echoed.put(h.getKey().toLowerCase(), h.getValue()));
                    echoed.put("bodyBytes", bodyBytes);
                    return JSON.writeValueAsString(echoed);
                });
        return response.header("Content-Type", "application/json").sendString(echo);
    }

    /** How many requests with this {@code X-Request-Id} reached the stub. */
    int received(String requestId) {
        AtomicInteger count = received.get(requestId);
        return count == null ? 0 : count.get();
    }

    int port() {
        return server.port();
    }

    /** Starts the stub without registering it anywhere. */
    static StubService standalone(String service, String instanceId) {
        return new StubService(service, instanceId, false);
    }

    /** Starts the stub and registers it in Eureka under the service id. */
    static StubService register(String eurekaUrl, String service, String instanceId, boolean separateSocketIoPort) {
        StubService stub = new StubService(service, instanceId, separateSocketIoPort);
        stub.registerIn(eurekaUrl);
        return stub;
    }

    private void registerIn(String eurekaUrl) {
        String app = service.toUpperCase();
        int port = server.port();
        String metadata = socketIo == null ? "{}" : "{\"socketio-port\":\"" + socketIo.port() + "\"}";
        String instance = """
                {"instance":{"instanceId":"%1$s","hostName":"127.0.0.1","app":"%2$s","ipAddr":"127.0.0.1",
                 "status":"UP","overriddenStatus":"UNKNOWN",
                 "port":{"$":%3$d,"@enabled":"true"},"securePort":{"$":443,"@enabled":"false"},"countryId":1,
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},
                 "leaseInfo":{"renewalIntervalInSecs":30,"durationInSecs":600},
                 "metadata":%4$s,"vipAddress":"%5$s","secureVipAddress":"%5$s",
                 "homePageUrl":"http://127.0.0.1:%3$d/","statusPageUrl":"http://127.0.0.1:%3$d/actuator/info",
                 "healthCheckUrl":"http://127.0.0.1:%3$d/actuator/health"}}
                """.formatted(instanceId, app, port, metadata, service);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(eurekaUrl + "apps/" + app))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(instance))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException(
                        "Eureka refused " + instanceId + ": " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
        if (socketIo != null) {
            socketIo.disposeNow();
        }
    }
}
