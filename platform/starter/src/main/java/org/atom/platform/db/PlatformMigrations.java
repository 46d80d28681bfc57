package org.atom.platform.db;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's own tables (outbox, processed events, idempotency keys, the user read model) before the service's
 * migrations, in the same schema but with their own history table, so platform and service versions never
 * collide and a new platform migration never lands "out of order" in a service's history.
 */
public class PlatformMigrations implements FlywayMigrationStrategy {

    static final String LOCATION = "classpath:org/atom/platform/db/migration";
    static final String HISTORY_TABLE = "platform_schema_history";

    @Override
    public void migrate(Flyway serviceFlyway) {
        Flyway.configure()
                .configuration(serviceFlyway.getConfiguration())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .load()
                .migrate();
        // The schema is not empty any more (platform tables): a service's first run baselines at version 0, so
        // its own V1 onwards still apply.
        Flyway.configure()
                .configuration(serviceFlyway.getConfiguration())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
