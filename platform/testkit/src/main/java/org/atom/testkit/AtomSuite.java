package org.atom.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite as a user runs it: {@code ./atom up --detach} from the repository root, on ports of its own (the
 * default ports plus a free offset, so a developer's running suite is left alone) and with a data folder of its
 * own. {@link #close()} runs {@code ./atom down}.
 */
public final class AtomSuite implements AutoCloseable {

    /** The suite's default ports (besides auth-service and the domain services, 8081–8091). */
    public static final int GATEWAY = 8080, POSTGRES = 15432, KAFKA = 19092, KAFKA_CONTROLLER = 19093;

    public static final int DISCOVERY = 8761, CONFIG_SERVER = 8888, AUTH_SERVICE = 8081, REALTIME_SERVICE = 8091;

    private final Path root;
    private final Path home;
    private final int offset;
    private final Map<String, String> env = new HashMap<>();

    /** What a {@code ./atom} command printed, and its exit status. */
    public record Result(int exit, String output) {}

    private AtomSuite(Path root, Path home, int offset) {
        this.root = root;
        this.home = home;
        this.offset = offset;
    }

    /**
     * Reserves a free port offset and a fresh data folder inside {@code workDir} (a module's {@code target/}, so
     * the logs stay for a look after a failure and {@code mvn clean} removes them) without starting anything.
     */
    public static AtomSuite prepare(Path root, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        return new AtomSuite(
                root.toAbsolutePath().normalize(),
                Files.createTempDirectory(workDir.toAbsolutePath(), "atom-home-"),
                freeOffset());
    }

    /** Extra environment variables for every {@code ./atom} command (and so for every component it starts). */
    public Map<String, String> environment() {
        return env;
    }

    /** Runs {@code ./atom up --detach}; unless it succeeds, stops what did start and fails with its output. */
    public AtomSuite up() {
        Result up = atom(600, "up", "--detach");
        if (up.exit() != 0) {
            Result down = atom(180, "down");
            throw new IllegalStateException("./atom up failed:\n" + up.output() + "\n./atom down:\n" + down.output());
        }
        return this;
    }

    /** This suite's port for one of the default ports, e.g. {@code port(GATEWAY)}. */
    public int port(int defaultPort) {
        return defaultPort + offset;
    }

    public int offset() {
        return offset;
    }

    public Path home() {
        return home;
    }

    public TestHttp gateway() {
        return TestHttp.localhost(port(GATEWAY));
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + port(KAFKA);
    }

    /** Runs {@code ./atom <args>} against this suite and waits for it. */
    public Result atom(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("atom").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(env);
        environment.put("ATOM_HOME", home.toString());
        environment.put("ATOM_PORT_OFFSET", Integer.toString(offset));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Path output = Files.createTempFile(home, "atom-" + args[0], ".out");
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                Processes.terminate(process.toHandle(), java.time.Duration.ofSeconds(10));
                throw new IllegalStateException("./atom " + String.join(" ", args) + " timed out:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ./atom", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The process ids the launcher recorded for the suite's components. */
    public List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("state.properties"))) {
            if (line.contains(".pid=")) {
                pids.add(Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
            }
        }
        return pids;
    }

    /** {@code ./atom down}; fails with its output unless it succeeds. */
    @Override
    public void close() {
        Result down = atom(180, "down");
        if (down.exit() != 0) {
            throw new IllegalStateException("./atom down failed:\n" + down.output());
        }
    }

    /** An offset under which every port of the suite is free. */
    private static int freeOffset() {
        List<Integer> ports = new ArrayList<>(List.of(POSTGRES, KAFKA, KAFKA_CONTROLLER, DISCOVERY, CONFIG_SERVER));
        for (int port = GATEWAY; port <= 8091; port++) {
            ports.add(port);
        }
        for (int offset = 21000; offset < 40000; offset += 137) {
            int candidate = offset;
            if (ports.stream().allMatch(port -> Ports.isFree(port + candidate))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
