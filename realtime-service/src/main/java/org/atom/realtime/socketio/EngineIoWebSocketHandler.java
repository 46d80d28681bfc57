package org.atom.realtime.socketio;

import java.util.List;
import org.atom.realtime.delivery.CloseReason;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/** Engine.IO's WebSocket transport: an upgrade of a polling session ({@code sid}), or a session of its own. */
@Component
class EngineIoWebSocketHandler extends TextWebSocketHandler {

    static final String SESSION = "engine.io.session";

    private final EngineIoServer server;

    EngineIoWebSocketHandler(EngineIoServer server) {
        this.server = server;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession webSocket) throws Exception {
        String sid = UriComponentsBuilder.fromUri(webSocket.getUri())
                .build()
                .getQueryParams()
                .getFirst("sid");
        if (sid == null) {
            String refused = server.openWebSocket(webSocket, authorization(webSocket.getHandshakeHeaders()));
            if (refused != null) {
                webSocket.close(new CloseStatus(CloseReason.TRY_AGAIN_LATER.webSocketCode(), refused));
            }
            return;
        }
        EngineSession session = server.session(sid);
        if (session == null || !session.probing(webSocket)) {
            webSocket.close(new CloseStatus(CloseReason.PROTOCOL_ERROR.webSocketCode(), "Session ID unknown"));
            return;
        }
        webSocket.getAttributes().put(SESSION, session);
    }

    private static String authorization(HttpHeaders headers) {
        List<String> values = headers.get(HttpHeaders.AUTHORIZATION);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    protected void handleTextMessage(WebSocketSession webSocket, TextMessage message) {
        if (webSocket.getAttributes().get(SESSION) instanceof EngineSession session) {
            session.webSocketMessage(webSocket, message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession webSocket, CloseStatus status) {
        if (webSocket.getAttributes().get(SESSION) instanceof EngineSession session) {
            session.webSocketClosed(webSocket);
        }
    }
}
