package org.atom.devstack;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.atom.testkit.KafkaBrokerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a single-node KRaft Kafka broker (broker and controller in this JVM) for the local stack until SIGTERM.
 *
 * <pre>
 * KafkaMain --data-dir &lt;dir&gt; --port &lt;port&gt; --controller-port &lt;port&gt; [--exit-with-parent]
 * </pre>
 *
 * <ul>
 *   <li>Writes {@code <data-dir>/server.properties} ({@link KafkaBrokerConfig}) at every start; the broker's data
 *       is in {@code <data-dir>/kraft}, formatted once with a new cluster id: restarts keep topics and offsets.
 *   <li>Prints {@code READY kafka <port>} on stdout once the broker answers an admin client (describeCluster).
 *   <li>SIGTERM/SIGINT shut the broker down cleanly; if it fails at start-up the runner exits with status 1.
 *   <li>Logs WARN, the broker's start line and the runner's format/stop lines to stdout ({@code kafka-logback.xml},
 *       which includes the test kit's {@code kafka-broker-logback.xml}), unless {@code -Dlogback.configurationFile}
 *       says otherwise.
 * </ul>
 */
public final class KafkaMain {

    private static final String RUNNER = "kafka";
    private static final String USAGE =
            "usage: KafkaMain --data-dir <dir> --port <port> --controller-port <port> [--exit-with-parent]";

    private KafkaMain() {}

    public static void main(String[] args) throws Exception {
        RunnerSupport.useLoggingConfiguration("org/atom/devstack/kafka-logback.xml");
        RunnerSupport.Args options;
        int port;
        int controllerPort;
        try {
            options = RunnerSupport.Args.parse(
                    args, List.of("--data-dir", "--port", "--controller-port"), List.of("--exit-with-parent"));
            port = options.port("--port");
            controllerPort = options.port("--controller-port");
        } catch (IllegalArgumentException e) {
            System.err.println(RUNNER + " runner: " + e.getMessage() + "\n" + USAGE);
            System.exit(RunnerSupport.USAGE);
            return;
        }
        if (port == controllerPort) {
            throw RunnerSupport.fail(RUNNER, "--port and --controller-port must differ");
        }
        if (options.flag("--exit-with-parent")) {
            RunnerSupport.exitWithParent(RUNNER);
        }
        Logger log = LoggerFactory.getLogger(KafkaMain.class);
        Path dataDir = options.path("--data-dir");
        Path logDir = dataDir.resolve("kraft");
        Path properties = dataDir.resolve("server.properties");
        RunnerSupport.requireFreePort(RUNNER, port, "--port");
        RunnerSupport.requireFreePort(RUNNER, controllerPort, "--controller-port");
        String clusterId;
        try {
            Files.createDirectories(dataDir);
            Files.writeString(properties, KafkaBrokerConfig.serverProperties(port, controllerPort, logDir));
            clusterId = formatOnce(logDir, properties, log);
        } catch (IOException e) {
            throw RunnerSupport.fail(RUNNER, "cannot prepare " + dataDir + ": " + e);
        }

        Thread readiness = new Thread(() -> announceWhenReady(port, clusterId), "kafka-readiness");
        readiness.setDaemon(true);
        readiness.start();
        // Kafka stops the broker in a shutdown hook (SIGTERM/SIGINT): say when that is done, from the hook itself
        Exit.setShutdownHookAdder((name, hook) -> Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            hook.run();
                            log.info("Kafka broker stopped");
                        },
                        name)));
        // Kafka ends its main with Exit.exit: status 1 if the broker could not start, 0 once it has shut down.
        // During the JVM's shutdown System.exit would block for ever, so the procedure then just returns.
        Exit.setExitProcedure((status, message) -> {
            if (!shuttingDown()) {
                System.exit(status);
            }
        });
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    /**
     * Formats the storage with a new cluster id unless {@code meta.properties} shows it is formatted already;
     * returns the cluster id.
     */
    private static String formatOnce(Path logDir, Path properties, Logger log) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            return clusterId(meta);
        }
        if (Files.exists(logDir)) {
            // a format that died halfway: nothing in there is usable without meta.properties
            try (Stream<Path> paths = Files.walk(logDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        String clusterId = Uuid.randomUuid().toString();
        int status = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties.toString()}, System.out);
        if (status != 0 || !Files.isRegularFile(logDir.resolve("meta.properties"))) {
            throw RunnerSupport.fail(RUNNER, "formatting " + logDir + " failed (status " + status + ")");
        }
        log.info("Formatted {} for cluster {}", logDir, clusterId);
        return clusterId(meta);
    }

    private static String clusterId(Path metaProperties) throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(metaProperties)) {
            meta.load(in);
        }
        String id = meta.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw RunnerSupport.fail(RUNNER, metaProperties + " has no cluster.id");
        }
        return id;
    }

    /**
     * Waits until the broker's port accepts connections (so the admin client does not log refused connections),
     * then until the broker answers describeCluster with this storage's cluster id, and prints the READY line once.
     */
    private static void announceWhenReady(int port, String clusterId) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1_000);
                break;
            } catch (IOException notYet) {
                pause();
            }
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(10, TimeUnit.SECONDS)
                            .isEmpty()) {
                        RunnerSupport.ready(RUNNER, port);
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception notYet) {
                    pause();
                }
            }
        }
    }

    /** Whether the JVM is running its shutdown hooks (then System.exit would block forever). */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Between two probes of the broker, which runs in this JVM but offers nothing to wait on. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
