package org.atom.task.publishing;

import java.util.Map;
import java.util.UUID;
import org.atom.platform.kafka.TopicDeclarations;
import org.atom.platform.outbox.Outbox;
import org.atom.task.note.NoteView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Note changes as contract events on {@code task-service.note.v1} (record key and {@code userid} = the owner),
 * written to the outbox in the caller's transaction.
 */
@Component
public class NoteEvents {

    public static final String TOPIC = "task-service.note.v1";
    public static final String CREATED = "atom.note.created.v1";
    public static final String UPDATED = "atom.note.updated.v1";
    public static final String DELETED = "atom.note.deleted.v1";

    private final Outbox outbox;

    NoteEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(String ownerId, NoteView note) {
        outbox.publish(TOPIC, CREATED, note.id().toString(), ownerId, note);
    }

    public void updated(String ownerId, NoteView note) {
        outbox.publish(TOPIC, UPDATED, note.id().toString(), ownerId, note);
    }

    public void deleted(String ownerId, UUID id) {
        outbox.publish(TOPIC, DELETED, id.toString(), ownerId, Map.of("id", id));
    }

    @Configuration(proxyBeanMethods = false)
    static class Topics {

        @Bean
        KafkaAdmin.NewTopics noteTopic(TopicDeclarations topics) {
            return topics.produced(TOPIC);
        }
    }
}
