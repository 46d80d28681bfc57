package org.atom.e2e.keycloak;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atom.testkit.Ports;
import org.atom.testkit.Processes;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak ({@code bin/kc.sh start-dev}) for the end-to-end tests, one per test JVM, serving the realm in
 * {@code src/test/resources/keycloak/atom-realm.json} (realm {@value #REALM}).
 *
 * <p>{@link #start()} returns at once: it picks the ports (so {@link #issuer()} is known) and unpacks, prepares and
 * launches Keycloak in the background; {@link #awaitReady(Duration)} waits until the realm answers. Keycloak takes
 * 10-40 s to start, depending on the machine (longer the very first time, when it builds itself), so start it early
 * and await it late.
 *
 * <p>The distribution (system properties {@code atom.keycloak.zip} and {@code atom.keycloak.version}, set by the
 * module's failsafe configuration) is unpacked once into {@code ${ATOM_CACHE_DIR:-~/.cache/atom}/keycloak-<version>};
 * Keycloak stores its one-time build there, which is why the start options never vary. Every start begins from the
 * realm file: the dev database ({@code data/h2}) and earlier imports are deleted first. A lock file next to that
 * folder keeps two test JVMs from sharing it at once (the second one waits). Keycloak's output goes to
 * {@code target/keycloak.log} (system property {@code atom.keycloak.log} overrides). Keycloak and its launcher stop
 * when this JVM exits (a shutdown hook), and also when this JVM is killed outright (the launcher watches its stdin,
 * like {@code org.atom.testkit.ChildMain}).
 */
public final class KeycloakServer {

    public static final String REALM = "atom";
    /** The realm's test client: public, direct access (password) grant only; its tokens carry {@link #AUDIENCE}. */
    public static final String CLIENT_ID = "atom-e2e";

    public static final String AUDIENCE = "atom-api";
    public static final String ROLE_USER = "atom-user";
    public static final String ROLE_ADMIN = "atom-admin";

    /** A user with the role {@value #ROLE_USER}. */
    public static final String ADA = "ada";

    public static final String ADA_PASSWORD = "ada-e2e-password";
    /** Ada's fixed user id: the {@code sub} of her tokens. */
    public static final String ADA_ID = "00000000-0000-4000-8000-000000000ada";

    public static final String ADA_EMAIL = "ada@atom.test";
    /** A user with the roles {@value #ROLE_USER} and {@value #ROLE_ADMIN}. */
    public static final String GRACE = "grace";

    public static final String GRACE_PASSWORD = "grace-e2e-password";
    /** Grace's fixed user id: the {@code sub} of her tokens. */
    public static final String GRACE_ID = "00000000-0000-4000-8000-0000000ace00";

    public static final String GRACE_EMAIL = "grace@atom.test";

    /** The master realm's administrator (its password is random per run: {@link #adminPassword()}). */
    public static final String ADMIN_USERNAME = "admin";

    private static final String REALM_RESOURCE = "/keycloak/atom-realm.json";
    /**
     * JVM options for Keycloak (kc.sh appends them to its defaults); JVM flags, unlike Keycloak's build options, never
     * cause a rebuild. The realm needs ~65 MB of live heap; the C1-only JIT saves ~60 MB of RSS and no start time.
     */
    private static final String JVM_OPTIONS = "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1";
    /**
     * kc.sh's default opens plus {@code java.lang}, without which JBoss Threads fails on Java 24+ whenever a pool thread
     * ends ({@code IllegalAccessError ... thread-local-reset capability}).
     */
    private static final String ADD_OPENS = "--add-opens=java.base/java.util=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
            + " --add-opens=java.base/java.security=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang=ALL-UNNAMED";
    /**
     * Ports come from [10000, 15000): below Linux's ephemeral range (32768-60999), so nothing that binds port 0 or
     * connects out can take one in the seconds before Keycloak binds it, and clear of the suite's standard ports
     * (8080-8091, 8761, 8888, 15432, 19092-19093) with no offset or with an offset from 21000 up.
     */
    private static final int PORT_RANGE_START = 10000;

    private static final int PORT_RANGE_END = 15000;
    private static final int LOG_TAIL_LINES = 60;

    /**
     * Runs kc.sh (given as $0) in the background and waits for it; stops it on SIGTERM/SIGINT/SIGHUP, and when its
     * own stdin reaches end of file, i.e. when the test JVM (which never writes to it) is gone, however it died.
     */
    private static final String LAUNCHER = """
            "$0" "$@" </dev/null &
            kc=$!
            { { while read -r _; do :; done; kill -TERM "$kc" 2>/dev/null; } <&3 3<&- & } 3<&0
            watchdog=$!
            trap 'kill -TERM "$kc" 2>/dev/null' TERM INT HUP
            wait "$kc"; status=$?
            while kill -0 "$kc" 2>/dev/null; do wait "$kc"; status=$?; done
            kill "$watchdog" 2>/dev/null
            exit "$status"
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KeycloakServer instance;

    private final String version;
    private final Path zip;
    private final Path home;
    private final Path logFile;
    private final int port;
    private final int managementPort;
    private final String adminPassword = HexFormat.of().formatHex(randomBytes(16));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final CompletableFuture<Process> launched = new CompletableFuture<>();
    private final Instant startedAt = Instant.now();
    private volatile String stage = "not started";
    private volatile Instant launchedAt;
    private volatile boolean ready;
    private FileChannel lock; // held (and so referenced) until the JVM exits
    private boolean stopped; // guarded by this
    private Process process; // guarded by this

    private KeycloakServer(String version, Path zip, Path home, Path logFile, int port, int managementPort) {
        this.version = version;
        this.zip = zip;
        this.home = home;
        this.logFile = logFile;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts this JVM's Keycloak unless already started, without waiting for it; returns the instance. Follow with
     * {@link #awaitReady(Duration)} before using it.
     */
    public static synchronized KeycloakServer start() {
        if (instance == null) {
            String version = requiredProperty("atom.keycloak.version");
            Path zip = Path.of(requiredProperty("atom.keycloak.zip"));
            String cacheDir = System.getenv("ATOM_CACHE_DIR");
            Path cache = cacheDir == null || cacheDir.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache", "atom")
                    : Path.of(cacheDir);
            Path logFile = Path.of(System.getProperty("atom.keycloak.log", "target/keycloak.log"))
                    .toAbsolutePath();
            int port = freePort(-1);
            KeycloakServer server = new KeycloakServer(
                    version, zip, cache.toAbsolutePath().resolve("keycloak-" + version), logFile, port, freePort(port));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
            Thread launcher = new Thread(server::launch, "keycloak-launch");
            launcher.setDaemon(true);
            launcher.start();
            instance = server;
        }
        return instance;
    }

    /**
     * Waits until the realm's OpenID configuration answers 200; returns this. Fails, with the end of Keycloak's log,
     * if Keycloak exits or is not ready in time (allow ~5 min for the very first start, ~2 min afterwards).
     */
    public KeycloakServer awaitReady(Duration timeout) {
        if (ready) {
            return this;
        }
        Instant deadline = Instant.now().plus(timeout);
        Process keycloak;
        try {
            keycloak = launched.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("Keycloak was not launched within " + timeout + " (" + stage + ")", null);
        } catch (ExecutionException e) {
            throw failure("Keycloak could not be launched (" + stage + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for Keycloak", e);
        }
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            await("Keycloak realm " + REALM + " at " + issuer())
                    .atMost(left.isNegative() ? Duration.ZERO : left)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!keycloak.isAlive()) {
                            throw failure("Keycloak exited with status " + keycloak.exitValue(), null);
                        }
                        return realmAnswers();
                    });
        } catch (ConditionTimeoutException e) {
            throw failure("Keycloak was not ready within " + timeout, null);
        }
        ready = true;
        Instant now = Instant.now();
        System.out.printf(
                "Keycloak %s ready at %s %d s after start(), %d s after its launch (log: %s)%n",
                version,
                issuer(),
                Duration.between(startedAt, now).toSeconds(),
                Duration.between(launchedAt, now).toSeconds(),
                logFile);
        return this;
    }

    /** {@code http://127.0.0.1:<port>/realms/atom}: exactly the {@code iss} of the tokens it issues. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** The realm's JSON Web Key Set. */
    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The realm's token endpoint. */
    public String tokenUri() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The user's access token (a JWT) from the password grant of {@value #CLIENT_ID}. */
    public String passwordToken(String username, String password) {
        String form = form(
                Map.of("grant_type", "password", "client_id", CLIENT_ID, "username", username, "password", password));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenUri()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a password token for " + username + ": "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).required("access_token").asString();
    }

    /** The HTTP port (on 127.0.0.1). */
    public int port() {
        return port;
    }

    /** The management port (health, metrics: disabled), kept off Keycloak's default 9000. */
    public int managementPort() {
        return managementPort;
    }

    /** The password of {@value #ADMIN_USERNAME} in the master realm (admin console, admin REST API). */
    public String adminPassword() {
        return adminPassword;
    }

    /** Where Keycloak's output goes. */
    public Path logFile() {
        return logFile;
    }

    // --- launching ---------------------------------------------------------------------------------------------

    private void launch() {
        try {
            stage = "unpacking " + zip + " into " + home;
            unpackOnce();
            stage = "waiting for the lock on " + home + " (another test JVM is running this Keycloak)";
            lockForThisJvm();
            stage = "preparing " + home.resolve("data");
            prepareData();
            synchronized (this) {
                if (stopped) {
                    throw new IllegalStateException("this JVM is exiting");
                }
                stage = "running";
                process = processBuilder().start();
                launchedAt = Instant.now();
            }
            launched.complete(process);
        } catch (Throwable e) {
            launched.completeExceptionally(e);
        }
    }

    private ProcessBuilder processBuilder() throws IOException {
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                LAUNCHER,
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--import-realm"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        // nothing inherited may change Keycloak's options (a changed build option means a rebuild) or its JVM
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_"));
        Stream.of("JAVA", "JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_LOCALE", "DEBUG", "PRINT_ENV")
                .forEach(env::remove);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", JVM_OPTIONS);
        env.put("JAVA_ADD_OPENS", ADD_OPENS);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        return builder;
    }

    /** Keycloak's launcher and everything it started: SIGTERM first (kc.sh forwards it), SIGKILL if it lingers. */
    private void stop() {
        Process keycloak;
        synchronized (this) {
            stopped = true;
            keycloak = process;
        }
        if (keycloak == null) {
            return;
        }
        List<ProcessHandle> tree = keycloak.toHandle().descendants().toList();
        Processes.terminate(keycloak.toHandle(), Duration.ofSeconds(30));
        tree.forEach(child -> Processes.terminate(child, Duration.ofSeconds(5)));
    }

    /**
     * Unpacks the zip into the cache unless already there: into a temporary sibling folder first, renamed into
     * place in one step, so an interrupted run never leaves a partial distribution behind. File modes are kept.
     */
    private void unpackOnce() throws IOException {
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return;
        }
        Path parent = home.getParent();
        Files.createDirectories(parent);
        removeStaleUnpacks(parent);
        Path staging = Files.createTempDirectory(parent, home.getFileName() + ".unpacking-");
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = archive.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    if (entry.getNameCount() < 2) {
                        continue; // the archive's top folder, keycloak-<version>/
                    }
                    Path target = staging.resolve(
                            entry.subpath(1, entry.getNameCount()).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(entry, target);
                        Files.setPosixFilePermissions(
                                target,
                                Files.readAttributes(entry, PosixFileAttributes.class)
                                        .permissions());
                    }
                }
            }
            if (!Files.isRegularFile(staging.resolve("bin/kc.sh"))) {
                throw new IllegalStateException(zip + " holds no keycloak-<version>/bin/kc.sh");
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherJvmWasFaster) {
            // fine: use theirs
        } finally {
            deleteRecursively(staging);
        }
    }

    /** Leftovers of unpacking runs that were killed (older than an hour: a live one takes seconds). */
    private void removeStaleUnpacks(Path parent) throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path stale : siblings.filter(
                            p -> p.getFileName().toString().startsWith(home.getFileName() + ".unpacking-"))
                    .toList()) {
                if (Files.getLastModifiedTime(stale).compareTo(hourAgo) < 0) {
                    deleteRecursively(stale);
                }
            }
        }
    }

    /** Held until this JVM exits (the operating system releases it even if the JVM is killed). */
    private void lockForThisJvm() throws IOException {
        lock = FileChannel.open(
                home.resolveSibling(home.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock.lock();
    }

    /** A fresh start from the realm file: no dev database, no earlier import. */
    private void prepareData() throws IOException {
        Path data = home.resolve("data");
        deleteRecursively(data.resolve("h2"));
        deleteRecursively(data.resolve("import"));
        Files.createDirectories(data.resolve("import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException("no " + REALM_RESOURCE + " on the test classpath");
            }
            Files.copy(realm, data.resolve("import").resolve("atom-realm.json"));
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private boolean realmAnswers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private IllegalStateException failure(String message, Throwable cause) {
        return new IllegalStateException(message + "; last lines of " + logFile + ":\n" + logTail(), cause);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A free loopback port in [{@value #PORT_RANGE_START}, {@value #PORT_RANGE_END}), other than {@code not}. */
    private static int freePort(int not) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(PORT_RANGE_START, PORT_RANGE_END);
            if (candidate != not && Ports.isFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port in [" + PORT_RANGE_START + ", " + PORT_RANGE_END + ")");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the e2e-tests module's"
                    + " failsafe configuration sets it)");
        }
        return value;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
