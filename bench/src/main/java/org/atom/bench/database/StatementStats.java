package org.atom.bench.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atom.bench.load.LoadResult;
import org.atom.bench.load.SuiteUnderTest;

/**
 * Statements per request from {@code pg_stat_statements}: calls of each statement of the service's database role
 * while {@code k} requests run one after another, minus what the role runs anyway (its background work, measured over
 * an idle window of the same length), divided by {@code k}. Split into the request's SQL, transaction control
 * ({@code BEGIN}/{@code COMMIT}/{@code SET}…) and the outbox relay's follow-up statements (asynchronous, caused by the
 * request's events).
 */
final class StatementStats {

    private final SuiteUnderTest suite;
    private final String role;

    private record Calls(long calls, double totalMs) {}

    StatementStats(SuiteUnderTest suite, String role) {
        this.suite = suite;
        this.role = role;
    }

    /**
     * Makes {@code pg_stat_statements} available: it must be preloaded at server start, so a suite the benchmark
     * started gets it through {@code ALTER SYSTEM} and {@code ./atom restart postgres}; a reused suite only if it has
     * it already.
     *
     * @return whether it is available
     */
    static boolean enable(SuiteUnderTest suite) throws Exception {
        if (!preloaded(suite)) {
            if (!suite.owned()) {
                return false;
            }
            try (Connection c = suite.postgres();
                    Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            }
            System.out.println("Restarting PostgreSQL with pg_stat_statements (./atom restart postgres)...");
            var restart = suite.atom(300, "restart", "postgres");
            if (restart.exit() != 0 || !preloaded(suite)) {
                throw new IllegalStateException(
                        "could not restart PostgreSQL with pg_stat_statements:\n" + restart.output());
            }
        }
        try (Connection c = suite.postgres();
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return true;
    }

    private static boolean preloaded(SuiteUnderTest suite) throws SQLException {
        try (Connection c = suite.postgres();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            return rs.getString(1).contains("pg_stat_statements");
        }
    }

    /**
     * Runs {@code request} {@code k} times in a row and returns the statements per request: totals and the
     * statements themselves.
     */
    Map<String, Object> perRequest(int k, Runnable request) throws Exception {
        // the idle window: as long as the measured one will be, estimated from a few requests
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            request.run();
        }
        double estimate = (System.nanoTime() - t0) / 3e9 * k;
        Duration idle = Duration.ofMillis(Math.max(1000, Math.round(estimate * 1000)));
        reset();
        long idleStart = System.nanoTime();
        Thread.sleep(idle);
        Map<String, Calls> background = snapshot();
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;

        reset();
        long start = System.nanoTime();
        for (int i = 0; i < k; i++) {
            request.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Calls> measured = snapshot();

        double sql = 0;
        double control = 0;
        double relay = 0;
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map.Entry<String, Calls> entry : measured.entrySet()) {
            Calls idleCalls = background.get(entry.getKey());
            double expectedIdle = idleCalls == null ? 0 : idleCalls.calls() * seconds / idleSeconds;
            double perRequest = (entry.getValue().calls() - expectedIdle) / k;
            if (perRequest < 0.05) {
                continue;
            }
            String text = entry.getKey().replaceAll("\\s+", " ").trim();
            String kind = kind(text);
            switch (kind) {
                case "transaction control" -> control += perRequest;
                case "outbox relay (async)" -> relay += perRequest;
                default -> sql += perRequest;
            }
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("perRequest", LoadResult.round(perRequest, 2));
            statement.put("kind", kind);
            statement.put(
                    "meanMs",
                    LoadResult.round(
                            entry.getValue().totalMs()
                                    / Math.max(1, entry.getValue().calls()),
                            4));
            statement.put("query", text.length() > 220 ? text.substring(0, 220) + "…" : text);
            statements.add(statement);
        }
        statements.sort((a, b) -> Double.compare((Double) b.get("perRequest"), (Double) a.get("perRequest")));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests", k);
        result.put("sqlPerRequest", LoadResult.round(sql, 2));
        result.put("transactionControlPerRequest", LoadResult.round(control, 2));
        result.put("outboxRelayPerRequest", LoadResult.round(relay, 2));
        result.put("statements", statements);
        return result;
    }

    private static String kind(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("BEGIN")
                || upper.startsWith("COMMIT")
                || upper.startsWith("ROLLBACK")
                || upper.startsWith("SET ")
                || upper.startsWith("SHOW ")
                || upper.startsWith("START TRANSACTION")
                || upper.startsWith("SAVEPOINT")
                || upper.startsWith("RELEASE")) {
            return "transaction control";
        }
        if (upper.contains("OUTBOX_EVENT") && !upper.startsWith("INSERT")) {
            return "outbox relay (async)";
        }
        return "sql";
    }

    private void reset() throws SQLException {
        try (Connection c = suite.postgres();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private Map<String, Calls> snapshot() throws SQLException {
        Map<String, Calls> calls = new HashMap<>();
        try (Connection c = suite.postgres();
                PreparedStatement s = c.prepareStatement("SELECT query, sum(calls), sum(total_exec_time)"
                        + " FROM pg_stat_statements p JOIN pg_roles r ON r.oid = p.userid WHERE r.rolname = ?"
                        + " GROUP BY query")) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    calls.put(rs.getString(1), new Calls(rs.getLong(2), rs.getDouble(3)));
                }
            }
        }
        return calls;
    }
}
