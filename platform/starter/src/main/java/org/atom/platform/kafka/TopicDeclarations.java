package org.atom.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares topics at start-up (the broker does not auto-create them): producers declare the topics they write,
 * consumers the dead-letter topics of the topics they read. Return the result as a bean.
 */
public class TopicDeclarations {

    public static final String DLT_SUFFIX = ".DLT";

    private final KafkaConsumerProperties properties;

    public TopicDeclarations(KafkaConsumerProperties properties) {
        this.properties = properties;
    }

    /** Domain topics this service publishes, e.g. {@code task-service.task.v1}. */
    public KafkaAdmin.NewTopics produced(String... topics) {
        List<NewTopic> declared = new ArrayList<>();
        for (String topic : topics) {
            declared.add(topic(topic));
        }
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    /** The dead-letter topics ({@code <topic>.DLT}, same partition count) of topics this service consumes. */
    public KafkaAdmin.NewTopics deadLetters(String... consumedTopics) {
        List<NewTopic> declared = new ArrayList<>();
        for (String topic : consumedTopics) {
            declared.add(topic(topic + DLT_SUFFIX));
        }
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    private NewTopic topic(String name) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(1)
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(properties.retention().toMillis())))
                .build();
    }
}
