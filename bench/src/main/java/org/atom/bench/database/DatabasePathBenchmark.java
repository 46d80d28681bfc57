package org.atom.bench.database;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.bench.Benchmark;
import org.atom.bench.Report;
import org.atom.bench.load.Call;
import org.atom.bench.load.ClosedLoad;
import org.atom.bench.load.HttpLoadClient;
import org.atom.bench.load.JfrProfile;
import org.atom.bench.load.LoadResult;
import org.atom.bench.load.Measured;
import org.atom.bench.load.ProcessCpu;
import org.atom.bench.load.SuiteUnderTest;
import org.atom.testkit.TestHttp;

/**
 * {@code bench/run database}: task-service's list ({@code GET /api/tasks?limit=20}) and create ({@code POST
 * /api/tasks}) throughput, called directly, against {@code pgbench} running the same SQL on copies of the same tables
 * in the same PostgreSQL with the same number of clients; and the statements each request costs
 * ({@code pg_stat_statements}). bench/README.md has the details.
 */
public final class DatabasePathBenchmark implements Benchmark {

    static final String LIST = "/api/tasks?limit=20";
    static final int TASKS = 25;
    static final int CLIENTS = 8;
    static final String ROLE = "task_service";
    static final String SCRATCH = "atom_bench";
    static final String CREATE_BODY =
            "{\"title\":\"Bench task\",\"description\":\"A task the benchmark made\",\"priority\":\"medium\",\"tags\":[\"bench\"]}";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** TaskQuery's columns and sort key for the default order (createdAt, then id). */
    static final String COLUMNS = "id, owner_id, title, description, status, priority, due_date, due_at, time_zone,"
            + " deadline, is_important, assignee, tags, estimate_minutes, recurrence, repeat_after, recurrence_start,"
            + " series_id, next_occurrence_id, parent_id, project_id, position, completed_at, version, created_at,"
            + " updated_at";

    static final String SORT_KEY = "(extract(epoch from created_at))::float8";

    /** pgbench's owner of client {@code :client_id}: a UUID-shaped id, one per client. */
    static final String PGBENCH_OWNER = "('00000000-0000-4000-8000-' || lpad(:client_id::text, 12, '0'))";

    record Plan(Duration warmup, Duration measure, int statementRequests, Duration profile) {}

    static final Plan SHORT = new Plan(Duration.ofSeconds(3), Duration.ofSeconds(5), 50, Duration.ZERO);
    static final Plan FULL = new Plan(Duration.ofSeconds(10), Duration.ofSeconds(20), 200, Duration.ofSeconds(10));

