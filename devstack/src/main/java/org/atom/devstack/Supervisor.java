package org.atom.devstack;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.atom.testkit.Processes;

/** Starts, checks and stops the suite's processes. */
final class Supervisor {

    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Stack stack;
    private final State state;
    private final String javaBinary;
    private final boolean aot;

    Supervisor(Stack stack, State state, boolean aot) {
        this.stack = stack;
        this.state = state;
        this.javaBinary =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.aot = aot;
    }

    Optional<ProcessHandle> process(Component component) {
        return state.process(component.name());
    }

    /** Refuses clearly when something else already listens on a port the component needs. */
    void checkPortsFree(Component component) {
        List<Integer> ports = new ArrayList<>(List.of(component.port()));
        if (component.kind() == Component.Kind.KAFKA) {
            ports.add(component.port() + 1);
        }
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                throw new AtomException("Port " + port + " (" + component.name() + ") is already in use. Stop what uses"
                        + " it, or move ATOM's ports: ATOM_PORT_OFFSET=<n> shifts them all, "
                        + Stack.variable(component.name(), "PORT") + "=<port> moves this one.");
            }
        }
    }

    /** Starts the component's process (without waiting for it to be healthy). */
    void start(Component component, Secrets secrets) throws IOException {
        checkPortsFree(component);
        Files.createDirectories(stack.logs());
        Map<String, String> env = new java.util.LinkedHashMap<>(component.env());
        String schema = component.env().get("SPRING_DATASOURCE_USERNAME");
        if (schema != null) {
            env.put("SPRING_DATASOURCE_PASSWORD", secrets.databasePassword(schema));
        }
        for (String variable : Stack.SECRET_VARIABLES.getOrDefault(component.name(), List.of())) {
            env.put(variable, secrets.variable(variable));
        }
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            // own session: Ctrl-C on ./atom up reaches the launcher only, which then stops everything in order
            command.add("/usr/bin/setsid");
        }
        command.addAll(javaCommand(component, env));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(stack.root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(stack.log(component).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Files.writeString(
                stack.log(component),
                "%n==== ./atom starting %s on port %d ====%n".formatted(component.name(), component.port()),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process process = builder.start();
        state.started(component.name(), process.pid());
    }

    private List<String> javaCommand(Component component, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary));
        command.addAll(JavaCommand.options(component));
        switch (component.kind()) {
            case POSTGRES ->
                command.addAll(runner(
                        "org.atom.devstack.PostgresMain",
                        "--data-dir",
                        stack.data().resolve("postgres").toString(),
                        "--port",
                        Integer.toString(component.port()),
                        "--secrets",
                        stack.secrets().toString(),
                        "--schemas",
                        String.join(",", stack.schemas())));
            case KAFKA ->
                command.addAll(runner(
                        "org.atom.devstack.KafkaMain",
                        "--data-dir",
                        stack.data().resolve("kafka").toString(),
                        "--port",
                        Integer.toString(component.port()),
                        "--controller-port",
                        Integer.toString(component.port() + 1)));
            case APP -> {
                Path jar = stack.jar(component.name());
                Aot.flags(stack, component, jar, javaBinary, aot, env).forEach(command::add);
                command.addAll(List.of("-jar", jar.toString(), "--server.port=" + component.port()));
            }
        }
        return command;
    }

    private List<String> runner(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "-Dloader.main=" + mainClass,
                "-cp",
                stack.devstackJar().toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(List.of(args));
        return command;
    }

    /** Whether the component answers: SQL for PostgreSQL, cluster metadata for Kafka, actuator health for apps. */
    boolean healthy(Component component) {
        try {
            return switch (component.kind()) {
                case POSTGRES -> {
                    DriverManager.setLoginTimeout(2);
                    try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + component.port() + "/postgres", "postgres", "")) {
                        yield c.createStatement().execute("SELECT 1");
                    }
                }
                case KAFKA -> {
                    try (Admin admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + component.port(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                        yield !admin.describeCluster()
                                .nodes()
                                .get(3, TimeUnit.SECONDS)
                                .isEmpty();
                    }
                }
                case APP -> {
                    HttpResponse<String> response = HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + component.port() + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    yield response.statusCode() == 200 && response.body().contains("\"UP\"");
                }
            };
        } catch (Exception notHealthy) {
            if (notHealthy instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Waits until the component is healthy; fails when its process exits or the time is up. */
    void awaitHealthy(Component component) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ProcessHandle process = process(component).orElseThrow(() -> exited(component));
            if (healthy(component)) {
                return;
            }
            try {
                // between two checks, wait on the process itself: its exit ends the wait at once
                process.onExit().get(300, TimeUnit.MILLISECONDS);
                throw exited(component);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // check again
            } catch (java.util.concurrent.ExecutionException e) {
                throw exited(component);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AtomException("interrupted");
            }
        }
        throw new AtomException(component.name() + " not healthy after " + START_TIMEOUT.toSeconds() + " s; see "
                + stack.log(component));
    }

    /**
     * Waits until the gateway routes to the service (its OpenAPI document answers through the gateway): "healthy"
     * must mean usable, and discovery plus load-balancer caches take a few seconds to see a new instance.
     */
    void awaitRoutable(int gatewayPort, Component service) {
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gatewayPort + "/api-docs/" + service.name()))
                .timeout(Duration.ofSeconds(3))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                // not routable yet: wait on the service's process, whose exit would end the wait at once
                process(service).orElseThrow(() -> exited(service)).onExit().get(500, TimeUnit.MILLISECONDS);
                throw exited(service);
            } catch (java.util.concurrent.TimeoutException | IOException notYet) {
                // try again
            } catch (java.util.concurrent.ExecutionException e) {
                throw exited(service);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AtomException("interrupted");
            }
        }
        throw new AtomException("the gateway does not route to " + service.name() + " after "
                + START_TIMEOUT.toSeconds() + " s; see " + stack.log(service));
    }

    private AtomException exited(Component component) {
        return new AtomException(component.name() + " exited during start-up; see " + stack.log(component));
    }

    /** SIGTERM (graceful shutdown), then SIGKILL after a while; also ends anything the process left behind. */
    void stop(Component component) {
        Optional<ProcessHandle> process = process(component);
        if (process.isPresent()) {
            ProcessHandle handle = process.get();
            List<ProcessHandle> descendants = handle.descendants().toList();
            Processes.terminate(handle, STOP_TIMEOUT);
            // e.g. a postgres server whose runner was killed before it could stop it
            descendants.forEach(left -> Processes.terminate(left, Duration.ofSeconds(10)));
        }
        state.stopped(component.name());
    }
}
