package org.atom.devstack;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A runner started as the launcher starts it: a separate JVM on the repackaged devstack jar, main class chosen with
 * {@code -Dloader.main} through Spring Boot's PropertiesLauncher, stdout and stderr appended to a log file.
 */
final class RunnerProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;

    private RunnerProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static RunnerProcess start(String mainClass, List<String> jvmOptions, Path log, String... args) {
        String jar = System.getProperty("atom.jar.devstack");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property atom.jar.devstack must name the repackaged devstack jar"
                    + " (was " + jar + "); run the tests with Maven's verify");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", jar, "-Dloader.main=" + mainClass, "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(List.of(args));
        command.add("--exit-with-parent");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new RunnerProcess(mainClass.substring(mainClass.lastIndexOf('.') + 1), log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log shows {@code readyLine}; fails early, with the log, if the runner exits first. */
    RunnerProcess awaitReady(String readyLine, Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> output().lines().anyMatch(readyLine::equals) || !process.isAlive());
        if (output().lines().noneMatch(readyLine::equals)) {
            throw new AssertionError(
                    name + " exited with " + process.exitValue() + " before '" + readyLine + "':\n" + output());
        }
        return this;
    }

    /** Waits until the runner exits by itself and returns its status. */
    int awaitExit(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    /** SIGTERM, then waits for the exit; returns the exit status. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + " did not stop within 90 s of SIGTERM:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Resident set size in MB, from /proc. */
    long rssMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                            .filter(l -> l.startsWith("VmRSS:"))
                            .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                            .findFirst()
                            .orElse(0L)
                    / 1024;
        } catch (IOException e) {
            return -1;
        }
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
