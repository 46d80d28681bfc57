package org.atom.testkit;

import java.nio.file.Path;

/**
 * The {@code server.properties} of a single-node KRaft broker (broker and controller in one process, node id 1)
 * on 127.0.0.1, shared by the test kit and devstack. Topics are never auto-created, as in production; internal
 * topics have one replica and few partitions. The log cleaner (compacted topics such as the consumer offsets) gets
 * an 8 MB key map instead of 128 MB: allocated on the heap when the broker starts, the default alone made the
 * broker's RSS ~130 MB bigger; 8 MB hold ~300,000 keys per cleaning pass, far more than a test or a developer writes.
 */
public final class KafkaBrokerConfig {

    private KafkaBrokerConfig() {}

    /**
     * @param port the PLAINTEXT (client) port
     * @param controllerPort the KRaft controller port
     * @param logDir the broker's data directory ({@code log.dirs}), where storage is formatted
     */
    public static String serverProperties(int port, int controllerPort, Path logDir) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                auto.create.topics.enable=false
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=4
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.dedupe.buffer.size=8388608
                """.formatted(
                        port, controllerPort, escape(logDir.toAbsolutePath().toString()));
    }

    /** Backslashes (Windows paths) are escapes in a properties file. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
