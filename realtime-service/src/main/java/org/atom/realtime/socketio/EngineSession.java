package org.atom.realtime.socketio;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import org.atom.realtime.delivery.CloseReason;
import org.atom.realtime.session.AuthenticatedUser;
import org.atom.realtime.session.RefusedException;
import org.atom.realtime.session.WebSocketSender;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;

/**
 * One Engine.IO v4 session: long-polling (a held GET takes everything queued, packets joined by the record
 * separator), optionally upgraded to a WebSocket (probe, then upgrade), with the server's heartbeat; and on top
 * the Socket.IO socket of the default namespace once the client connects it with an acceptable token.
 */
final class EngineSession {

    static final char SEPARATOR = '\u001e';

    final String sid = UUID.randomUUID().toString();
    private final EngineIoServer server;
    /** the Authorization header of the request that opened the session, a token source besides auth.token */
    private final String authorization;

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private DeferredResult<ResponseEntity<String>> poll;
    private WebSocketSession probe;
    /**
     * The probe answered the client's ping: the client now pauses polling, so a poll is answered at once. Before
     * that a poll is held as usual: answered at once from the probe's connect on, the client polled in a tight loop
     * until the probe ping came (hundreds of requests per second through the gateway, each counted by its rate
     * limit).
     */
    private boolean upgrading;

    private WebSocketSender webSocket;
    private boolean closed;
    private boolean pollingDone;
    private Instant closedAt;
    private Instant connectBy;
    private Instant nextPing;
    private Instant pingSentAt;
    private volatile SocketIoConnection socket;

    EngineSession(EngineIoServer server, String authorization, Instant now) {
        this.server = server;
        this.authorization = authorization;
        this.connectBy = now.plus(server.properties().connectTimeout());
        this.nextPing = now.plus(server.properties().pingInterval());
    }

    /** Starts the session directly on a WebSocket (a client with {@code transports: ['websocket']}). */
    synchronized void openOn(WebSocketSession session, String openPacket) {
        webSocket = server.sender(session);
        webSocket.send(openPacket, null);
    }

    /** Queues an Engine.IO packet; false when the client's queue is full or the session closed. */
    synchronized boolean send(String packet, Instant eventTime) {
        if (closed) {
            return false;
        }
        if (webSocket != null) {
            return webSocket.send(packet, eventTime);
        }
        if (queue.size() >= server.properties().sendQueue()) {
            return false;
        }
        queue.add(new Queued(packet, eventTime));
        if (poll != null && flush(poll)) {
            poll = null;
        }
        return true;
    }

    /** A long-polling GET: answered at once when something is queued, else held until something is. */
    DeferredResult<ResponseEntity<String>> poll() {
        DeferredResult<ResponseEntity<String>> result = new DeferredResult<>(
                server.properties()
                        .pingInterval()
                        .plus(server.properties().pingTimeout())
                        .toMillis(),
                () -> EngineIoServer.text(HttpStatus.OK, "6"));
        synchronized (this) {
            if (webSocket == null && poll == null) {
                hold(result);
                return result;
            }
        }
        // a second concurrent poll, or polling after the upgrade: the client is confused; so is the session
        result.setResult(EngineIoServer.error(HttpStatus.BAD_REQUEST, 3, "Bad request"));
        close(CloseReason.PROTOCOL_ERROR);
        return result;
    }

    private void hold(DeferredResult<ResponseEntity<String>> result) {
        if (closed) {
            flush(result); // what was queued, and the close packet
            pollingDone = true;
            server.forget(this);
        } else if (!queue.isEmpty()) {
            flush(result);
        } else if (upgrading) {
            answer(result, "6");
        } else {
            poll = result;
            result.onCompletion(() -> {
                synchronized (this) {
                    if (poll == result) {
                        poll = null;
                    }
                }
            });
        }
    }

    /** Answers a poll with everything queued; false (nothing taken) when the poll had already ended. */
    private boolean flush(DeferredResult<ResponseEntity<String>> result) {
        StringBuilder payload = new StringBuilder();
        for (Queued packet : queue) {
            if (!payload.isEmpty()) {
                payload.append(SEPARATOR);
            }
            payload.append(packet.text);
        }
        if (!result.setResult(EngineIoServer.text(HttpStatus.OK, payload.toString()))) {
            return false;
        }
        for (Queued packet : queue) {
            if (packet.eventTime != null) {
                server.delivered(packet.eventTime);
            }
        }
        queue.clear();
        return true;
    }

    private static void answer(DeferredResult<ResponseEntity<String>> result, String payload) {
        result.setResult(EngineIoServer.text(HttpStatus.OK, payload));
    }

