package org.atom.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A CPU profile of a running JVM of the suite: Java Flight Recorder started and stopped through {@code jcmd} (no
 * restart, no agent), and its execution samples summed up. Each sample goes to the first frame from the top of its
 * stack that is not plain JDK code (JDK crypto excepted), mapped to a library or layer — so the shares add up to 100 %
 * and say which layer the CPU went to.
 */
public final class JfrProfile {

    /** Package prefix → layer, first match wins. */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("sun.security.", "JDK crypto"),
            Map.entry("javax.crypto.", "JDK crypto"),
            Map.entry("java.security.", "JDK crypto"),
            Map.entry("com.sun.crypto.", "JDK crypto"),
            Map.entry("io.netty.channel.epoll.", "Netty transport (epoll)"),
            Map.entry("io.netty.channel.", "Netty transport (channel/NIO)"),
            Map.entry("io.netty.handler.codec.http.", "Netty HTTP codec"),
            Map.entry("io.netty.", "Netty (buffers, other)"),
            Map.entry("reactor.netty.http.client.", "Reactor Netty HTTP client"),
            Map.entry("reactor.netty.http.server.", "Reactor Netty HTTP server"),
            Map.entry("reactor.netty.", "Reactor Netty (pool, other)"),
            Map.entry("reactor.", "Reactor (operators, context)"),
            Map.entry("com.nimbusds.", "JWT (Nimbus JOSE)"),
            Map.entry("org.springframework.security.", "Spring Security"),
            Map.entry("org.springframework.cloud.gateway.", "Spring Cloud Gateway"),
            Map.entry("org.springframework.cloud.loadbalancer.", "Spring Cloud LoadBalancer"),
            Map.entry("org.springframework.cloud.client.", "Spring Cloud LoadBalancer"),
            Map.entry("org.springframework.cloud.circuitbreaker.", "Circuit breaker (Resilience4j)"),
            Map.entry("io.github.resilience4j.", "Circuit breaker (Resilience4j)"),
            Map.entry("org.springframework.web.reactive.socket.", "Spring WebSocket"),
            Map.entry("org.springframework.web.socket.", "Spring WebSocket"),
            Map.entry("org.springframework.web.reactive.", "Spring WebFlux"),
            Map.entry("org.springframework.web.server.", "Spring WebFlux"),
            Map.entry("org.springframework.http.server.reactive.", "Spring WebFlux"),
            Map.entry("org.springframework.web.", "Spring Web MVC"),
            Map.entry("org.springframework.http.", "Spring Web MVC"),
            Map.entry("org.springframework.jdbc.", "Spring JDBC / transactions"),
            Map.entry("org.springframework.transaction.", "Spring JDBC / transactions"),
            Map.entry("org.springframework.", "Spring (core, AOP, other)"),
            Map.entry("org.apache.tomcat.websocket.", "Tomcat WebSocket"),
            Map.entry("org.apache.catalina.", "Tomcat"),
            Map.entry("org.apache.coyote.", "Tomcat"),
            Map.entry("org.apache.tomcat.", "Tomcat"),
            Map.entry("jakarta.servlet.", "Servlet API (request/response wrappers)"),
            Map.entry("org.hibernate.validator.", "Bean Validation"),
            Map.entry("org.postgresql.", "PostgreSQL JDBC driver"),
            Map.entry("com.zaxxer.hikari.", "HikariCP"),
            Map.entry("tools.jackson.", "Jackson"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("io.micrometer.", "Micrometer (metrics, observation, tracing)"),
            Map.entry("io.opentelemetry.", "OpenTelemetry"),
            Map.entry("brave.", "Tracing (Brave)"),
            Map.entry("ch.qos.logback.", "Logging"),
            Map.entry("org.slf4j.", "Logging"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("com.netflix.", "Eureka client"),
            Map.entry("com.github.benmanes.caffeine.", "Caffeine"),
            Map.entry("org.atom.", "ATOM code"));

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final long pid;
    private final String name;

    private JfrProfile(long pid, String name) {
        this.pid = pid;
        this.name = name;
    }

    /** Starts a recording ({@code settings=profile}: a Java sample every 10 ms per running thread). */
    public static JfrProfile start(long pid, String name) throws IOException, InterruptedException {
        // deep reactive stacks: keep more frames than the default 64 (accepted only before the first recording)
        jcmd(pid, "JFR.configure", "stackdepth=256");
        String out = jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
        if (!out.contains("Started recording")) {
            throw new IOException("JFR.start on pid " + pid + " failed: " + out);
        }
        return new JfrProfile(pid, name);
    }

    /** Stops the recording and writes it to {@code file}. */
    public Path stop(Path file) throws IOException, InterruptedException {
        String out = jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
        if (!out.contains("Stopped recording")) {
            throw new IOException("JFR.stop on pid " + pid + " failed: " + out);
        }
        return file;
    }

    /** The share of execution samples per layer, the hottest methods (self time), and the transport seen. */
    public static Map<String, Object> analyze(Path file, int top) throws IOException {
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long samples = 0;
        boolean epoll = false;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                methods.merge(method(frames.getFirst()), 1L, Long::sum);
                String layer = null;
                for (RecordedFrame frame : frames) {
                    String type = frame.getMethod().getType().getName();
                    epoll |= type.startsWith("io.netty.channel.epoll.");
                    if (layer == null) {
                        layer = layerOf(type);
                    }
                }
                layers.merge(layer == null ? "JDK only" : layer, 1L, Long::sum);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("samples", samples);
        result.put("layersPercent", percentages(layers, samples, 30));
        result.put("hotMethodsPercent", percentages(methods, samples, top));
        result.put("nettyTransport", epoll ? "epoll (native)" : "NIO (or not seen)");
        return result;
    }

    /**
     * The stop-the-world pauses in the recording ({@code jdk.GarbageCollection}), per collection kind (e.g. SerialGC's
     * {@code DefNew} young and {@code SerialOld} full collections): count, total, median and longest pause in ms, and
     * the recording's length in seconds.
     */
    public static Map<String, Object> gcPauses(Path file) throws IOException {
        Map<String, List<Double>> pauses = new java.util.TreeMap<>();
        java.time.Instant first = null;
        java.time.Instant last = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (first == null || event.getStartTime().isBefore(first)) {
                    first = event.getStartTime();
                }
                if (last == null || event.getEndTime().isAfter(last)) {
                    last = event.getEndTime();
                }
                if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                    pauses.computeIfAbsent(event.getString("name"), k -> new ArrayList<>())
                            .add(event.getDuration("sumOfPauses").toNanos() / 1e6);
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(
                "recordingSeconds",
                first == null
                        ? 0
                        : LoadResult.round(
                                java.time.Duration.between(first, last).toMillis() / 1000.0, 1));
        pauses.forEach((name, list) -> {
            List<Double> sorted = list.stream().sorted().toList();
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("count", sorted.size());
            numbers.put(
                    "totalMs",
                    LoadResult.round(
                            sorted.stream().mapToDouble(Double::doubleValue).sum(), 1));
            numbers.put("medianMs", LoadResult.round(sorted.get(sorted.size() / 2), 2));
            numbers.put("maxMs", LoadResult.round(sorted.getLast(), 2));
            result.put(name, numbers);
        });
        return result;
    }

    /**
     * The process's CPU ms per request split by the profile's layers (each layer's share of the samples times the
     * whole), for the layers above {@code minPercent}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Double> msPerRequestByLayer(
            Map<String, Object> analysis, double msPerRequest, double minPercent) {
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("(all)", LoadResult.round(msPerRequest, 3));
        ((Map<String, Double>) analysis.get("layersPercent")).forEach((layer, percent) -> {
            if (percent >= minPercent) {
                result.put(layer, LoadResult.round(msPerRequest * percent / 100, 3));
            }
        });
        return result;
    }

    private static String layerOf(String type) {
        for (Map.Entry<String, String> layer : LAYERS) {
            if (type.startsWith(layer.getKey())) {
                return layer.getValue();
            }
        }
        for (String prefix : JDK) {
            if (type.startsWith(prefix)) {
                return null; // plain JDK code: the caller decides
            }
        }
        String[] parts = type.split("\\.");
        return parts.length > 3 ? String.join(".", parts[0], parts[1], parts[2]) : type;
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Double> percentages(Map<String, Long> counts, long total, int top) {
        Map<String, Double> result = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(top, sorted.size()))) {
            result.put(entry.getKey(), LoadResult.round(100.0 * entry.getValue() / Math.max(1, total), 1));
        }
        return result;
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return out;
    }

    /** Whether a benchmark runs its extra profiling phase: {@code ATOM_BENCH_PROFILE=1|0}, else in full mode only. */
    public static boolean wanted(boolean full) {
        String setting = System.getenv("ATOM_BENCH_PROFILE");
        return setting == null || setting.isBlank() ? full : setting.equals("1") || setting.equalsIgnoreCase("true");
    }
}
