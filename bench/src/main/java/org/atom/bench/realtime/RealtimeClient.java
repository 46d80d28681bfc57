package org.atom.bench.realtime;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One realtime client over a WebSocket (Reactor Netty), in one of realtime-service's two protocols:
 *
 * <ul>
 *   <li>{@link Protocol#SOCKET_IO}: Engine.IO v4's WebSocket transport without long-polling first
 *       ({@code /socket.io/?EIO=4&transport=websocket}, as {@code socket.io-client} with
 *       {@code transports: ['websocket']}): the server opens with {@code 0{sid, pingInterval …}}
 *       (EngineIoServer#openWebSocket), the client connects the default namespace with {@code 40{"token": …}} (the
 *       {@code auth} object, EngineSession#connect reads {@code auth.token}), the server answers {@code 40{sid, pid}}
 *       then {@code 42["connected", …]}; events come as {@code 42["task:created", {task}, "<resume>"]}; the server's
 *       Engine.IO ping {@code 2} is answered with {@code 3} (else it drops the session after its ping timeout); a
 *       refusal is {@code 44{"message": …}};
 *   <li>{@link Protocol#WS}: {@code /ws?access_token=<jwt>} (PlainWebSocketHandler), JSON frames
 *       {@code {"event", "data", "resume"}}, {@code connected} first; WebSocket pings are answered by Netty.
 * </ul>
 *
 * Frames are read on the connection's event-loop thread; each {@code task:created} goes to the {@link Listener} with
 * the receipt time taken first thing.
 */
final class RealtimeClient {

    /** The client's wire protocol. */
    enum Protocol {
        SOCKET_IO("socket.io"),
        WS("ws");

        final String label;

        Protocol(String label) {
            this.label = label;
        }
    }

    /** Where a client's {@code task:created} frames go. */
    interface Listener {
        /**
         * @param frame the whole text frame
         * @param receivedNanos {@link System#nanoTime()} when it was read
         */
        void taskCreated(RealtimeClient client, String frame, long receivedNanos);
    }

    private static final String SIO_EVENT = "42[\"";
    private static final String WS_EVENT = "{\"event\":\"";

    final Protocol protocol;
    final int index;
    final int user;
    private final String token;
    private volatile Listener listener;

    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<String> ready = Sinks.one();
    private volatile Disposable connection;
    private volatile WebsocketOutbound outbound;
    private volatile boolean closing;
    private volatile long startedNanos;
    private volatile long connectedNanos;
    /** why the server closed the connection or refused it, when it did */
    private volatile String serverClose;

    RealtimeClient(Protocol protocol, int index, int user, String token, Listener listener) {
        this.protocol = protocol;
        this.index = index;
        this.user = user;
        this.token = token;
        this.listener = listener;
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    /** The path and query of the socket, with the token where the protocol takes it. */
    String path() {
        return protocol == Protocol.SOCKET_IO
                ? "/socket.io/?EIO=4&transport=websocket"
                : "/ws?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * Opens the socket; the {@link Mono} emits {@code "connected"} once the server's {@code connected} event arrived,
     * or else what went wrong (a refusal, a failed handshake, a timeout).
     */
    Mono<String> open(HttpClient client, Duration timeout) {
        startedNanos = System.nanoTime();
        connection = client.websocket(reactor.netty.http.client.WebsocketClientSpec.builder()
                        .maxFramePayloadLength(1 << 20)
                        .build())
                .uri(path())
                .handle((in, out) -> {
                    outbound = out;
                    in.receiveCloseStatus().subscribe(this::closedByServer);
                    Mono<Void> sending = out.sendString(outgoing.asFlux()).then();
                    Mono<Void> receiving = in.aggregateFrames(1 << 20)
                            .receiveFrames()
                            .doOnNext(frame -> {
                                if (frame instanceof TextWebSocketFrame text) {
                                    onText(text.text());
                                }
                            })
                            .then();
                    return Mono.when(sending, receiving);
                })
                .subscribe(
                        ignored -> {},
                        error -> {
                            if (!closing) {
                                failed(kind(error));
                            }
                        },
                        () -> {
                            if (!closing) {
                                failed(serverClose != null ? serverClose : "closed by the server");
                            }
                        });
        return ready.asMono().timeout(timeout, Mono.fromSupplier(() -> {
            failed("timeout (" + timeout.toSeconds() + " s)");
            return "timeout (" + timeout.toSeconds() + " s)";
        }));
    }

    private void closedByServer(WebSocketCloseStatus status) {
        if (!closing && serverClose == null) {
            serverClose = "close " + status.code() + " " + status.reasonText();
        }
    }

    private void failed(String kind) {
        if (serverClose == null) {
            serverClose = kind;
        }
        ready.tryEmitValue(kind);
    }

    private void onText(String text) {
        long now = System.nanoTime();
        if (protocol == Protocol.SOCKET_IO) {
            onEngineIo(text, now);
        } else if (text.startsWith(WS_EVENT)) {
            onEvent(text, eventName(text, WS_EVENT.length()), now);
        }
    }

    private void onEngineIo(String text, long now) {
        if (text.isEmpty()) {
            return;
        }
        switch (text.charAt(0)) {
            case '0' -> send("40{\"token\":\"" + token + "\"}"); // open: connect the default namespace
            case '2' -> send("3"); // the server's heartbeat ping
            case '1' -> serverClose = "Engine.IO close";
            case '4' -> {
                if (text.startsWith(SIO_EVENT)) {
                    onEvent(text, eventName(text, SIO_EVENT.length()), now);
                } else if (text.startsWith("44")) {
                    failed("connect_error " + text.substring(2));
                } else if (text.startsWith("41")) {
                    serverClose = "Socket.IO disconnect";
                }
                // "40{sid, pid}": connected to the namespace; the "connected" event follows
            }
            default -> {
                // pong, noop
            }
        }
    }

    private void onEvent(String text, String event, long now) {
        switch (event) {
            case "task:created" -> listener.taskCreated(this, text, now);
            case "connected" -> {
                connectedNanos = now;
                ready.tryEmitValue("connected");
            }
            case "closing" -> serverClose = "closing " + text;
            case "error" -> {
                if (connectedNanos == 0) {
                    failed("refused " + text);
                }
            }
            default -> {
                // pong, joined … : not asked for here
            }
        }
    }

    private static String eventName(String text, int from) {
        int end = text.indexOf('"', from);
        return end < 0 ? "" : text.substring(from, end);
    }

    private void send(String text) {
        outgoing.emitNext(text, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(200)));
    }

    /** Closes the socket (WebSocket close 1000), or drops the connection when the handshake never completed. */
    void close() {
        closing = true;
        WebsocketOutbound out = outbound;
        if (out != null) {
            out.sendClose(1000, "bench done").subscribe(ignored -> {}, error -> dispose(), this::dispose);
        } else {
            dispose();
        }
    }

    private void dispose() {
        Disposable c = connection;
        if (c != null) {
            c.dispose();
        }
    }

    /** From the start of the handshake to the {@code connected} event, in µs; 0 when it never connected. */
    long connectMicros() {
        return connectedNanos == 0 ? 0 : Math.max(1, (connectedNanos - startedNanos) / 1000);
    }

    /** Why the server closed or refused this client (null: it did not). */
    String serverClose() {
        return closing ? null : serverClose;
    }

    /** A short name for a failed connection attempt. */
    static String kind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("WebSocketClientHandshakeException")) {
                var response =
                        ((io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException) t).response();
                return "handshake answered "
                        + (response == null ? "?" : response.status().code());
            }
            if (name.contains("Timeout")) {
                return "timeout";
            }
            if (t instanceof java.net.ConnectException || name.contains("Connect")) {
                return "connect: " + t.getMessage();
            }
            if (name.equals("PrematureCloseException") || name.contains("ClosedChannel")) {
                return "connection closed";
            }
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
