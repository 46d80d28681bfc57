package org.atom.realtime.ws;

import java.time.Duration;
import java.time.Instant;
import org.atom.realtime.delivery.ClientMessage;
import org.atom.realtime.delivery.CloseReason;
import org.atom.realtime.session.AuthenticatedUser;
import org.atom.realtime.session.Connection;
import org.atom.realtime.session.Connections;
import org.atom.realtime.session.WebSocketSender;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A client of the plain WebSocket protocol at {@code /ws}: JSON frames {@code {event, data, resume}}. */
final class WsConnection extends Connection {

    private final WebSocketSender sender;
    private final JsonMapper json;
    private final Duration pingInterval;
    private Instant nextPing;

    WsConnection(AuthenticatedUser user, Connections connections, WebSocketSender sender, JsonMapper json) {
        super(user, connections);
        this.sender = sender;
        this.json = json;
        this.pingInterval = connections.properties().pingInterval();
        this.nextPing = connections.now().plus(pingInterval);
    }

    @Override
    public String protocol() {
        return "websocket";
    }

    @Override
    public void attached(Attach attach, String resumeToken) {
        sender.send(frame("connected", welcome(attach), resumeToken), null);
        if (attach == Attach.RESYNC) {
            sender.send(frame("resync", resyncNotice(), resumeToken), null);
        }
    }

    @Override
    protected String frame(ClientMessage message, String resumeToken) {
        return frame(message.event(), message.data(), resumeToken);
    }

    static String frame(JsonMapper json, String event, JsonNode data, String resumeToken) {
        ObjectNode frame = json.createObjectNode();
        frame.put("event", event);
        frame.set("data", data);
        if (resumeToken != null) {
            frame.put("resume", resumeToken);
        }
        return json.writeValueAsString(frame);
    }

    private String frame(String event, JsonNode data, String resumeToken) {
        return frame(json, event, data, resumeToken);
    }

    @Override
    protected boolean write(String frame, Instant eventTime) {
        return sender.send(frame, eventTime);
    }

    @Override
    protected void reply(String event, JsonNode data) {
        if (!sender.send(frame(event, data, null), null)) {
            drop();
        }
    }

    @Override
    protected void terminate(CloseReason reason) {
        sender.send(frame("closing", closing(reason), null), null);
        sender.closeAfterFlush(new CloseStatus(reason.webSocketCode(), reason.reason()));
    }

    @Override
    protected boolean terminated() {
        return sender.isClosed();
    }

    @Override
    protected void keepAlive(Instant now) {
        if (!now.isBefore(nextPing)) {
            sender.ping();
            nextPing = now.plus(pingInterval);
        }
    }

    void receive(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (RuntimeException e) {
            message = null;
        }
        JsonNode event = message == null ? null : message.get("event");
        if (event == null || !event.isString()) {
            // counted like any message, so garbage cannot be sent faster than events
            if (received("", null)) {
                reply("error", message("Invalid message: expected {\"event\": \"...\", \"data\": {...}}"));
            }
            return;
        }
        received(event.asString(), message.get("data"));
    }
}
