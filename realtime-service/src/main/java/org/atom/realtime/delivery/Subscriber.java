package org.atom.realtime.delivery;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A client connection as {@link EventStreams} sees it. Every method is called with the streams' lock held. */
public interface Subscriber {

    String userId();

    /** Per topic partition the next offset this client has not received; maintained by {@link EventStreams}. */
    Map<TopicPartition, Long> positions();

    /** Hands the client its welcome: how the attach went and the resume token it starts from. Must not block. */
    void attached(Attach attach, String resumeToken);

    /** Queues one message for the client; a client that cannot keep up closes itself. Must not block. */
    void deliver(ClientMessage message, String resumeToken, Instant eventTime);

    /** Closes the connection from the server side (e.g. its user was deactivated). Must not block. */
    void close(CloseReason reason);

    /** How a connection started: fresh, resumed from a token, or resumed but the gap was too old. */
    enum Attach {
        FRESH,
        RESUMED,
        /** the token was older than the buffer or not readable: the client must reload its state */
        RESYNC
    }
}