    /** The packets of a long-polling POST. */
    void posted(String body) {
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = body.length();
            }
            packet(body.substring(start, end));
            start = end + 1;
        }
    }

    /** A WebSocket that names this session: the upgrade probe. */
    synchronized boolean probing(WebSocketSession session) {
        if (closed || webSocket != null || probe != null) {
            return false;
        }
        probe = session;
        return true;
    }

    void webSocketMessage(WebSocketSession from, String text) {
        synchronized (this) {
            if (from == probe) {
                if (text.equals("2probe")) {
                    try {
                        from.sendMessage(new TextMessage("3probe"));
                    } catch (IOException e) {
                        probe = null;
                        return;
                    }
                    upgrading = true;
                    // the client pauses polling before it upgrades: release a held GET
                    if (poll != null) {
                        answer(poll, "6");
                        poll = null;
                    }
                } else if (text.equals("5")) {
                    upgrade();
                }
                return;
            }
        }
        packet(text);
    }

    private void upgrade() {
        webSocket = server.sender(probe);
        probe = null;
        upgrading = false;
        Queued packet;
        while ((packet = queue.poll()) != null) {
            webSocket.send(packet.text, packet.eventTime);
        }
        if (poll != null) {
            answer(poll, "6");
            poll = null;
        }
    }

    void webSocketClosed(WebSocketSession session) {
        synchronized (this) {
            if (session == probe) {
                probe = null; // the upgrade failed: polling goes on
                upgrading = false;
                return;
            }
        }
        close(CloseReason.CLIENT_CLOSED);
    }

    private void packet(String packet) {
        if (packet.isEmpty()) {
            return;
        }
        switch (packet.charAt(0)) {
            case '1' -> close(CloseReason.CLIENT_CLOSED);
            case '3' -> pong();
            case '4' -> message(packet.substring(1));
            case '2', '5', '6' -> {
                // client pings and stray upgrade or noop packets mean nothing here
            }
            default -> close(CloseReason.PROTOCOL_ERROR);
        }
    }

    private synchronized void pong() {
        pingSentAt = null;
        nextPing = server.now().plus(server.properties().pingInterval());
    }

    private void message(String text) {
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.parse(text, server.json());
        } catch (IllegalArgumentException e) {
            close(CloseReason.PROTOCOL_ERROR);
            return;
        }
        if (!packet.namespace().equals("/")) {
            send("44" + packet.namespace() + "," + errorJson("Invalid namespace"), null);
            return;
        }
        SocketIoConnection current = socket;
        switch (packet.type()) {
            case SocketIoPacket.CONNECT -> {
                if (current == null || current.isClosed()) {
                    connect(packet.payload());
                }
            }
            case SocketIoPacket.DISCONNECT -> {
                if (current != null) {
                    current.ended(CloseReason.CLIENT_CLOSED);
                    socketEnded();
                }
            }
            case SocketIoPacket.EVENT -> {
                JsonNode args = packet.payload();
                if (current == null || current.isClosed()) {
                    return; // not connected: nothing to answer to
                }
                if (args == null
                        || !args.isArray()
                        || args.isEmpty()
                        || !args.get(0).isString()) {
                    current.close(CloseReason.PROTOCOL_ERROR);
                    return;
                }
                current.receive(args.get(0).asString(), args.size() > 1 ? args.get(1) : null, packet.ackId());
            }
            case SocketIoPacket.ACK -> {
                // the server asks for no acknowledgements
            }
            default -> close(CloseReason.PROTOCOL_ERROR);
        }
    }

    private void connect(JsonNode auth) {
        String token = text(auth, "token");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        String clientPid = text(auth, "pid");
        String resume = text(auth, "resume");
        if (resume == null && clientPid != null) {
            resume = text(auth, "offset");
        }
        try {
            AuthenticatedUser user = server.authenticator().authenticate(token);
            SocketIoConnection connection =
                    new SocketIoConnection(user, server.connections(), this, server.json(), clientPid);
            socket = connection;
            server.connections().open(connection, resume);
        } catch (RefusedException e) {
            socket = null;
            send(SocketIoPacket.encode(SocketIoPacket.CONNECT_ERROR, errorJson(e.getMessage())), null);
        }
    }

    private synchronized void socketEnded() {
        socket = null;
        connectBy = server.now().plus(server.properties().connectTimeout());
    }

    private String errorJson(String message) {
        return server.json().writeValueAsString(Map.of("message", message));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    /** Closes the session; queued packets still go out (over the WebSocket, or to the next poll). */
    void close(CloseReason reason) {
        SocketIoConnection ended;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closedAt = server.now();
            ended = socket;
            if (webSocket != null) {
                webSocket.closeAfterFlush(new CloseStatus(reason.webSocketCode(), reason.reason()));
                server.forget(this);
            } else {
                if (probe != null) {
                    try {
                        probe.close(CloseStatus.GOING_AWAY);
                    } catch (IOException e) {
                        // the probe is gone already
                    }
                }
                queue.add(new Queued("1", null));
                if (poll != null && flush(poll)) {
                    poll = null;
                    pollingDone = true;
                    server.forget(this);
                }
                // otherwise the next poll takes what is queued and the close packet
            }
        }
        if (ended != null) {
            ended.ended(reason);
        }
    }

    /** Closed and nothing left to write. */
    synchronized boolean terminated() {
        return closed && (webSocket != null ? webSocket.isClosed() : pollingDone);
    }

    /** Heartbeat and timeouts, about once a second. */
    void tick(Instant now) {
        CloseReason timeout = null;
        synchronized (this) {
            if (closed) {
                if (now.isAfter(closedAt.plus(server.properties().pingTimeout()))) {
                    pollingDone = true; // the client never came back for the close packet
                    server.forget(this);
                }
                return;
            }
            if (socket == null && now.isAfter(connectBy)) {
                timeout = CloseReason.CONNECT_TIMEOUT;
            } else if (pingSentAt != null
                    && now.isAfter(pingSentAt.plus(server.properties().pingTimeout()))) {
                timeout = CloseReason.PING_TIMEOUT;
            } else if (pingSentAt == null && !now.isBefore(nextPing)) {
                pingSentAt = now;
                send("2", null);
            }
        }
        if (timeout != null) {
            close(timeout);
        }
    }

    private record Queued(String text, Instant eventTime) {}
}
