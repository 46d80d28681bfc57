package org.atom.realtime.socketio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atom.realtime.config.RealtimeProperties;
import org.atom.realtime.session.ClientAuthenticator;
import org.atom.realtime.session.Connections;
import org.atom.realtime.session.WebSocketSender;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/** The Engine.IO sessions of this instance and what they share: settings, authentication, heartbeat. */
@Component
class EngineIoServer {

    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final RealtimeProperties properties;
    private final Connections connections;
    private final ClientAuthenticator authenticator;
    private final JsonMapper json;
    private final Clock clock;

    EngineIoServer(
            RealtimeProperties properties,
            Connections connections,
            ClientAuthenticator authenticator,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.connections = connections;
        this.authenticator = authenticator;
        this.json = json;
        this.clock = clock;
        connections.every(Duration.ofSeconds(1), () -> {
            Instant now = clock.instant();
            sessions.values().forEach(session -> session.tick(now));
        });
    }

    /** A new session for a client that connects by long-polling: the open packet. */
    ResponseEntity<String> openPolling(String authorization) {
        String refused = connections.admit();
        if (refused != null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, 4, refused);
        }
        EngineSession session = new EngineSession(this, authorization, clock.instant());
        sessions.put(session.sid, session);
        return text(HttpStatus.OK, openPacket(session, List.of("websocket")));
    }

    /** A new session for a client that connects by WebSocket straight away; else why it is refused. */
    String openWebSocket(WebSocketSession webSocket, String authorization) {
        String refused = connections.admit();
        if (refused != null) {
            return refused;
        }
        EngineSession session = new EngineSession(this, authorization, clock.instant());
        sessions.put(session.sid, session);
        session.openOn(webSocket, openPacket(session, List.of()));
        webSocket.getAttributes().put(EngineIoWebSocketHandler.SESSION, session);
        return null;
    }

    private String openPacket(EngineSession session, List<String> upgrades) {
        return "0"
                + json.writeValueAsString(Map.of(
                        "sid", session.sid,
                        "upgrades", upgrades,
                        "pingInterval", properties.pingInterval().toMillis(),
                        "pingTimeout", properties.pingTimeout().toMillis(),
                        "maxPayload", properties.maxFrameSize().toBytes()));
    }

    EngineSession session(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    void forget(EngineSession session) {
        sessions.remove(session.sid, session);
    }

    WebSocketSender sender(WebSocketSession webSocket) {
        return new WebSocketSender(webSocket, properties.sendQueue(), connections.executor(), this::delivered);
    }

    void delivered(Instant eventTime) {
        connections.metrics().delivered("socket.io", eventTime);
    }

    RealtimeProperties properties() {
        return properties;
    }

    Connections connections() {
        return connections;
    }

    ClientAuthenticator authenticator() {
        return authenticator;
    }

    JsonMapper json() {
        return json;
    }

    Instant now() {
        return clock.instant();
    }

    static ResponseEntity<String> text(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(TEXT).body(body);
    }

    /** Engine.IO's error answer: {@code {"code": n, "message": "..."}}, as the reference server sends. */
    static ResponseEntity<String> error(HttpStatus status, int code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }
}
