package org.atom.platform.users;

import java.time.Clock;
import javax.sql.DataSource;
import org.atom.platform.events.CloudEventCodec;
import org.atom.platform.kafka.IdempotentConsumer;
import org.atom.platform.kafka.KafkaConsumerAutoConfiguration;
import org.atom.platform.kafka.TopicDeclarations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user read model every service with a database gets: {@link UserProfiles} fed by {@code auth-service.user.v1},
 * and {@link UserDataEraser}s called on {@code atom.user.deleted.v1}. Off with
 * {@code atom.user-profiles.enabled=false}.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class, KafkaConsumerAutoConfiguration.class})
@ConditionalOnClass({JdbcTemplate.class, KafkaTemplate.class})
@ConditionalOnProperty(prefix = "atom.user-profiles", name = "enabled", matchIfMissing = true)
@ConditionalOnBean({DataSource.class, IdempotentConsumer.class})
public class UserProfilesAutoConfiguration {

    @Bean
    UserProfileStore userProfileStore(DataSource dataSource, JsonMapper json, Clock clock) {
        return new UserProfileStore(new JdbcTemplate(dataSource), json, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    UserProfiles userProfiles(UserProfileStore store) {
        return new StoredUserProfiles(store);
    }

    @Bean
    UserProfileListener userProfileListener(
            CloudEventCodec codec,
            IdempotentConsumer idempotent,
            UserProfileStore store,
            ObjectProvider<UserDataEraser> erasers) {
        return new UserProfileListener(codec, idempotent, store, erasers);
    }

    @Bean
    KafkaAdmin.NewTopics userProfileDeadLetters(TopicDeclarations topics) {
        return topics.deadLetters(UserProfileListener.TOPIC);
    }
}
