package org.atom.platform.sample;

import org.atom.platform.kafka.TopicDeclarations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SampleTopics {

    @Bean
    KafkaAdmin.NewTopics sampleItemTopics(TopicDeclarations topics) {
        return topics.produced(SampleItemService.TOPIC);
    }

    @Bean
    KafkaAdmin.NewTopics sampleDeadLetters(TopicDeclarations topics) {
        return topics.deadLetters(SampleItemService.TOPIC);
    }
}
