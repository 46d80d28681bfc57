package org.atom.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the infrastructure runners ({@link PostgresMain}, {@link KafkaMain}) share: {@code --name value} arguments,
 * their logging set-up, failing with one clear line, and following their parent process.
 *
 * <p>No logger here: the runners choose their logging configuration before the first logger exists.
 */
final class RunnerSupport {

    /** Exit status of a runner that could not start; the reason is on stderr. */
    static final int FAILED = 1;
    /** Exit status for arguments it does not understand. */
    static final int USAGE = 2;

    private RunnerSupport() {}

    /**
     * Uses the given logback configuration (a classpath resource) unless {@code -Dlogback.configurationFile} chose
     * one. Call first in {@code main}, before anything creates a logger.
     */
    static void useLoggingConfiguration(String resource) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", resource);
        }
    }

    /**
     * With {@code --exit-with-parent}: exits (cleanly, through the shutdown hooks) when the process that started
     * this one exits, so a runner never outlives a launcher or a test JVM that was killed.
     */
    static void exitWithParent(String runner) {
        ProcessHandle.current()
                .parent()
                .filter(parent -> parent.pid() != 1)
                .ifPresent(parent -> parent.onExit().thenRun(() -> {
                    System.err.println(runner + " runner: parent process " + parent.pid() + " exited; stopping");
                    System.exit(0);
                }));
    }

    /** Prints {@code <runner> runner: <message>} to stderr and exits with {@link #FAILED}. */
    static RuntimeException fail(String runner, String message) {
        System.err.println(runner + " runner: " + message);
        System.err.flush();
        System.exit(FAILED);
        return new IllegalStateException(message); // not reached
    }

    /** Fails unless {@code port} on 127.0.0.1 is free, rather than let a server find out later and less clearly. */
    static void requireFreePort(String runner, int port, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw fail(runner, "port " + port + " (" + option + ") on 127.0.0.1 is in use by another process");
        }
    }

    /** Announces readiness: the one line the launcher waits for. */
    static void ready(String runner, int port) {
        System.out.println("READY " + runner + " " + port);
        System.out.flush();
    }

    /** Parsed {@code --name value} options and {@code --flag}s. */
    record Args(Map<String, String> values, Set<String> flags) {

        static Args parse(String[] args, List<String> options, List<String> knownFlags) {
            Map<String, String> values = new HashMap<>();
            Set<String> flags = new HashSet<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (knownFlags.contains(name)) {
                    flags.add(name);
                } else if (options.contains(name)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    values.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + name);
                }
            }
            for (String option : options) {
                if (!values.containsKey(option)) {
                    throw new IllegalArgumentException("missing " + option);
                }
            }
            return new Args(values, flags);
        }

        String value(String name) {
            return values.get(name);
        }

        Path path(String name) {
            return Path.of(values.get(name)).toAbsolutePath().normalize();
        }

        int port(String name) {
            try {
                int port = Integer.parseInt(values.get(name));
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(name + " is not a port: " + values.get(name));
        }

        boolean flag(String name) {
            return flags.contains(name);
        }
    }
}
