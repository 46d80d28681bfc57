package org.atom.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The suite as ARCHITECTURE.md §2 lays it out, limited to the modules that exist in this checkout: infrastructure,
 * then discovery and config-server, then every domain service, then the gateway. Ports are the documented ones,
 * shifted by {@code ATOM_PORT_OFFSET} and overridable one by one with {@code ATOM_<NAME>_PORT}.
 */
final class Stack {

    static final String VERSION = "0.1.0-SNAPSHOT";

    /** Domain services in ARCHITECTURE.md order, with their ports; realtime-service has no schema. */
    static final Map<String, Integer> SERVICES = servicePorts();

    /**
     * Secrets a service needs from the environment (never from config/): generated once into the data folder as
     * 256-bit keys, base64.
     */
    static final Map<String, List<String>> SECRET_VARIABLES =
            Map.of("auth-service", List.of("ATOM_AUTH_KEY_ENCRYPTION_KEY"));

    final Path root;
    final Path home;
    final int offset;
    private final Map<String, String> environment;
    final List<Component> components;

    Stack(Path root, Path home, Map<String, String> environment) {
        this.root = root;
        this.home = home;
        this.environment = environment;
        this.offset = Integer.parseInt(environment.getOrDefault("ATOM_PORT_OFFSET", "0"));
        this.components = List.copyOf(build());
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        String[] names = {
            "auth-service", "task-service", "calendar-service", "comms-service", "integration-service",
            "workflow-service", "agent-service", "finance-service", "voice-service", "health-service",
            "realtime-service"
        };
        for (int i = 0; i < names.length; i++) {
            ports.put(names[i], 8081 + i);
        }
        return ports;
    }

    private List<Component> build() {
        int postgres = port("postgres", 15432);
        int kafka = port("kafka", 19092);
        int discovery = port("discovery", 8761);
        int configServer = port("config-server", 8888);
        String eurekaUrl = "http://127.0.0.1:" + discovery + "/eureka/";

        List<Component> list = new ArrayList<>();
        list.add(new Component("postgres", Component.Kind.POSTGRES, 0, postgres, "192m", Map.of()));
        list.add(new Component("kafka", Component.Kind.KAFKA, 0, kafka, "512m", Map.of()));
        list.add(app("discovery", 1, discovery, Map.of()));
        list.add(app(
                "config-server",
                1,
                configServer,
                Map.of("ATOM_CONFIG_DIR", root.resolve("config").toString())));

        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("CONFIG_SERVER_URL", "http://127.0.0.1:" + configServer);
        shared.put("EUREKA_URL", eurekaUrl);
        shared.put("EUREKA_INSTANCE_IP_ADDRESS", "127.0.0.1");
        shared.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka);
        if (exists("auth-service")) {
            shared.put("ATOM_AUTH_ISSUER", "http://127.0.0.1:" + port("auth-service", SERVICES.get("auth-service")));
        }
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            if (!exists(service.getKey())) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(shared);
            schemaOf(service.getKey()).ifPresent(schema -> {
                env.put(
                        "SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://127.0.0.1:%d/postgres?currentSchema=%s".formatted(postgres, schema));
                env.put("SPRING_DATASOURCE_USERNAME", schema);
                env.put("SPRING_FLYWAY_DEFAULT_SCHEMA", schema);
            });
            list.add(app(service.getKey(), 2, port(service.getKey(), service.getValue()), env));
        }
        list.add(app("gateway", 3, port("gateway", 8080), shared));
        return list;
    }

    private Component app(String name, int stage, int port, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("SERVER_ADDRESS", "127.0.0.1");
        return new Component(name, Component.Kind.APP, stage, port, "256m", all);
    }

    /** The schema (and role) of a service with a database: its name with {@code _} for {@code -}. */
    static Optional<String> schemaOf(String service) {
        return "realtime-service".equals(service) ? Optional.empty() : Optional.of(service.replace('-', '_'));
    }

    List<String> secretVariables() {
        return components.stream()
                .flatMap(c -> SECRET_VARIABLES.getOrDefault(c.name(), List.of()).stream())
                .toList();
    }

    List<String> schemas() {
        return components.stream()
                .filter(c -> c.kind() == Component.Kind.APP)
                .map(c -> c.env().get("SPRING_DATASOURCE_USERNAME"))
                .filter(s -> s != null)
                .toList();
    }

    Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    int port(String name, int standard) {
        String key = "ATOM_" + name.toUpperCase().replace('-', '_') + "_PORT";
        String value = environment.get(key);
        return value != null ? Integer.parseInt(value) : standard + offset;
    }

    boolean exists(String module) {
        return Files.isRegularFile(root.resolve(module).resolve("pom.xml"));
    }

    Path jar(String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    Path devstackJar() {
        return jar("devstack");
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path log(Component component) {
        return logs().resolve(component.name() + ".log");
    }

    Path data() {
        return home.resolve("data");
    }

    Path secrets() {
        return home.resolve("secrets.properties");
    }

    Path state() {
        return home.resolve("state.properties");
    }

    Path aot() {
        return home.resolve("aot");
    }

    int gatewayPort() {
        return component("gateway").orElseThrow().port();
    }
}
