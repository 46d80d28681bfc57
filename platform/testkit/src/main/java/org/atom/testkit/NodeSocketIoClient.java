package org.atom.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stock npm {@code socket.io-client} (4.8, Socket.IO protocol v5 over Engine.IO v4) in a {@code node} child
 * process, driven over JSON lines: one client, one {@code Socket} on the namespace of the URL's path. Everything the
 * client reports (connects, upgrades, refusals, events with all their arguments, acks, disconnects) is kept in
 * order in {@link #events()}; the {@code await...} methods wait for it.
 *
 * <p>{@link #awaitConnect}, {@link #awaitConnectError}, {@link #awaitUpgrade} and {@link #awaitDisconnect} each
 * return the next report of their kind that no earlier call of the same method returned, so after a
 * {@link #disconnect()} and {@link #connect()} the next {@code awaitConnect} waits for the second connect. Events are
 * counted from the start instead: {@code awaitEvents("news", 2, ...)} returns the first two {@code news} events.
 *
 * <p>The process ends on {@link #close()}, when the JVM exits, or when its stdin ends because the JVM died: no test
 * leaves a {@code node} process behind.
 */
public final class NodeSocketIoClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> RUNNING.forEach(process -> process.toHandle().destroyForcibly()),
                        "node-socket-io-client-cleanup"));
    }

    /**
     * The client's settings; start from {@link #of(String)}.
     *
     * @param url the server and namespace, e.g. {@code http://127.0.0.1:8080} (namespace {@code /})
     * @param path the HTTP path of the Socket.IO endpoint, {@code /socket.io/} by default
     * @param auth the CONNECT packet's payload (e.g. {@code token}, {@code resume}); {@code null} for none
     * @param extraHeaders headers of each HTTP request, polling and (in Node) the WebSocket upgrade too
     * @param transports {@code null} for the library default (HTTP long-polling, then upgrade to WebSocket), or
     *     e.g. {@code ["websocket"]}
     * @param withCredentials whether the client keeps the cookies the server sets (e.g. a load balancer's affinity
     *     cookie) and sends them back. In Node, socket.io-client 4.8 keeps them in a jar of the Engine.IO session:
     *     it reads {@code Set-Cookie} of polling responses only (never of the WebSocket upgrade's, so with
     *     WebSocket only it keeps none), sends them on the later polling requests and the upgrade, and starts each
     *     reconnect with an empty jar, so the first request of a reconnect has no cookie. With {@code extraHeaders}
     *     too, it adds the jar's cookies to the extraHeaders object itself at each upgrade: the next session's
     *     requests then carry the old cookies, and its upgrade carries them twice
     * @param reconnection whether the client reconnects by itself; off by default so a refusal or a disconnect stays
     *     observable
     * @param timeout the connect timeout, {@code null} for the library default (20 s)
     */
    public record Options(
            String url,
            String path,
            Map<String, ?> auth,
            Map<String, String> extraHeaders,
            List<String> transports,
            boolean withCredentials,
            boolean reconnection,
            Duration timeout) {

        public Options {
            Objects.requireNonNull(url, "url");
        }

        public static Options of(String url) {
            return new Options(url, "/socket.io/", null, null, null, false, false, null);
        }

        public Options withPath(String path) {
            return new Options(url, path, auth, extraHeaders, transports, withCredentials, reconnection, timeout);
        }

        public Options withAuth(Map<String, ?> auth) {
            return new Options(url, path, auth, extraHeaders, transports, withCredentials, reconnection, timeout);
        }

        public Options withExtraHeaders(Map<String, String> extraHeaders) {
            return new Options(url, path, auth, extraHeaders, transports, withCredentials, reconnection, timeout);
        }

        public Options withTransports(String... transports) {
            return new Options(
                    url, path, auth, extraHeaders, List.of(transports), withCredentials, reconnection, timeout);
        }

        /** Only the WebSocket transport: no long-polling, no upgrade. */
        public Options websocketOnly() {
            return withTransports("websocket");
        }

        public Options withCredentials(boolean withCredentials) {
            return new Options(url, path, auth, extraHeaders, transports, withCredentials, reconnection, timeout);
        }

        public Options withReconnection(boolean reconnection) {
            return new Options(url, path, auth, extraHeaders, transports, withCredentials, reconnection, timeout);
        }

        public Options withTimeout(Duration timeout) {
            return new Options(url, path, auth, extraHeaders, transports, withCredentials, reconnection, timeout);
        }

        private String toJson() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("url", url);
            config.put("path", path);
            config.put("auth", auth);
            config.put("extraHeaders", extraHeaders);
            config.put("transports", transports);
            config.put("withCredentials", withCredentials);
            config.put("reconnection", reconnection);
            config.put("timeout", timeout == null ? null : timeout.toMillis());
            config.values().removeIf(value -> value == null);
            return JSON.writeValueAsString(config);
        }
    }

    /** A {@code connect} report: the socket id, whether the server recovered the previous session, the transport. */
    public record Connect(String id, boolean recovered, String transport) {}

    private final Process process;
    private final OutputStream stdin;
    private final List<JsonNode> lines = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Map<String, Integer> returned = new HashMap<>();
    private final AtomicInteger acks = new AtomicInteger();
    private boolean stdoutClosed;

    private NodeSocketIoClient(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        reader("out", process.inputReader(StandardCharsets.UTF_8), this::onLine);
        reader("err", process.errorReader(StandardCharsets.UTF_8), line -> {
            synchronized (lines) {
                stderr.append(line).append('\n');
            }
        });
    }

    /** Starts a client, which connects at once; installs {@code socket.io-client} on this machine's first call. */
    public static NodeSocketIoClient start(Options options) {
        Path dir = NodePackage.install("node-socket-client", "org/atom/testkit/node", "socket-client.mjs");
        ProcessBuilder builder = new ProcessBuilder("node", "socket-client.mjs").directory(dir.toFile());
        builder.environment().put("ATOM_SOCKET_CLIENT", options.toJson());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("node is not on the PATH: these tests need Node.js 20+", e);
        }
        RUNNING.add(process);
        return new NodeSocketIoClient(process);
    }

    /** Everything the client reported so far, in order: one JSON object per line of the driver script. */
    public List<JsonNode> events() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The next {@code connect} report. */
    public Connect awaitConnect(Duration timeout) {
        JsonNode line = awaitNext("connect", timeout);
        return new Connect(
                line.path("id").asString(),
                line.path("recovered").asBoolean(),
                line.path("transport").asString());
    }

    /** The message of the next {@code connect_error} (the server's middleware error, or why the engine failed). */
    public String awaitConnectError(Duration timeout) {
        return awaitNext("connect_error", timeout).path("message").asString();
    }

    /** The transport of the next Engine.IO upgrade ({@code websocket}). */
    public String awaitUpgrade(Duration timeout) {
        return awaitNext("upgrade", timeout).path("transport").asString();
    }

    /** The reason of the next {@code disconnect}, e.g. {@code io server disconnect} or {@code transport close}. */
    public String awaitDisconnect(Duration timeout) {
        return awaitNext("disconnect", timeout).path("reason").asString();
    }

    /** The arguments (a JSON array) of the first {@code count} events named {@code event} since the start. */
    public List<JsonNode> awaitEvents(String event, int count, Duration timeout) {
        return await(count + " event(s) " + event, timeout, () -> {
            List<JsonNode> args = lines.stream()
                    .filter(line -> "event".equals(line.path("type").asString())
                            && event.equals(line.path("event").asString()))
                    .map(line -> line.path("args"))
                    .limit(count)
                    .toList();
            return args.size() == count ? args : null;
        });
    }

    /** The arguments (a JSON array) of the first event named {@code event} since the start. */
    public JsonNode awaitEvent(String event, Duration timeout) {
        return awaitEvents(event, 1, timeout).getFirst();
    }

    /** Emits an event; the arguments are written as JSON (maps, lists, records, strings, numbers...). */
    public void emit(String event, Object... args) {
        send(command("emit", "event", event, "args", Arrays.asList(args)));
    }

    /** Emits an event with an acknowledgement callback and returns the arguments (a JSON array) it was called with. */
    public JsonNode emitWithAck(Duration timeout, String event, Object... args) {
        int id = acks.incrementAndGet();
        send(command("emit", "event", event, "args", Arrays.asList(args), "ack", id));
        return await(
                        "ack of " + event + " (#" + id + ")",
                        timeout,
                        () -> lines.stream()
                                .filter(line -> "ack".equals(line.path("type").asString())
                                        && line.path("id").asInt() == id)
                                .findFirst()
                                .orElse(null))
                .path("args");
    }

    /** Disconnects on the client's side ({@code io client disconnect}); {@link #connect()} connects again. */
    public void disconnect() {
        send(command("disconnect"));
    }

    /**
     * Connects the same socket again with the same auth. Like any socket.io-client, it adds the {@code pid} and
     * {@code offset} of the last session (when the server has connection state recovery) to the auth it sends.
     */
    public void connect() {
        send(command("connect"));
    }

    /** Connects the same socket again with another auth (to which socket.io-client adds {@code pid}, {@code offset}). */
    public void connect(Map<String, ?> auth) {
        send(command("connect", "auth", auth));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the node process wrote to stderr so far. */
    public String stderr() {
        synchronized (lines) {
            return stderr.toString();
        }
    }

    /** Disconnects, lets the process end, and kills it if it lingers; returns once it is gone. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    send(command("exit"));
                    process.waitFor(3, TimeUnit.SECONDS);
                } catch (IllegalStateException gone) {
                    // it ended by itself meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Processes.terminate(process.toHandle(), Duration.ofSeconds(2));
        } finally {
            RUNNING.remove(process);
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the process is gone
            }
        }
    }

    @Override
    public String toString() {
        return "NodeSocketIoClient[pid " + process.pid() + "]" + diagnostics();
    }

    private void onLine(String line) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(line);
        } catch (JacksonException notJson) {
            parsed = null;
        }
        synchronized (lines) {
            if (parsed != null && parsed.isObject()) {
                lines.add(parsed);
            } else {
                stderr.append("(stdout) ").append(line).append('\n');
            }
            lines.notifyAll();
        }
    }

    private void reader(String stream, BufferedReader reader, Consumer<String> onLine) {
        Thread thread = new Thread(
                () -> {
                    try (reader) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            onLine.accept(line);
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    } finally {
                        if (stream.equals("out")) {
                            synchronized (lines) {
                                stdoutClosed = true;
                                lines.notifyAll();
                            }
                        }
                    }
                },
                "node-socket-io-client-" + process.pid() + "-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    private JsonNode awaitNext(String type, Duration timeout) {
        return await("report " + type, timeout, () -> {
            int skip = returned.getOrDefault(type, 0);
            JsonNode next = lines.stream()
                    .filter(line -> type.equals(line.path("type").asString()))
                    .skip(skip)
                    .findFirst()
                    .orElse(null);
            if (next != null) {
                returned.put(type, skip + 1);
            }
            return next;
        });
    }

    /** Waits (on the lines' monitor, woken by each new line) until {@code found} gives non-null. */
    private <T> T await(String what, Duration timeout, Supplier<T> found) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                T result = found.get();
                if (result != null) {
                    return result;
                }
                if (stdoutClosed) {
                    throw new AssertionError("the node process ended before " + what + diagnostics());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + diagnostics());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    private String diagnostics() {
        synchronized (lines) {
            StringBuilder text = new StringBuilder("\nnode process ")
                    .append(process.pid())
                    .append(process.isAlive() ? " is running" : " has ended");
            text.append("; lines received:");
            lines.forEach(line -> text.append("\n  ").append(line));
            text.append("\nstderr:\n").append(stderr);
            return text.toString();
        }
    }

    private static Map<String, Object> command(String cmd, Object... keysAndValues) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("cmd", cmd);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            command.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return command;
    }

    private synchronized void send(Map<String, Object> command) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the node process has ended; cannot send " + command + diagnostics());
        }
        try {
            stdin.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("could not send " + command + " to the node process" + diagnostics(), e);
        }
    }
}
