package org.atom.realtime.delivery;

/**
 * Why the server closes a client connection: the reason string clients see (Socket.IO {@code closing} event,
 * WebSocket close reason) and the WebSocket close code.
 */
public enum CloseReason {
    TOKEN_EXPIRED("token_expired", 4001),
    USER_DEACTIVATED("user_deactivated", 4003),
    USER_DELETED("user_deleted", 4004),
    SLOW_CONSUMER("slow_consumer", 4008),
    RATE_LIMITED("rate_limited", 4029),
    FRAME_TOO_LARGE("frame_too_large", 1009),
    PROTOCOL_ERROR("protocol_error", 1002),
    UNAUTHORIZED("unauthorized", 4401),
    PING_TIMEOUT("ping_timeout", 4000),
    /** an Engine.IO session that never connected a Socket.IO socket */
    CONNECT_TIMEOUT("connect_timeout", 4002),
    SERVER_SHUTDOWN("server_shutdown", 1001),
    /** refused at connect: the instance is catching up with Kafka, shutting down or full; connect again */
    TRY_AGAIN_LATER("try_again_later", 1013),
    CLIENT_CLOSED("client_closed", 1000);

    private final String reason;
    private final int webSocketCode;

    CloseReason(String reason, int webSocketCode) {
        this.reason = reason;
        this.webSocketCode = webSocketCode;
    }

    public String reason() {
        return reason;
    }

    public int webSocketCode() {
        return webSocketCode;
    }
}
