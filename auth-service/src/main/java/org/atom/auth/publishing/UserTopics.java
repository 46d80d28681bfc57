package org.atom.auth.publishing;

import org.atom.platform.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the topic this service publishes (the broker never auto-creates topics). */
@Configuration(proxyBeanMethods = false)
class UserTopics {

    @Bean
    KafkaAdmin.NewTopics userTopic(TopicDeclarations topics) {
        return topics.produced(UserEvents.TOPIC);
    }
}
