package org.atom.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** One embedded PostgreSQL server per test JVM, started on first use and stopped when the JVM exits. */
public final class TestPostgres {

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
     * Creates the schema and its owning login role (password = name) with {@link SchemaBootstrap}, as the
     * deployment's bootstrap step does: the role has rights on its own schema only. Idempotent.
     */
    public static synchronized void bootstrapSchema(String schema) {
        if (!SchemaBootstrap.isSchemaName(schema)) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        if (BOOTSTRAPPED.contains(schema)) {
            return;
        }
        try (Connection c = server().getPostgresDatabase().getConnection()) {
            SchemaBootstrap.bootstrap(c, schema, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not bootstrap schema " + schema, e);
        }
        BOOTSTRAPPED.add(schema);
    }
}
