package org.atom.task.publishing;

import java.util.Map;
import java.util.UUID;
import org.atom.platform.kafka.TopicDeclarations;
import org.atom.platform.outbox.Outbox;
import org.atom.task.task.TaskView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Task changes as contract events on {@code task-service.task.v1} (record key and {@code userid} = the owner),
 * written to the outbox in the caller's transaction.
 */
@Component
public class TaskEvents {

    public static final String TOPIC = "task-service.task.v1";
    public static final String CREATED = "atom.task.created.v1";
    public static final String UPDATED = "atom.task.updated.v1";
    public static final String COMPLETED = "atom.task.completed.v1";
    public static final String DELETED = "atom.task.deleted.v1";

    private final Outbox outbox;

    TaskEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(String ownerId, TaskView task) {
        outbox.publish(TOPIC, CREATED, task.id().toString(), ownerId, task);
    }

    /** {@code completed} when this change completed the task, else {@code updated}. */
    public void updated(String ownerId, TaskView task, boolean completedNow) {
        outbox.publish(TOPIC, completedNow ? COMPLETED : UPDATED, task.id().toString(), ownerId, task);
    }

    public void deleted(String ownerId, UUID id) {
        outbox.publish(TOPIC, DELETED, id.toString(), ownerId, Map.of("id", id));
    }

    @Configuration(proxyBeanMethods = false)
    static class Topics {

        @Bean
        KafkaAdmin.NewTopics taskTopic(TopicDeclarations topics) {
            return topics.produced(TOPIC);
        }
    }
}
