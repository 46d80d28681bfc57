package org.atom.realtime.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.atom.realtime.delivery.CloseReason;
import org.atom.realtime.session.AuthenticatedUser;
import org.atom.realtime.session.ClientAuthenticator;
import org.atom.realtime.session.Connections;
import org.atom.realtime.session.RefusedException;
import org.atom.realtime.session.WebSocketSender;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plain WebSocket protocol at {@code /ws}. The token comes in the {@code access_token} query parameter
 * (browsers cannot set headers on a WebSocket) or as the subprotocol pair {@code bearer, <token>}; {@code resume}
 * carries the last resume token. A refused client gets an {@code error} frame, then close code 4401 (its token) or
 * 1013 (the instance is not taking clients: connect again).
 */
@Component
public class PlainWebSocketHandler extends TextWebSocketHandler implements SubProtocolCapable, HandshakeInterceptor {

    static final String BEARER_PROTOCOL = "bearer";
    private static final String TOKEN = "atom.token";
    private static final String RESUME = "atom.resume";
    private static final String CONNECTION = "atom.connection";

    private final ClientAuthenticator authenticator;
    private final Connections connections;
    private final JsonMapper json;

    public PlainWebSocketHandler(ClientAuthenticator authenticator, Connections connections, JsonMapper json) {
        this.authenticator = authenticator;
        this.connections = connections;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String token = decode(query.getFirst("access_token"));
        List<String> protocols = request.getHeaders().get("Sec-WebSocket-Protocol");
        if (token == null && protocols != null) {
            List<String> offered = protocols.stream()
                    .flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::trim)
                    .toList();
            int bearer = offered.indexOf(BEARER_PROTOCOL);
            if (bearer >= 0 && bearer + 1 < offered.size()) {
                token = offered.get(bearer + 1);
            }
        }
        if (token != null) {
            attributes.put(TOKEN, token);
        }
        String resume = decode(query.getFirst("resume"));
        if (resume != null) {
            attributes.put(RESUME, resume);
        }
        return true;
    }

    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    @Override
    public List<String> getSubProtocols() {
        return List.of(BEARER_PROTOCOL);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSender sender = new WebSocketSender(
                session,
                connections.properties().sendQueue(),
                connections.executor(),
                eventTime -> connections.metrics().delivered("websocket", eventTime));
        String busy = connections.admit();
        if (busy != null) {
            refuse(sender, CloseReason.TRY_AGAIN_LATER, busy);
            return;
        }
        try {
            AuthenticatedUser user =
                    authenticator.authenticate((String) session.getAttributes().get(TOKEN));
            WsConnection connection = new WsConnection(user, connections, sender, json);
            session.getAttributes().put(CONNECTION, connection);
            connections.open(connection, (String) session.getAttributes().get(RESUME));
        } catch (RefusedException e) {
            refuse(sender, CloseReason.UNAUTHORIZED, e.getMessage());
        }
    }

    /** An {@code error} frame {code, message}, then the close. */
    private void refuse(WebSocketSender sender, CloseReason reason, String message) {
        ObjectNode data = json.createObjectNode();
        data.put("code", reason.reason());
        data.put("message", message);
        sender.send(WsConnection.frame(json, "error", data, null), null);
        sender.closeAfterFlush(new CloseStatus(reason.webSocketCode(), reason.reason()));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        if (session.getAttributes().get(CONNECTION) instanceof WsConnection connection) {
            connection.receive(message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CONNECTION) instanceof WsConnection connection) {
            connection.ended(CloseReason.CLIENT_CLOSED);
        }
    }
}