    @Override
    public void run(boolean full, Report report) throws Exception {
        Plan plan = full ? FULL : SHORT;
        boolean profile = JfrProfile.wanted(full);
        report.setting("clients", CLIENTS + " for both: HTTP connections (closed loop) and pgbench connections");
        report.setting(
                "durations",
                "warm-up " + plan.warmup().toSeconds() + " s, measured "
                        + plan.measure().toSeconds()
                        + " s per phase; order: service list, pgbench list, service create, pgbench create");
        report.setting(
                "list",
                "GET " + LIST + " as one user with " + TASKS + " tasks (pgbench: the same 4 statements on copies of"
                        + " the tables)");
        report.setting(
                "create",
                "POST /api/tasks " + CREATE_BODY + ", one user per client (pgbench: next position, insert,"
                        + " advisory lock, outbox insert, in one transaction, one owner per client)");
        report.setting("profile", profile ? "JFR on task-service in extra unmeasured phases" : "off");
        report.setting("machineDetails", SuiteUnderTest.machine());

        Map<String, Object> details = new LinkedHashMap<>();
        List<Map<String, Object>> phases = new ArrayList<>();
        details.put("phases", phases);
        try (SuiteUnderTest suite = SuiteUnderTest.startOrReuse(
                report,
                Map.of(
                        "ATOM_GATEWAY_RATE_LIMITS_STANDARD_CAPACITY", "1000000000",
                        "ATOM_GATEWAY_RATE_LIMITS_AUTH_CAPACITY", "10000"))) {
            Pgbench pgbench = Pgbench.find(suite.postgresPort(), report.root().resolve("bench/target/pgbench"));
            boolean statementsMeasured = StatementStats.enable(suite);
            Map<String, Object> versions = suite.versions(report.root());
            versions.put("pgbench", pgbench.version());
            report.setting("versions", versions);

            SuiteUnderTest.User reader = suite.register("db-bench-reader");
            suite.createTasks(reader, TASKS);
            suite.awaitOk(suite.taskServiceUrl(), LIST, reader, Duration.ofSeconds(90));
            List<SuiteUnderTest.User> writers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                writers.add(suite.register("db-bench-writer-" + i));
            }

            // statements per request, one request at a time
            TestHttp service = new TestHttp(suite.taskServiceUrl());
            Runnable list =
                    () -> expect(200, service.get(LIST).bearer(reader.token()).send());
            Runnable create = () -> expect(
                    201,
                    service.post("/api/tasks", CREATE_BODY)
                            .bearer(writers.getFirst().token())
                            .send());
            if (statementsMeasured) {
                StatementStats stats = new StatementStats(suite, ROLE);
                Map<String, Object> listStatements = stats.perRequest(plan.statementRequests(), list);
                Map<String, Object> createStatements = stats.perRequest(plan.statementRequests(), create);
                details.put("statements.list", listStatements);
                details.put("statements.create", createStatements);
                report.result("statements per list request", totals(listStatements));
                report.result("statements per create request", totals(createStatements));
                report.setting(
                        "statements",
                        "pg_stat_statements (role " + ROLE + "), " + plan.statementRequests()
                                + " requests one at a time, minus the role's calls in an idle window as long");
            } else {
                report.result(
                        "statements per request",
                        "not measured: the reused suite's PostgreSQL has no pg_stat_statements preloaded (TaskQuery"
                                + " documents 4 statements per list page, TaskStatsIT asserts it)");
            }

            Scratch scratch = Scratch.create(suite, reader.id());
            try {
                ProcessCpu cpu = suite.cpu("task-service", "postgres");
                try (HttpLoadClient client = new HttpLoadClient("service", suite.taskServiceUrl(), CLIENTS, TIMEOUT)) {
                    Call listCall = client.get(LIST, reader.token());
                    List<Call> createCalls = writers.stream()
                            .map(w -> client.postJson("/api/tasks", w.token(), CREATE_BODY))
                            .toList();
                    Map<String, String> listVariables = Map.of("owner", reader.id(), "ids", scratch.firstPageIds());
                    Map<String, String> createVariables = scratch.outboxSample();

                    System.out.println("Warming up...");
                    phases.add(ClosedLoad.run("warmup service list", client, i -> listCall, CLIENTS, plan.warmup())
                            .summary());
                    phases.add(pgbench.run(
                                    "warmup pgbench list", scratch.listScript(), CLIENTS, plan.warmup(), listVariables)
                            .summary());
                    phases.add(ClosedLoad.run("warmup service create", client, createCalls::get, CLIENTS, plan.warmup())
                            .summary());
                    phases.add(pgbench.run(
                                    "warmup pgbench create",
                                    scratch.createScript(),
                                    CLIENTS,
                                    plan.warmup(),
                                    createVariables)
                            .summary());

                    cpu.measureIdle(full ? Duration.ofSeconds(5) : Duration.ofSeconds(2));
                    report.setting("cpu.idleCores (subtracted in 'net')", cpu.idleCores());

                    System.out.println("Measuring list...");
                    Measured serviceList = Measured.measure(
                            cpu, () -> ClosedLoad.run("service list", client, i -> listCall, CLIENTS, plan.measure()));
                    Measured pgbenchList = Measured.measure(
                            cpu,
                            () -> pgbench.run(
                                    "pgbench list", scratch.listScript(), CLIENTS, plan.measure(), listVariables));
                    System.out.println("Measuring create...");
                    Measured serviceCreate = Measured.measure(
                            cpu,
                            () -> ClosedLoad.run("service create", client, createCalls::get, CLIENTS, plan.measure()));
                    Measured pgbenchCreate = Measured.measure(
                            cpu,
                            () -> pgbench.run(
                                    "pgbench create",
                                    scratch.createScript(),
                                    CLIENTS,
                                    plan.measure(),
                                    createVariables));
                    for (Measured m : List.of(serviceList, pgbenchList, serviceCreate, pgbenchCreate)) {
                        phases.add(m.summary());
                    }
                    double others = List.of(serviceList, pgbenchList, serviceCreate, pgbenchCreate).stream()
                            .mapToDouble(Measured::otherCores)
                            .max()
                            .orElse(0);
                    report.result("other processes during the phases (cores busy, max)", others);
                    if (others > 0.2) {
                        report.note("Other processes kept " + others + " cores busy during a measured phase: the"
                                + " numbers are disturbed; run again on a quiet machine.");
                    }
                    compare(report, "list", serviceList, pgbenchList);
                    compare(report, "create", serviceCreate, pgbenchCreate);
                    details.put(
                            "pgbenchScripts", Map.of("list", scratch.listScript(), "create", scratch.createScript()));

                    if (profile) {
                        profile(suite, report, details, cpu, client, listCall, createCalls, plan);
                    }
                }
            } finally {
                scratch.drop();
            }
            report.note("pgbench runs on copies of task-service's tables (schema " + SCRATCH + ", same rows, indexes"
                    + " and outbox trigger), connected as the superuser; the service runs as its role " + ROLE
                    + " through its Hikari pool of 5 connections (platform default), so its " + CLIENTS
                    + " HTTP clients share 5 database connections while pgbench's " + CLIENTS + " clients have one"
                    + " each.");
            report.note("The service's create also has the outbox relay read, publish to Kafka and mark its event"
                    + " afterwards (asynchronous, counted as 'outbox relay' statements); pgbench's copy has no relay.");
            report.note("On this machine load generator, task-service and PostgreSQL share the same cores: 'cpu' is"
                    + " CPU ms per request per process ('client' is the HTTP generator, or pgbench).");
        }
        Path written = SuiteUnderTest.writeDetails(report.root(), "database", details);
        report.note("Every phase, the statements with their share, the pgbench scripts: " + written.getFileName());
    }

    private static void compare(Report report, String name, Measured service, Measured pgbench) {
        LoadResult s = service.result();
        LoadResult p = pgbench.result();
        report.result(name + ".service (req/s)", LoadResult.round(s.throughput(), 1));
        report.result(name + ".pgbench (tx/s)", LoadResult.round(p.throughput(), 1));
        report.result(name + ".ratio (service ÷ pgbench)", LoadResult.round(s.throughput() / p.throughput(), 3));
        report.result(
                name + ".latency ms p50/p99 (service | pgbench)",
                s.ms(50) + " / " + s.ms(99) + " | " + p.ms(50) + " / " + p.ms(99));
        if (service.cpu() != null) {
            report.result(name + ".cpu (service)", service.cpu());
            report.result(name + ".cpu (pgbench)", pgbench.cpu());
        }
        if (s.errorCount() + p.errorCount() > 0) {
            report.result(name + ".errors (service | pgbench)", s.errors() + " | " + p.errors());
        }
    }

    private static Map<String, Object> totals(Map<String, Object> statements) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("sql", statements.get("sqlPerRequest"));
        totals.put("begin/commit/set", statements.get("transactionControlPerRequest"));
        totals.put("outbox relay (async)", statements.get("outboxRelayPerRequest"));
        return totals;
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    /** Extra, unmeasured phases: JFR on task-service under list load, then under create load. */
    private void profile(
            SuiteUnderTest suite,
            Report report,
            Map<String, Object> details,
            ProcessCpu cpu,
            HttpLoadClient client,
            Call listCall,
            List<Call> createCalls,
            Plan plan)
            throws Exception {
        Map<String, Long> pids = suite.pids();
        if (!pids.containsKey("task-service")) {
            report.note("No profile: task-service's process id is unknown (set ATOM_HOME for a reused suite).");
            return;
        }
        Path dir = report.root().resolve("bench").resolve("results");
        java.nio.file.Files.createDirectories(dir);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        Map<String, Object> profiles = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (String name : List.of("list", "create")) {
            System.out.println("Profiling (JFR) task-service under " + name + " load...");
            JfrProfile recording = JfrProfile.start(pids.get("task-service"), "bench-db-" + name);
            Measured load = Measured.measure(
                    cpu,
                    () -> name.equals("list")
                            ? ClosedLoad.run("profiled list", client, i -> listCall, CLIENTS, plan.profile())
                            : ClosedLoad.run("profiled create", client, createCalls::get, CLIENTS, plan.profile()));
            Path file = recording.stop(dir.resolve("database-profile-" + stamp + "-" + name + ".jfr"));
            files.add(file.getFileName().toString());
            Map<String, Object> analysis = JfrProfile.analyze(file, 30);
            Map<String, Double> ms = JfrProfile.msPerRequestByLayer(analysis, load.msPerRequest("task-service"), 2);
            analysis.put("load", load.summary());
            analysis.put("msPerRequestByLayer", ms);
            profiles.put(name, analysis);
            report.result("profile.task-service " + name + ": CPU ms per request by layer (net of idle)", ms);
        }
        details.put("profile", profiles);
        report.note("JFR recordings: " + String.join(", ", files)
                + " (JDK Mission Control, or `jfr view hot-methods <file>`)");
    }

    /** Copies of task-service's tables in a scratch schema, for pgbench; dropped at the end. */
    record Scratch(SuiteUnderTest suite, String owner, String firstPageIds, Map<String, String> outboxSample) {

        static Scratch create(SuiteUnderTest suite, String owner) throws Exception {
            try (Connection c = suite.postgres();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
                s.execute("CREATE SCHEMA " + SCRATCH);
                s.execute("CREATE TABLE " + SCRATCH + ".task (LIKE " + ROLE + ".task INCLUDING ALL)");
                s.execute("CREATE TABLE " + SCRATCH + ".task_dependency (LIKE " + ROLE
                        + ".task_dependency INCLUDING ALL)");
                // its own sequence: LIKE would share the service's
                s.execute("CREATE SEQUENCE " + SCRATCH + ".outbox_event_position_seq");
                s.execute("CREATE TABLE " + SCRATCH + ".outbox_event (LIKE " + ROLE
                        + ".outbox_event INCLUDING ALL EXCLUDING DEFAULTS)");
                s.execute("ALTER TABLE " + SCRATCH + ".outbox_event ALTER COLUMN position SET DEFAULT nextval('"
                        + SCRATCH + ".outbox_event_position_seq'), ALTER COLUMN created_at SET DEFAULT now()");
                s.execute("CREATE TRIGGER outbox_event_notify AFTER INSERT ON " + SCRATCH
                        + ".outbox_event FOR EACH STATEMENT EXECUTE FUNCTION " + ROLE + ".outbox_event_notify()");
                s.execute("INSERT INTO " + SCRATCH + ".task SELECT * FROM " + ROLE + ".task");
                s.execute("INSERT INTO " + SCRATCH + ".task_dependency SELECT * FROM " + ROLE + ".task_dependency");
                s.execute("ANALYZE " + SCRATCH + ".task");
                s.execute("ANALYZE " + SCRATCH + ".task_dependency");
            }
            List<String> ids = new ArrayList<>();
            Map<String, String> outbox = new LinkedHashMap<>();
            try (Connection c = suite.postgres()) {
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + SCRATCH + ".task WHERE owner_id = ?"
                        + " AND parent_id IS NULL ORDER BY " + SORT_KEY + ", id LIMIT 20")) {
                    s.setString(1, owner);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT topic, type, payload, coalesce(traceparent, '') FROM "
                                + ROLE + ".outbox_event WHERE type LIKE '%created%' ORDER BY position DESC LIMIT 1")) {
                    if (rs.next()) {
                        outbox.put("topic", rs.getString(1));
                        outbox.put("type", rs.getString(2));
                        outbox.put("payload", rs.getString(3));
                        outbox.put("traceparent", rs.getString(4));
                    }
                }
            }
            if (ids.size() != 20) {
                throw new IllegalStateException("the reader has " + ids.size() + " top-level tasks, expected ≥ 20");
            }
            if (outbox.isEmpty()) {
                throw new IllegalStateException("no task-created event in " + ROLE + ".outbox_event to copy");
            }
            return new Scratch(suite, owner, "{" + String.join(",", ids) + "}", outbox);
        }

        /**
         * What a list request runs, autocommitted each: TaskQuery.list's 4 statements for the first page in the
         * default order (the user's profile is read only when a date filter needs the user's time zone).
         */
        String listScript() {
            String where = "owner_id = :owner AND parent_id IS NULL";
            return String.join(
                    "\n",
                    "SELECT count(*) FROM " + SCRATCH + ".task WHERE " + where + ";",
                    "SELECT " + COLUMNS + ", " + SORT_KEY + " AS sort_key FROM " + SCRATCH + ".task WHERE " + where
                            + " ORDER BY " + SORT_KEY + " IS NULL, " + SORT_KEY + ", id LIMIT 21;",
                    "SELECT parent_id, id, title, status FROM " + SCRATCH + ".task WHERE owner_id = :owner"
                            + " AND parent_id = ANY(:ids::uuid[]) ORDER BY position, created_at, id;",
                    "SELECT task_id, blocked_by FROM " + SCRATCH + ".task_dependency WHERE owner_id = :owner"
                            + " AND task_id = ANY(:ids::uuid[]) ORDER BY task_id, blocked_by;",
                    "");
        }

        /**
         * What a create request runs (TaskService.create of a top-level task without due date, so no time zone is
         * looked up): next position, insert, the outbox's per-user advisory lock and insert of the event (a real
         * one's payload), in one transaction; one owner per client.
         */
        String createScript() {
            String owner = PGBENCH_OWNER;
            return String.join(
                    "\n",
                    "BEGIN;",
                    "SELECT coalesce(max(position), 0) + 1 AS next_position FROM " + SCRATCH + ".task WHERE owner_id = "
                            + owner + " AND parent_id IS NOT DISTINCT FROM NULL \\gset",
                    "INSERT INTO " + SCRATCH + ".task (id, owner_id, version, created_at, title, description, status,"
                            + " priority, due_date, due_at, time_zone, deadline, is_important, assignee, tags,"
                            + " estimate_minutes, recurrence, repeat_after, recurrence_start, series_id,"
                            + " next_occurrence_id, parent_id, project_id, position, completed_at, updated_at, due_key)"
                            + " VALUES (gen_random_uuid(), " + owner + ", 0, now(), 'Bench task',"
                            + " 'A task the benchmark made', 'pending', 'medium', NULL, NULL, NULL, NULL, false, NULL,"
                            + " '{bench}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, :next_position, NULL, now(),"
                            + " NULL);",
                    "SELECT pg_advisory_xact_lock(1096044365, hashtext(" + owner + "));",
                    "INSERT INTO " + SCRATCH + ".outbox_event (id, topic, message_key, type, payload, traceparent)"
                            + " VALUES (gen_random_uuid(), :topic, " + owner + ", :type, :payload,"
                            + " nullif(:traceparent, '')) ON CONFLICT (id) DO NOTHING;",
                    "COMMIT;",
                    "");
        }

        void drop() {
            try (Connection c = suite.postgres();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
            } catch (Exception e) {
                System.err.println("could not drop the scratch schema " + SCRATCH + ": " + e);
            }
        }
    }
}
