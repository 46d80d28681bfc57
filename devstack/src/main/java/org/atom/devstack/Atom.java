package org.atom.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./atom}: the whole suite on one machine. {@code up [--detach] [--aot]}, {@code down}, {@code status},
 * {@code logs <name> [-f]}, {@code restart <name>}. Infrastructure (PostgreSQL, Kafka), then discovery and
 * config-server, then every service, then the gateway — each its own JVM, each stage in parallel.
 */
public final class Atom {

    private final Stack stack;
    private final State state;

    private Atom(Stack stack) {
        this.stack = stack;
        this.state = new State(stack.state());
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        Path root = Path.of(option(arguments, "--root", ".")).toAbsolutePath().normalize();
        Map<String, String> env = System.getenv();
        Path home = env.containsKey("ATOM_HOME") ? Path.of(env.get("ATOM_HOME")) : root.resolve(".atom");
        Atom atom = new Atom(new Stack(root, home.toAbsolutePath(), env));
        String command = arguments.isEmpty() ? "help" : arguments.removeFirst();
        try {
            int exit = switch (command) {
                case "up" -> atom.up(arguments.contains("--detach"), arguments.contains("--aot"));
                case "down" -> atom.down();
                case "status" -> atom.status();
                case "logs" -> atom.logs(arguments);
                case "restart" -> atom.restart(arguments);
                default -> help();
            };
            System.exit(exit);
        } catch (AtomException e) {
            System.err.println("atom: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("atom: " + e);
            System.exit(1);
        }
    }

    private static int help() {
        System.out.println("""
                usage: ./atom <command>
                  up [--detach] [--aot]   build what is missing or stale, start the whole suite, wait until healthy
                                          (Ctrl-C stops it; --detach returns once healthy; --aot trains JDK 25 AOT caches)
                  down                    stop everything ./atom started
                  status                  the table of processes; exit 0 only when all are healthy
                  logs <name> [-f]        a component's log (postgres, kafka, discovery, gateway, ...)
                  restart <name>          restart one component (a service, kafka or postgres)
                environment: ATOM_PORT_OFFSET shifts every port, ATOM_<NAME>_PORT moves one, ATOM_HOME moves the data folder,
                  ATOM_JAVA_OPTIONS adds JVM options to every component, ATOM_<NAME>_JAVA_OPTIONS to one (they win)""");
        return 2;
    }

    private int up(boolean detach, boolean aot) throws Exception {
        Supervisor supervisor = new Supervisor(stack, state, aot);
        List<Component> toStart = stack.components.stream()
                .filter(c -> supervisor.process(c).isEmpty())
                .toList();
        toStart.forEach(supervisor::checkPortsFree);
        Build.ensure(stack, toStart.stream().filter(c -> !c.isInfrastructure()).toList());
        Secrets secrets = Secrets.ensure(stack.secrets(), stack.schemas(), stack.secretVariables());
        if (aot && !Aot.supported()) {
            System.out.println("--aot needs a JDK 25 or newer; starting without AOT caches.");
        }

        CountDownLatch stopped = new CountDownLatch(1);
        if (!detach) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                System.out.println("\nStopping the suite...");
                                stopAll(supervisor);
                                stopped.countDown();
                            },
                            "atom-down"));
        }
        try {
            startStages(supervisor, secrets, toStart);
        } catch (AtomException e) {
            if (!detach) {
                throw e;
            }
            System.err.println("atom: " + e.getMessage());
            printTable(supervisor);
            return 1;
        }
        awaitRoutable(supervisor);
        printTable(supervisor);
        printLinks();
        if (detach) {
            System.out.println("Running in the background: ./atom status, ./atom logs <name>, ./atom down.");
            return 0;
        }
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
        return 0;
    }

    private void startStages(Supervisor supervisor, Secrets secrets, List<Component> toStart) throws Exception {
        Map<Integer, List<Component>> stages = new TreeMap<>();
        toStart.forEach(
                c -> stages.computeIfAbsent(c.stage(), s -> new ArrayList<>()).add(c));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Component> stage : stages.values()) {
                for (Component component : stage) {
                    System.out.printf("Starting %s on port %d%n", component.name(), component.port());
                    supervisor.start(component, secrets);
                }
                List<Future<?>> checks = new ArrayList<>();
                for (Component component : stage) {
                    checks.add(pool.submit(() -> supervisor.awaitHealthy(component)));
                }
                for (Future<?> check : checks) {
                    try {
                        check.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof AtomException atom
                                ? atom
                                : new AtomException(e.getCause().toString());
                    }
                }
            }
        }
    }

    /** Every running domain service, as seen through the gateway. */
    private void awaitRoutable(Supervisor supervisor) {
        int gateway = stack.gatewayPort();
        stack.components.stream()
                .filter(c -> Stack.SERVICES.containsKey(c.name()) && !"realtime-service".equals(c.name()))
                .filter(c -> supervisor.process(c).isPresent())
                .forEach(service -> supervisor.awaitRoutable(gateway, service));
    }

    private int down() {
        Supervisor supervisor = new Supervisor(stack, state, false);
        stopAll(supervisor);
        System.out.println("Stopped.");
        return 0;
    }

    /** Stops in reverse start order, each stage in parallel: the gateway first, PostgreSQL and Kafka last. */
    private void stopAll(Supervisor supervisor) {
        Map<Integer, List<Component>> stages = new TreeMap<>(Comparator.reverseOrder());
        stack.components.forEach(
                c -> stages.computeIfAbsent(c.stage(), s -> new ArrayList<>()).add(c));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Component> stage : stages.values()) {
                List<Future<?>> stops = new ArrayList<>();
                for (Component component : stage) {
                    stops.add(pool.submit(() -> supervisor.stop(component)));
                }
                for (Future<?> stop : stops) {
                    try {
                        stop.get();
                    } catch (Exception e) {
                        System.err.println("atom: " + e);
                    }
                }
            }
        }
    }

    private int status() {
        return printTable(new Supervisor(stack, state, false)) ? 0 : 1;
    }

    private int logs(List<String> arguments) throws IOException, InterruptedException {
        if (arguments.isEmpty()) {
            throw new AtomException("which log? ./atom logs <name>; names: " + names());
        }
        Component component = component(arguments.getFirst());
        Path log = stack.log(component);
        if (!Files.exists(log)) {
            throw new AtomException("no log yet for " + component.name() + " (" + log + ")");
        }
        if (arguments.contains("-f")) {
            return new ProcessBuilder("tail", "-n", "200", "-f", log.toString())
                    .inheritIO()
                    .start()
                    .waitFor();
        }
        Files.copy(log, System.out);
        return 0;
    }

    private int restart(List<String> arguments) throws Exception {
        if (arguments.isEmpty()) {
            throw new AtomException("what to restart? ./atom restart <name>; names: " + names());
        }
        Component component = component(arguments.getFirst());
        Supervisor supervisor = new Supervisor(stack, state, false);
        supervisor.stop(component);
        supervisor.start(component, Secrets.ensure(stack.secrets(), stack.schemas(), stack.secretVariables()));
        supervisor.awaitHealthy(component);
        System.out.println("Restarted " + component.name() + ".");
        return 0;
    }

    private Component component(String name) {
        return stack.component(name)
                .orElseThrow(() -> new AtomException("no component named " + name + "; names: " + names()));
    }

    private String names() {
        return String.join(", ", stack.components.stream().map(Component::name).toList());
    }

    /** Prints one line per component; returns whether all are running and healthy. */
    private boolean printTable(Supervisor supervisor) {
        String format = "%-20s %-6s %-8s %-9s %s%n";
        System.out.printf(format, "SERVICE", "PORT", "PID", "HEALTH", "LOG");
        boolean allHealthy = true;
        for (Component component : stack.components) {
            var process = supervisor.process(component);
            String health = process.isEmpty() ? "stopped" : supervisor.healthy(component) ? "healthy" : "unhealthy";
            allHealthy &= "healthy".equals(health);
            System.out.printf(
                    format,
                    component.name(),
                    component.port(),
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    health,
                    stack.root.relativize(stack.log(component).toAbsolutePath()));
        }
        return allHealthy;
    }

    private void printLinks() {
        int gateway = stack.gatewayPort();
        System.out.printf(
                """

                Gateway     http://localhost:%d
                Swagger UI  http://localhost:%d/swagger-ui.html
                Eureka      http://localhost:%d
                Data        %s (logs in %s)
                """,
                gateway, gateway, stack.component("discovery").orElseThrow().port(), stack.data(), stack.logs());
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        if (index < 0 || index + 1 >= arguments.size()) {
            return fallback;
        }
        String value = arguments.get(index + 1);
        arguments.remove(index + 1);
        arguments.remove(index);
        return value;
    }
}
