package org.atom.devstack;

import java.util.Map;

/**
 * One process of the local suite.
 *
 * @param name the one name of the component (module = app name = log file name)
 * @param kind what runs: the embedded PostgreSQL runner, the Kafka runner, or a Spring Boot application jar
 * @param stage start order: every component of a stage starts in parallel once the previous stage is healthy
 * @param port the port it serves (Kafka: the client port)
 * @param heap the JVM's maximum heap, e.g. {@code 256m}
 * @param env extra environment of the process
 */
record Component(String name, Kind kind, int stage, int port, String heap, Map<String, String> env) {

    enum Kind {
        POSTGRES,
        KAFKA,
        APP
    }

    boolean isInfrastructure() {
        return kind != Kind.APP;
    }
}
