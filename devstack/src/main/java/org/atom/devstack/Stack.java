package org.atom.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The suite as ARCHITECTURE.md §2 lays it out, limited to the modules that exist in this checkout: infrastructure,
 * then discovery and config-server, then every domain service, then the gateway. Ports are the documented ones,
 * shifted by {@code ATOM_PORT_OFFSET} and overridable one by one with {@code ATOM_<NAME>_PORT}. Each JVM gets its
 * heap settings from {@link #HEAP}, then {@code ATOM_JAVA_OPTIONS} and {@code ATOM_<NAME>_JAVA_OPTIONS}.
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

    /**
     * Heap settings per component (bench/README-startup.md has the measurements behind them). A small initial heap
     * that grows with the live set: without {@code -Xms} the JVM starts with RAM/64 (the whole maximum on a 24 GB
     * machine) and SerialGC's eden, a third of it, ends up touched in full whatever the live set.
     */
    static final Map<String, List<String>> HEAP = Map.of(
            "postgres",
            List.of("-Xms16m", "-Xmx192m"),
            "kafka",
            List.of("-Xms64m", "-Xmx512m"),
            // its live set includes the 20 MB of Argon2 memory blocks it reuses (PasswordHasher): a young generation
            // sized to what it allocates rather than a third of that heap, and an old generation kept closer to the
            // live set (20–40 % free instead of 40–70 %)
            "auth-service",
            List.of("-Xms32m", "-Xmx256m", "-Xmn16m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40"),
            // each WebSocket client holds ~70 KiB of heap at an 8 KiB max-frame-size (bench/README.md, fan-out):
            // 10,000 clients ≈ 700 MB; the idle footprint stays that of -Xms
            "realtime-service",
            List.of("-Xms32m", "-Xmx1g"),
            // 40 KiB of heap per proxied WebSocket: room for the ~9,700 its 20,000 open files allow. Every request
            // passes it, so a young generation sized for its allocation rather than a third of a small heap (-Xmn
            // alone is capped by -Xms): at saturation 56 instead of 123 collections in 16 s, throughput 1.5x
            // (bench/README.md, gateway)
            "gateway",
            List.of("-Xms96m", "-Xmx640m", "-Xmn64m"));

    /** Heap settings of every application without an entry in {@link #HEAP}. */
    static final List<String> APP_HEAP = List.of("-Xms32m", "-Xmx256m");

    /**
     * Environment of every process: at most 2 glibc malloc arenas instead of 8 per core, which otherwise keep 25–50
     * MB per JVM of freed native memory (an operator's own {@code MALLOC_ARENA_MAX} wins).
     */
    static final Map<String, String> PROCESS_ENV = Map.of("MALLOC_ARENA_MAX", "2");

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
        list.add(component("postgres", Component.Kind.POSTGRES, 0, postgres, Map.of()));
        list.add(component("kafka", Component.Kind.KAFKA, 0, kafka, Map.of()));
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
        return component(name, Component.Kind.APP, stage, port, all);
    }

    private Component component(String name, Component.Kind kind, int stage, int port, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(env);
        PROCESS_ENV.forEach((key, value) -> {
            if (!environment.containsKey(key)) {
                all.put(key, value);
            }
        });
        List<String> options =
                new ArrayList<>(HEAP.getOrDefault(name, kind == Component.Kind.APP ? APP_HEAP : List.of()));
        // the operator's last: for the JVM the last of two contradicting options wins
        options.addAll(splitOptions(environment.get("ATOM_JAVA_OPTIONS")));
        options.addAll(splitOptions(environment.get(variable(name, "JAVA_OPTIONS"))));
        return new Component(name, kind, stage, port, options, all);
    }

    /** JVM options separated by white space (no quoting: JVM options rarely contain spaces). */
    static List<String> splitOptions(String options) {
        if (options == null || options.isBlank()) {
            return List.of();
        }
        return List.of(options.strip().split("\\s+"));
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
        String value = environment.get(variable(name, "PORT"));
        return value != null ? Integer.parseInt(value) : standard + offset;
    }

    /** {@code ATOM_<NAME>_<suffix>}: the component's name upper-cased, {@code -} as {@code _}. */
    static String variable(String component, String suffix) {
        return "ATOM_" + component.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + suffix;
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
