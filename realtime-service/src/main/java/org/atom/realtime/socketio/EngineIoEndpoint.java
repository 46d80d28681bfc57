package org.atom.realtime.socketio;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.atom.realtime.delivery.CloseReason;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Engine.IO's HTTP side at {@code /socket.io/}: the long-polling handshake, GETs and POSTs, and the WebSocket
 * upgrade handed to {@link EngineIoWebSocketHandler}. Answers as the reference server does to bad requests.
 */
@RestController
class EngineIoEndpoint {

    private final EngineIoServer server;
    private final WebSocketHttpRequestHandler webSocket;

    EngineIoEndpoint(EngineIoServer server, WebSocketHttpRequestHandler engineIoWebSocket) {
        this.server = server;
        this.webSocket = engineIoWebSocket;
    }

    @GetMapping({"/socket.io", "/socket.io/"})
    Object get(
            @RequestParam(name = "EIO", required = false) String version,
            @RequestParam(required = false) String transport,
            @RequestParam(required = false) String sid,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        ResponseEntity<String> refused = check(version, transport);
        if (refused != null) {
            return refused;
        }
        if (transport.equals("websocket")) {
            if (sid != null && server.session(sid) == null) {
                return unknownSession();
            }
            webSocket.handleRequest(request, response);
            return null;
        }
        if (sid == null) {
            return server.openPolling(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
        EngineSession session = server.session(sid);
        return session == null ? unknownSession() : session.poll();
    }

    @PostMapping({"/socket.io", "/socket.io/"})
    ResponseEntity<String> post(
            @RequestParam(name = "EIO", required = false) String version,
            @RequestParam(required = false) String transport,
            @RequestParam(required = false) String sid,
            HttpServletRequest request)
            throws IOException {
        ResponseEntity<String> refused = check(version, transport);
        if (refused != null) {
            return refused;
        }
        EngineSession session = server.session(sid);
        if (session == null || !transport.equals("polling")) {
            return unknownSession();
        }
        long limit = server.properties().maxFrameSize().toBytes();
        byte[] body = request.getInputStream().readNBytes((int) limit + 1);
        if (body.length > limit) {
            session.close(CloseReason.FRAME_TOO_LARGE);
            return EngineIoServer.error(HttpStatus.PAYLOAD_TOO_LARGE, 3, "Payload too large");
        }
        session.posted(new String(body, StandardCharsets.UTF_8));
        return EngineIoServer.text(HttpStatus.OK, "ok");
    }

    private static ResponseEntity<String> check(String version, String transport) {
        if (!"4".equals(version)) {
            return EngineIoServer.error(HttpStatus.BAD_REQUEST, 5, "Unsupported protocol version");
        }
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return EngineIoServer.error(HttpStatus.BAD_REQUEST, 0, "Transport unknown");
        }
        return null;
    }

    private static ResponseEntity<String> unknownSession() {
        return EngineIoServer.error(HttpStatus.BAD_REQUEST, 1, "Session ID unknown");
    }
}
