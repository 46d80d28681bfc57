package org.atom.bench.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.atom.bench.load.LoadResult;

/**
 * PostgreSQL's own load tool, as the baseline: a custom script, {@code -M prepared} (as the JDBC driver prepares
 * server-side after a few executions), {@code N} clients each on its own connection, for a fixed time; per-transaction
 * latencies from its log ({@code -l}).
 */
final class Pgbench {

    private final Path binary;
    private final int port;
    private final Path workDir;

    private Pgbench(Path binary, int port, Path workDir) {
        this.binary = binary;
        this.port = port;
        this.workDir = workDir;
    }

    /** Finds {@code pgbench} (Debian's {@code postgresql-client}); fails naming the package when it is missing. */
    static Pgbench find(int port, Path workDir) throws IOException {
        Path binary = null;
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/lib/postgresql/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                binary = candidate;
                break;
            }
        }
        if (binary == null) {
            try (Stream<Path> versions = Files.isDirectory(Path.of("/usr/lib/postgresql"))
                    ? Files.list(Path.of("/usr/lib/postgresql"))
                    : Stream.empty()) {
                binary = versions.map(v -> v.resolve("bin/pgbench"))
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElse(null);
            }
        }
        if (binary == null) {
            throw new IllegalStateException("pgbench is not installed: the database benchmark needs it as its baseline."
                    + " Install Debian's postgresql-client package (apt-get install postgresql-client) and run again.");
        }
        Files.createDirectories(workDir);
        return new Pgbench(binary, port, workDir);
    }

    String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return out;
    }

    /**
     * Runs {@code script} with {@code clients} connections for {@code duration}; {@code variables} become
     * {@code -D name=value}.
     */
    LoadResult run(String label, String script, int clients, Duration duration, Map<String, String> variables)
            throws IOException, InterruptedException {
        Path scriptFile = workDir.resolve(label.replaceAll("[^a-z0-9]+", "-") + ".sql");
        Files.writeString(scriptFile, script);
        Path logs = Files.createTempDirectory(workDir, "log-");
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-n",
                "-M",
                "prepared",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T",
                Long.toString(duration.toSeconds()),
                "-l",
                "--log-prefix=" + logs.resolve("tx"),
                "-f",
                scriptFile.toString()));
        variables.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
        command.add("postgres");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish:\n" + out);
        }
        if (process.exitValue() != 0 || !out.contains("tps = ")) {
            throw new IllegalStateException("pgbench failed (exit " + process.exitValue() + "):\n" + out);
        }
        long processed = Long.parseLong(find(out, "number of transactions actually processed: (\\d+)", "0"));
        long failed = Long.parseLong(find(out, "number of failed transactions: (\\d+)", "0"));
        double tps = Double.parseDouble(find(out, "tps = ([0-9.]+)", "0"));
        Histogram latency = new Histogram(3);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                for (String line : Files.readAllLines(log)) {
                    // client_id transaction_no time script_no time_epoch time_us: time is the transaction's µs
                    String[] fields = line.split(" ");
                    if (fields.length >= 3 && fields[2].chars().allMatch(Character::isDigit)) {
                        latency.recordValue(Math.max(1, Long.parseLong(fields[2])));
                    }
                }
                Files.delete(log);
            }
        }
        Files.delete(logs);
        return new LoadResult(
                label,
                "closed",
                0,
                clients,
                processed + failed,
                processed,
                failed == 0 ? Map.of() : Map.of("failed transactions", failed),
                latency,
                latency,
                null,
                null,
                tps == 0 ? duration.toSeconds() : processed / tps);
    }

    private static String find(String text, String regex, String fallback) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : fallback;
    }
}
