package org.atom.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** One embedded PostgreSQL server per test JVM, started on first use and stopped when the JVM exits. */
public final class TestPostgres {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> BOOTSTRAPPED = new HashSet<>();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** The running server, started on first call. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        // a dozen services with small pools share one server in the suite; tests mirror that
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }

    public static int port() {
        return server().getPort();
    }

    /** JDBC URL whose search path is the given schema. */
    public static String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:%d/postgres?currentSchema=%s".formatted(port(), schema);
    }

    /**
     * Creates the schema and its owning login role (password = name), as the deployment's bootstrap step
     * does: the role has rights on its own schema only. Idempotent.
     */
    public static synchronized void bootstrapSchema(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        if (BOOTSTRAPPED.contains(schema)) {
            return;
        }
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD '%1$s';
                      END IF;
                    END $$;
                    CREATE SCHEMA IF NOT EXISTS %1$s AUTHORIZATION %1$s;
                    REVOKE ALL ON SCHEMA public FROM %1$s;
                    """.formatted(schema));
        } catch (SQLException e) {
            throw new IllegalStateException("could not bootstrap schema " + schema, e);
        }
        BOOTSTRAPPED.add(schema);
    }
}
