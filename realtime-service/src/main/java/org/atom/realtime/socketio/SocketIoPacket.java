package org.atom.realtime.socketio;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Socket.IO v5 packet in its text encoding: type digit, optional {@code /namespace,}, optional ack id digits,
 * optional JSON payload. Binary packets (types 5 and 6) are not accepted.
 */
record SocketIoPacket(int type, String namespace, Long ackId, JsonNode payload) {

    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;

    /** @throws IllegalArgumentException when the text is not a packet we accept */
    static SocketIoPacket parse(String text, JsonMapper json) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '4') {
            throw new IllegalArgumentException("unsupported packet type");
        }
        int type = text.charAt(0) - '0';
        int i = 1;
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - digits < 18) {
            i++;
        }
        Long ackId = i > digits ? Long.parseLong(text.substring(digits, i)) : null;
        JsonNode payload = null;
        if (i < text.length()) {
            try {
                payload = json.readTree(text.substring(i));
            } catch (JacksonException e) {
                throw new IllegalArgumentException("payload is not JSON");
            }
        }
        return new SocketIoPacket(type, namespace, ackId, payload);
    }

    /** The engine message carrying a Socket.IO packet of the default namespace. */
    static String encode(int type, String payload) {
        return "4" + type + (payload == null ? "" : payload);
    }
}
