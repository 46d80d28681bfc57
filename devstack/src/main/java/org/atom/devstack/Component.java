package org.atom.devstack;

import java.util.List;
import java.util.Map;

/**
 * One process of the local suite.
 *
 * @param name the one name of the component (module = app name = log file name)
 * @param kind what runs: the embedded PostgreSQL runner, the Kafka runner, or a Spring Boot application jar
 * @param stage start order: every component of a stage starts in parallel once the previous stage is healthy
 * @param port the port it serves (Kafka: the client port)
 * @param jvmOptions the component's own JVM options (its heap sizes), then the operator's {@code ATOM_JAVA_OPTIONS}
 *     and {@code ATOM_<NAME>_JAVA_OPTIONS}; {@link JavaCommand} puts the options every JVM gets in front
 * @param env extra environment of the process
 */
record Component(String name, Kind kind, int stage, int port, List<String> jvmOptions, Map<String, String> env) {

    enum Kind {
        POSTGRES,
        KAFKA,
        APP
    }

    Component {
        jvmOptions = List.copyOf(jvmOptions);
        env = Map.copyOf(env);
    }

    boolean isInfrastructure() {
        return kind != Kind.APP;
    }
}
