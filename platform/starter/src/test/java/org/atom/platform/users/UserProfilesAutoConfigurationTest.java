package org.atom.platform.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.atom.platform.events.CloudEventCodec;
import org.atom.platform.kafka.IdempotentConsumer;
import org.atom.platform.kafka.KafkaConsumerProperties;
import org.atom.platform.kafka.TopicDeclarations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

class UserProfilesAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UserProfilesAutoConfiguration.class))
            .withUserConfiguration(Platform.class);

    @Test
    void aServiceWithADatabaseGetsTheReadModelByDefault() {
        runner.withUserConfiguration(Database.class).run(context -> {
            assertThat(context).hasSingleBean(UserProfiles.class).hasSingleBean(UserProfileListener.class);
            // the dead-letter topic it declares (its name is checked by UserProfilesIT, which reads it)
            assertThat(context).hasBean("userProfileDeadLetters").hasSingleBean(KafkaAdmin.NewTopics.class);
        });
    }

    @Test
    void itCanBeSwitchedOff() {
        runner.withUserConfiguration(Database.class)
                .withPropertyValues("atom.user-profiles.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(UserProfiles.class)
                        .doesNotHaveBean(UserProfileListener.class)
                        .doesNotHaveBean(KafkaAdmin.NewTopics.class));
    }

    @Test
    void aServiceWithoutADatabaseGetsNoReadModel() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(UserProfiles.class)
                .doesNotHaveBean(UserProfileListener.class));
    }

    @Test
    void aServiceMayProvideItsOwnUserProfiles() {
        UserProfiles fixed = userId -> Optional.of(new UserProfile(
                userId, ZoneId.of("Asia/Kolkata"), Locale.forLanguageTag("hi-IN"), WorkingHours.DEFAULT));
        runner.withUserConfiguration(Database.class)
                .withBean(UserProfiles.class, () -> fixed)
                .run(context -> {
                    assertThat(context.getBean(UserProfiles.class)).isSameAs(fixed);
                    assertThat(context).hasSingleBean(UserProfileListener.class);
                });
    }

    @Test
    void aServicesOwnUserProfilesLooksUsersUpByIdOnly() {
        UserProfiles byIdOnly = userId -> Optional.of(UserProfile.defaults(userId));

        assertThat(byIdOnly.findAll(List.of("a", "b"))).containsOnlyKeys("a", "b");
        assertThatThrownBy(() -> byIdOnly.findByEmail("ada@example.org"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emailsAreKeptTrimmedAndLowerCased() {
        UserProfile profile =
                new UserProfile("u", ZoneId.of("UTC"), Locale.US, WorkingHours.DEFAULT, "  Ada.Lovelace@Example.ORG ");

        assertThat(profile.email()).isEqualTo("ada.lovelace@example.org");
        assertThat(new UserProfile("u", ZoneId.of("UTC"), Locale.US, WorkingHours.DEFAULT, " ").email())
                .isNull();
        assertThat(UserProfile.defaults("u").email()).isNull();
    }

    @Test
    void todayIsTheUsersDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T23:30:00Z"), ZoneOffset.UTC);

        assertThat(UserProfile.defaults("u").today(clock)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(new UserProfile("u", ZoneId.of("Asia/Tokyo"), UserProfile.DEFAULT_LOCALE, WorkingHours.DEFAULT)
                        .today(clock))
                .isEqualTo(LocalDate.of(2026, 3, 2));
    }

    /** What the rest of the starter provides (no connection is ever opened here). */
    @Configuration(proxyBeanMethods = false)
    static class Platform {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }

        @Bean
        CloudEventCodec cloudEventCodec(JsonMapper json) {
            return new CloudEventCodec(json);
        }

        @Bean
        TopicDeclarations topicDeclarations() {
            return new TopicDeclarations(new KafkaConsumerProperties(
                    6, Duration.ofDays(7), 3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofDays(14)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Database {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/never-connected");
        }

        @Bean
        IdempotentConsumer idempotentConsumer(Clock clock) {
            return new IdempotentConsumer(null, null, clock);
        }
    }
}
