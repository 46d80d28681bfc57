package org.atom.task.publishing;

import java.util.Map;
import java.util.UUID;
import org.atom.platform.kafka.TopicDeclarations;
import org.atom.platform.outbox.Outbox;
import org.atom.task.project.ProjectView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Project changes as contract events on {@code task-service.project.v1} (record key and {@code userid} = the
 * owner), written to the outbox in the caller's transaction.
 */
@Component
public class ProjectEvents {

    public static final String TOPIC = "task-service.project.v1";
    public static final String CREATED = "atom.project.created.v1";
    public static final String UPDATED = "atom.project.updated.v1";
    public static final String DELETED = "atom.project.deleted.v1";

    private final Outbox outbox;

    ProjectEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(String ownerId, ProjectView project) {
        outbox.publish(TOPIC, CREATED, project.id().toString(), ownerId, project);
    }

    public void updated(String ownerId, ProjectView project) {
        outbox.publish(TOPIC, UPDATED, project.id().toString(), ownerId, project);
    }

    public void deleted(String ownerId, UUID id) {
        outbox.publish(TOPIC, DELETED, id.toString(), ownerId, Map.of("id", id));
    }

    @Configuration(proxyBeanMethods = false)
    static class Topics {

        @Bean
        KafkaAdmin.NewTopics projectTopic(TopicDeclarations topics) {
            return topics.produced(TOPIC);
        }
    }
}
