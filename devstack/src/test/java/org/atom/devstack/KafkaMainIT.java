package org.atom.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaMainIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String TOPIC = "devstack.restart.v1";

    @TempDir
    Path tmp;

    private final List<RunnerProcess> runners = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        runners.forEach(RunnerProcess::close);
    }

    @Test
    void keepsTopicsAndRecordsAcrossARestart() throws Exception {
        Path data = tmp.resolve("data/kafka");
        int port = RunnerProcess.freePort();
        int controllerPort = RunnerProcess.freePort();

        long started = System.nanoTime();
        RunnerProcess first = start(tmp.resolve("first.log"), data, port, controllerPort);
        System.out.printf(
                "KafkaMain: first start (format) %d ms, RSS %d MB%n",
                (System.nanoTime() - started) / 1_000_000, first.rssMegabytes());
        assertThat(first.output().lines().filter(("READY kafka " + port)::equals))
                .hasSize(1);
        assertThat(first.output()).contains("Kafka Server started");
        String metaProperties = Files.readString(data.resolve("kraft/meta.properties"));

        try (Admin admin = admin(port)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "before the restart"))
                    .get(30, TimeUnit.SECONDS);
        }

        first.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !first.isAlive());

        started = System.nanoTime();
        RunnerProcess restarted = start(tmp.resolve("restarted.log"), data, port, controllerPort);
        System.out.printf(
                "KafkaMain: restart %d ms, RSS %d MB%n",
                (System.nanoTime() - started) / 1_000_000, restarted.rssMegabytes());
        assertThat(Files.readString(data.resolve("kraft/meta.properties"))).isEqualTo(metaProperties);
        try (Admin admin = admin(port)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("before the restart");
        }
        restarted.stop();
        assertThat(restarted.output()).contains("Kafka broker stopped");
    }

    private RunnerProcess start(Path log, Path data, int port, int controllerPort) {
        RunnerProcess runner = RunnerProcess.start(
                "org.atom.devstack.KafkaMain",
                List.of("-Xmx384m"),
                log,
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(port),
                "--controller-port",
                Integer.toString(controllerPort));
        runners.add(runner);
        return runner.awaitReady("READY kafka " + port, START);
    }

    private static Admin admin(int port) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }
}
