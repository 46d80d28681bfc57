package org.atom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One single-node KRaft Kafka broker per test JVM, run as a child process from the test's own classpath so that
 * tests can stop and restart it (same ports, same data). The child exits when this JVM dies (its stdin closes).
 */
public final class TestKafka {

    private KafkaProducer<String, String> producer;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static TestKafka instance;

    private final int port = freePort();
    private final int controllerPort = freePort();
    private final Path dir;
    private final Path properties;
    private final Path classpathFile;
    private Process broker;

    private TestKafka() {
        try {
            dir = Files.createTempDirectory("atom-test-kafka");
            properties = dir.resolve("server.properties");
            Files.writeString(
                    properties, KafkaBrokerConfig.serverProperties(port, controllerPort, dir.resolve("data")));
            classpathFile = dir.resolve("classpath.args");
            Files.writeString(classpathFile, "-cp \"" + String.join(":", classpath()) + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
    }

    /** The running broker, started on first call. */
    public static synchronized TestKafka broker() {
        if (instance == null) {
            instance = new TestKafka();
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-kafka-stop"));
        }
        return instance;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker if it is not running and waits until it answers. */
    public synchronized void start() {
        if (broker != null && broker.isAlive()) {
            return;
        }
        try {
            broker = command(ChildMain.class.getName(), "kafka.Kafka", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
        awaitReady();
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        if (broker == null) {
            return;
        }
        Processes.terminate(broker.toHandle(), Duration.ofSeconds(60));
        broker = null;
    }

    public boolean isRunning() {
        return broker != null && broker.isAlive();
    }

    /** Creates topics (idempotent), since the broker does not auto-create them. */
    public void createTopics(int partitions, String... names) {
        try (Admin admin = admin()) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /**
     * Publishes one record, as another service's producer would, and waits for the broker's acknowledgement (a
     * producer shared by the JVM's tests).
     */
    public RecordMetadata send(String topic, String key, String value) {
        try {
            return producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG,
                    0));
        }
        return producer;
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + dir.resolve("broker.log"));
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + START_TIMEOUT);
    }

    private void run(String mainClass, String... args) {
        try {
            Process p = command(mainClass, args)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("format.log").toFile()))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(mainClass + " failed; see " + dir.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=org/atom/testkit/kafka-broker-logback.xml",
                "@" + classpathFile,
                mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    /** The test JVM's classpath, with Surefire's manifest-only jar expanded. */
    private static List<String> classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String cp = manifest == null
                            ? null
                            : manifest.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String url : cp.trim().split("\\s+")) {
                            entries.add(Path.of(java.net.URI.create(url)).toString());
                        }
                    }
                }
            }
        }
        return entries;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
