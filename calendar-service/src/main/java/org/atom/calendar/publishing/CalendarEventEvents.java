package org.atom.calendar.publishing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.atom.calendar.event.EventView;
import org.atom.platform.kafka.TopicDeclarations;
import org.atom.platform.outbox.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Event changes as contract events on {@code calendar-service.calendar-event.v1} (record key and {@code userid} = the
 * owner), written to the outbox in the caller's transaction: single events, whole series and single occurrences
 * (their id is the occurrence's instance id, with {@code recurringEventId}). What each change publishes, and in
 * which order, is stated in the channel's description in the AsyncAPI document.
 */
@Component
public class CalendarEventEvents {

    public static final String TOPIC = "calendar-service.calendar-event.v1";
    public static final String CREATED = "atom.calendar.event.created.v1";
    public static final String UPDATED = "atom.calendar.event.updated.v1";
    public static final String DELETED = "atom.calendar.event.deleted.v1";

    private final Outbox outbox;

    CalendarEventEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(String ownerId, EventView event) {
        outbox.publish(TOPIC, CREATED, event.id(), ownerId, event);
    }

    public void updated(String ownerId, EventView event) {
        outbox.publish(TOPIC, UPDATED, event.id(), ownerId, event);
    }

    /** {@code recurringEventId}: the series of a deleted occurrence, else null. */
    public void deleted(String ownerId, String id, String recurringEventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        if (recurringEventId != null) {
            data.put("recurringEventId", recurringEventId);
        }
        outbox.publish(TOPIC, DELETED, id, ownerId, data);
    }

    @Configuration(proxyBeanMethods = false)
    static class Topics {

        @Bean
        KafkaAdmin.NewTopics calendarEventTopic(TopicDeclarations topics) {
            return topics.produced(TOPIC);
        }
    }
}
