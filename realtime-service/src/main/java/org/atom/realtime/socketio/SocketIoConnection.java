package org.atom.realtime.socketio;

import java.time.Instant;
import org.atom.realtime.delivery.ClientMessage;
import org.atom.realtime.delivery.CloseReason;
import org.atom.realtime.session.AuthenticatedUser;
import org.atom.realtime.session.Connection;
import org.atom.realtime.session.Connections;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Socket.IO client of the default namespace. Every event carries the resume token as its last argument, which
 * the stock client records by itself (connection state recovery: the CONNECT reply names a {@code pid}) and sends
 * back as {@code auth.offset} when it reconnects; {@code auth.resume} works as well.
 */
final class SocketIoConnection extends Connection {

    private final EngineSession engine;
    private final JsonMapper json;
    /** the client's pid when it asked to recover, so a successful resume hands it back */
    private final String clientPid;

    SocketIoConnection(
            AuthenticatedUser user, Connections connections, EngineSession engine, JsonMapper json, String clientPid) {
        super(user, connections);
        this.engine = engine;
        this.json = json;
        this.clientPid = clientPid;
    }

    @Override
    public String protocol() {
        return "socket.io";
    }

    @Override
    public void attached(Attach attach, String resumeToken) {
        ObjectNode connect = json.createObjectNode();
        connect.put("sid", id());
        // the same pid tells the client it recovered (socket.recovered); a new one that it did not
        connect.put("pid", attach == Attach.RESUMED && clientPid != null ? clientPid : id());
        engine.send(SocketIoPacket.encode(SocketIoPacket.CONNECT, json.writeValueAsString(connect)), null);
        engine.send(event("connected", welcome(attach), resumeToken), null);
        if (attach == Attach.RESYNC) {
            engine.send(event("resync", resyncNotice(), resumeToken), null);
        }
    }

    @Override
    protected String frame(ClientMessage message, String resumeToken) {
        return event(message.event(), message.data(), resumeToken);
    }

    private String event(String name, JsonNode data, String resumeToken) {
        ArrayNode args = json.createArrayNode();
        args.add(name);
        args.add(data);
        if (resumeToken != null) {
            args.add(resumeToken);
        }
        return SocketIoPacket.encode(SocketIoPacket.EVENT, json.writeValueAsString(args));
    }

    @Override
    protected boolean write(String frame, Instant eventTime) {
        return engine.send(frame, eventTime);
    }

    @Override
    protected void reply(String event, JsonNode data) {
        if (!engine.send(event(event, data, null), null)) {
            drop();
        }
    }

    void ack(long id) {
        engine.send(SocketIoPacket.encode(SocketIoPacket.ACK, id + "[]"), null);
    }

    void receive(String event, JsonNode data, Long ackId) {
        if (received(event, data) && ackId != null) {
            ack(ackId);
        }
    }

    @Override
    protected void terminate(CloseReason reason) {
        if (reason != CloseReason.SERVER_SHUTDOWN) {
            // a server-side disconnect: the stock client does not reconnect by itself (it needs a new token)
            engine.send(event("closing", closing(reason), null), null);
            engine.send(SocketIoPacket.encode(SocketIoPacket.DISCONNECT, null), null);
        }
        // on shutdown only the transport closes: the client reconnects, to another instance, and resumes
        engine.close(reason);
    }

    @Override
    protected boolean terminated() {
        return engine.terminated();
    }
}
