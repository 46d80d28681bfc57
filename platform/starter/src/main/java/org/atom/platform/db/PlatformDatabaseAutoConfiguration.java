package org.atom.platform.db;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/** Runs the platform's migrations ahead of every service's own. */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class PlatformDatabaseAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy platformMigrations() {
        return new PlatformMigrations();
    }
}
