package org.atom.realtime.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.atom.realtime.delivery.ClientMessage;
import org.atom.realtime.delivery.CloseReason;
import org.atom.realtime.delivery.Subscriber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One authenticated client, whatever its protocol: receives its user's events, answers the client events both
 * protocols share ({@code ping}, {@code join}, {@code leave}), limits what the client sends, and closes with a
 * reason (token expiry, slow client, deactivated user, shutdown).
 */
public abstract class Connection implements Subscriber {

    private final String id = UUID.randomUUID().toString();
    private final AuthenticatedUser user;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** set when its queue overflowed: one close is on its way, nothing more is written */
    private final AtomicBoolean dropping = new AtomicBoolean();

    private final InboundRate inbound;
    protected final Connections connections;
    /** after the client left its own room: no events until it joins again */
    private volatile boolean left;

    protected Connection(AuthenticatedUser user, Connections connections) {
        this.user = user;
        this.connections = connections;
        this.inbound = new InboundRate(
                connections.properties().messagesPerSecond(),
                connections.properties().burst());
    }

    public String id() {
        return id;
    }

    @Override
    public String userId() {
        return user.userId();
    }

    @Override
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    /** {@code socket.io} or {@code websocket} (metric tag). */
    public abstract String protocol();

    /** The frame carrying one message with the resume token the client holds after it. */
    protected abstract String frame(ClientMessage message, String resumeToken);

    /** Queues a frame; false when the client's queue is full. */
    protected abstract boolean write(String frame, Instant eventTime);

    /** Says goodbye in the protocol's way and closes the transport once queued frames are out. */
    protected abstract void terminate(CloseReason reason);

    /** Whether the transport is closed and nothing is left to write. */
    protected abstract boolean terminated();

    /** Protocol keep-alive, run about once a second. */
    protected void keepAlive(Instant now) {}

    @Override
    public void deliver(ClientMessage message, String resumeToken, Instant eventTime) {
        if (left || closed.get() || dropping.get()) {
            return;
        }
        if (!write(frame(message, resumeToken), eventTime)) {
            drop();
        }
    }

    /** The client does not keep up: close it, from another thread (callers may hold the streams' lock). */
    protected void drop() {
        if (dropping.compareAndSet(false, true)) {
            connections.later(() -> close(CloseReason.SLOW_CONSUMER));
        }
    }

    /** Sends a control message (a reply, a notice) outside the event stream; no resume token. */
    protected abstract void reply(String event, JsonNode data);

    @Override
    public void close(CloseReason reason) {
        if (closed.compareAndSet(false, true)) {
            connections.closed(this, reason);
            terminate(reason);
        }
    }

    /** The transport ended without this connection closing it (client gone, ping timeout): write nothing. */
    public void ended(CloseReason reason) {
        if (closed.compareAndSet(false, true)) {
            connections.closed(this, reason);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    void tick(Instant now) {
        if (user.expiresAt() != null && !now.isBefore(user.expiresAt())) {
            close(CloseReason.TOKEN_EXPIRED);
        } else {
            keepAlive(now);
        }
    }

    /**
     * Handles one message from the client: counted against its rate (over it, the connection closes) and
     * answered when it is one of the shared client events; others are ignored, as the original server did.
     *
     * @return false when the connection was closed for sending too fast
     */
    protected boolean received(String event, JsonNode data) {
        if (!inbound.tryAcquire()) {
            close(CloseReason.RATE_LIMITED);
            return false;
        }
        switch (event) {
            case "ping" -> reply("pong", stamped());
            case "join", "leave" -> room(event, data);
            default -> {
                // presence, typing and the like are not served here
            }
        }
        return true;
    }

    private void room(String event, JsonNode data) {
        JsonNode room = data == null ? null : data.get("room");
        if (data == null || !data.isObject()) {
            reply("error", message("Invalid " + event + " data format"));
        } else if (room == null || !room.isString() || room.asString().isBlank()) {
            reply("error", message("Room name required"));
        } else if (!room.asString().equals(userId())) {
            // the same answer for every other room, existing or not
            reply("error", message("Not allowed to " + event + " room " + room.asString()));
        } else {
            left = event.equals("leave");
            ObjectNode reply = stamped();
            reply.put("room", room.asString());
            reply(event.equals("join") ? "joined" : "left", reply);
        }
    }

    /** The data of the {@code connected} event a client gets first: who it is and whether it resumed. */
    protected ObjectNode welcome(Attach attach) {
        ObjectNode data = stamped();
        data.put("status", "success");
        data.put("sid", id);
        data.put("userId", userId());
        data.put("resumed", attach == Attach.RESUMED);
        return data;
    }

    /** The data of the {@code resync} event: the client's missed events are gone, it must reload. */
    protected static ObjectNode resyncNotice() {
        return message("Missed events are no longer held: reload");
    }

    protected ObjectNode stamped() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("timestamp", connections.now().toString());
        return node;
    }

    protected static ObjectNode message(String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("message", message);
        return node;
    }

    /** The notice clients get before the server closes their connection. */
    protected static ObjectNode closing(CloseReason reason) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("reason", reason.reason());
        return node;
    }
}
