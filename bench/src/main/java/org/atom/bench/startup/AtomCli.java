package org.atom.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.atom.testkit.Processes;

/**
 * Runs {@code ./atom <command>} as a user would, against this benchmark's own home and port offset, and timestamps
 * every line it prints (boot clock, {@link Proc#now()}) while it runs. The environment is the benchmark's own minus
 * any {@code ATOM_*} and JVM-option variables it inherited, so a developer's settings do not leak into the numbers.
 */
final class AtomCli {

    /** One line of output and when it was read. */
    record Line(long at, String text) {}

    /** A finished command: exit status, start and end on the boot clock, its lines. */
    record Run(int exit, long start, long end, List<Line> lines) {

        long millis() {
            return end - start;
        }

        String output() {
            StringBuilder out = new StringBuilder();
            lines.forEach(l -> out.append(l.text()).append('\n'));
            return out.toString();
        }
    }

    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final Path root;
    private final Path home;
    private final int offset;
    private final Map<String, String> extra = new LinkedHashMap<>();

    AtomCli(Path root, Path home, int offset) {
        this.root = root;
        this.home = home;
        this.offset = offset;
    }

    Path home() {
        return home;
    }

    int offset() {
        return offset;
    }

    /** Extra environment for the following commands (and so for every process the launcher starts). */
    Map<String, String> environment() {
        return extra;
    }

    Run run(Duration timeout, Consumer<Line> onLine, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("atom").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ATOM_") || JVM_OPTION_VARIABLES.contains(k));
        env.put("ATOM_HOME", home.toString());
        env.put("ATOM_PORT_OFFSET", Integer.toString(offset));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(extra);
        Files.createDirectories(home);
        Path transcript = home.resolve("bench-atom.out");
        List<Line> lines = Collections.synchronizedList(new ArrayList<>());
        long start = Proc.now();
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Thread reader = Thread.ofPlatform().daemon().name("atom-output").start(() -> {
            try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer out =
                            Files.newBufferedWriter(transcript, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write("$ ./atom " + String.join(" ", args) + "\n");
                for (String text; (text = in.readLine()) != null; ) {
                    Line line = new Line(Proc.now(), text);
                    lines.add(line);
                    out.write("[" + line.at() + "] " + text + "\n");
                    out.flush();
                    if (onLine != null) {
                        onLine.accept(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                lines.add(new Line(Proc.now(), "(bench: reading the output failed: " + e + ")"));
            }
        });
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            Processes.terminate(process.toHandle(), Duration.ofSeconds(10));
            reader.join(5_000);
            throw new IllegalStateException("./atom " + String.join(" ", args) + " did not finish within "
                    + timeout.toSeconds() + " s:\n" + tail(lines));
        }
        long end = Proc.now();
        reader.join(5_000);
        return new Run(process.exitValue(), start, end, List.copyOf(lines));
    }

    private static String tail(List<Line> lines) {
        synchronized (lines) {
            StringBuilder out = new StringBuilder();
            lines.subList(Math.max(0, lines.size() - 40), lines.size())
                    .forEach(l -> out.append(l.text()).append('\n'));
            return out.toString();
        }
    }

    /** The process ids the launcher recorded, by component name (its {@code state.properties}). */
    Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path state = home.resolve("state.properties");
        if (!Files.exists(state)) {
            return pids;
        }
        for (String line : Files.readAllLines(state)) {
            int at = line.indexOf(".pid=");
            if (at > 0) {
                pids.put(
                        line.substring(0, at),
                        Long.parseLong(line.substring(at + 5).trim()));
            }
        }
        return pids;
    }
}
