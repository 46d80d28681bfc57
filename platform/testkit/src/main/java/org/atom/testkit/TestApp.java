package org.atom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Spring Boot application started from its executable jar as a separate JVM on a free port, as a deployment
 * would run it; {@link #start} returns once {@code /actuator/health} is UP. Stops with SIGTERM (graceful
 * shutdown), and exits by itself if the test JVM dies.
 */
public final class TestApp implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private TestApp(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the jar with {@code --server.port=<free port>} and the given arguments and waits until it is healthy.
     *
     * @param jarProperty system property holding the jar's path (set by the build, e.g. {@code atom.jar.discovery})
     */
    public static TestApp start(String name, String jarProperty, String... args) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property " + jarProperty + " must name the built jar of " + name
                    + " (was " + jar + "); build from the repository root so it is packaged first");
        }
        int port = TestKafka.freePort();
        try {
            Path log = Files.createTempFile("atom-test-" + name + "-", ".log");
            String childMain = Path.of(ChildMain.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    jar + java.io.File.pathSeparator + childMain,
                    ChildMain.class.getName(),
                    "org.springframework.boot.loader.launch.JarLauncher",
                    "--server.port=" + port,
                    "--server.address=127.0.0.1"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            TestApp app = new TestApp(name, port, log, process);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "stop-" + name));
            app.awaitHealthy();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    private void awaitHealthy() {
        try {
            Awaitility.await(name + " healthy")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(this::healthy);
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(name + " not healthy after " + START_TIMEOUT + "; see " + log, e);
        }
    }

    private boolean healthy() throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited during start-up; see " + log);
        }
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        Processes.terminate(process.toHandle(), Duration.ofSeconds(30));
    }
}
