package org.atom.platform.outbox;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.atom.platform.events.CloudEvent;
import org.atom.platform.observability.TraceContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records domain events in the service's outbox table inside the caller's transaction, so a state change and
 * its event commit together or not at all. {@link OutboxRelay} publishes them to Kafka after commit.
 */
public class Outbox {

    /**
     * Arbitrary namespace for the per-key transaction lock (the first half of the two-key advisory lock), so it
     * cannot collide with other advisory locks of the service.
     */
    static final int KEY_LOCK_NAMESPACE = 0x41544f4d; // "ATOM"

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final String source;
    private final TraceContext traceContext;

    public Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock, String serviceName, TraceContext traceContext) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.source = "/" + serviceName;
        this.traceContext = traceContext;
    }

    /**
     * Adds an event to the current transaction (there must be one). The record key is the owner's user id, so
     * one user's events stay ordered on one partition.
     *
     * @param topic the aggregate's topic, e.g. {@code task-service.task.v1}
     * @param type the event type, e.g. {@code atom.task.created.v1}
     * @param subject the aggregate id
     * @param userId the owner (CloudEvents extension {@code userid})
     * @param data the resource as the REST API returns it, or {@code {id}} for deletions
     * @return the event as it will be published
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CloudEvent publish(String topic, String type, String subject, String userId, Object data) {
        return publish(UUID.randomUUID(), topic, type, subject, userId, data);
    }

    /**
     * As {@link #publish(String, String, String, String, Object)}, under an event id the caller derives from what
     * happened (e.g. a reminder and the instant it fired), so the same occurrence always carries the same id.
     * Recording an id that is already in the outbox records nothing: the occurrence has its event.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CloudEvent publish(UUID eventId, String topic, String type, String subject, String userId, Object data) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(userId, "userId");
        CloudEvent event = new CloudEvent(
                CloudEvent.SPEC_VERSION,
                eventId.toString(),
                Objects.requireNonNull(type, "type"),
                source,
                Objects.requireNonNull(subject, "subject"),
                clock.instant(),
                CloudEvent.DATA_CONTENT_TYPE,
                null,
                userId,
                traceContext.currentTraceparent(),
                json.valueToTree(data));
        // Serialises one key's writers from here to commit, so outbox positions of one key follow commit order
        // and the relay, which publishes by position, can never reorder one user's events.
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, KEY_LOCK_NAMESPACE, userId);
        jdbc.update(
                "INSERT INTO outbox_event (id, topic, message_key, type, payload, traceparent) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING",
                UUID.fromString(event.id()),
                topic,
                userId,
                type,
                json.writeValueAsString(event),
                event.traceparent());
        return event;
    }
}
