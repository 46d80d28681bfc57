package org.atom.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates a service's schema and the login role that owns it, as every environment's bootstrap step does (the
 * testkit, devstack, a Kubernetes Job): role {@code <schema>} with the given password (set again if the role
 * exists), schema {@code <schema>} owned by that role, no rights on {@code public}. Idempotent; Flyway then owns
 * everything inside the schema.
 */
public final class SchemaBootstrap {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final String DUPLICATE_OBJECT = "42710";

    private SchemaBootstrap() {}

    /** Whether {@code name} is a schema (and role) name this bootstrap accepts: lower case, digits, underscores. */
    public static boolean isSchemaName(String name) {
        return name != null && SCHEMA_NAME.matcher(name).matches();
    }

    /**
     * @param superuser a connection with the right to create roles and schemas (autocommit)
     * @param schema the schema and role name, e.g. {@code task_service}
     * @param password the role's password; replaces the current one if the role exists
     */
    public static void bootstrap(Connection superuser, String schema, String password) throws SQLException {
        if (!isSchemaName(schema)) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        if (password == null || password.isEmpty() || password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("no usable password for role " + schema);
        }
        String literal = "'" + password.replace("'", "''") + "'";
        try (Statement s = superuser.createStatement()) {
            if (!roleExists(superuser, schema)) {
                try {
                    s.execute("CREATE ROLE " + schema + " LOGIN PASSWORD " + literal);
                } catch (SQLException e) {
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                        throw e;
                    }
                    // created concurrently: fall through to set the password
                }
            }
            s.execute("ALTER ROLE " + schema + " WITH LOGIN PASSWORD " + literal);
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + schema);
            s.execute("ALTER SCHEMA " + schema + " OWNER TO " + schema);
            s.execute("REVOKE ALL ON SCHEMA public FROM " + schema);
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
