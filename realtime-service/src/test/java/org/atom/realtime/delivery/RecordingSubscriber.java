package org.atom.realtime.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

/** A client connection that keeps everything {@link EventStreams} hands it. */
final class RecordingSubscriber implements Subscriber {

    record Attached(Attach outcome, String token) {}

    record Delivery(String event, JsonNode data, String token, Instant eventTime) {

        /** {@code <client event> <label>}, the label being the test's name for the domain event */
        String describe() {
            return event + " " + data.path("label").asString();
        }
    }

    private final String userId;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final List<Attached> attaches = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<CloseReason> closes = new ArrayList<>();

    RecordingSubscriber(String userId) {
        this.userId = userId;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    @Override
    public void attached(Attach attach, String resumeToken) {
        attaches.add(new Attached(attach, resumeToken));
    }

    @Override
    public void deliver(ClientMessage message, String resumeToken, Instant eventTime) {
        deliveries.add(new Delivery(message.event(), message.data(), resumeToken, eventTime));
    }

    @Override
    public void close(CloseReason reason) {
        closes.add(reason);
    }

    List<Attached> attaches() {
        return attaches;
    }

    /** The one {@link #attached} call. */
    Attached attached() {
        if (attaches.size() != 1) {
            throw new AssertionError("attached " + attaches.size() + " times: " + attaches);
        }
        return attaches.getFirst();
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** Every delivery as {@code <client event> <label>}, in order. */
    List<String> received() {
        return deliveries.stream().map(Delivery::describe).toList();
    }

    List<String> tokens() {
        return deliveries.stream().map(Delivery::token).toList();
    }

    List<CloseReason> closes() {
        return closes;
    }

    @Override
    public String toString() {
        return "RecordingSubscriber[" + userId + "]";
    }
}
