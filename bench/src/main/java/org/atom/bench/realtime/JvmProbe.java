package org.atom.bench.realtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks read from the suite's JVMs besides CPU: resident memory ({@code /proc/<pid>/status}), the
 * live objects by class after a full collection ({@code jcmd GC.class_histogram}), the maximum heap, Prometheus counters of
 * realtime-service, and whether a log got an {@code OutOfMemoryError}.
 */
final class JvmProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JvmProbe() {}

    /** Resident set size in KiB, or -1 when the process is gone. */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Open file descriptors of the process (sockets included), or -1. */
    static long openFiles(long pid) {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Live objects by class ({@code jcmd GC.class_histogram}, which collects first): class name → bytes; empty when
     * jcmd fails.
     */
    static Map<String, Long> classHistogram(long pid) {
        Map<String, Long> bytes = new java.util.HashMap<>();
        try {
            for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
                String[] f = line.trim().split("\\s+");
                // "   1:     12345     678900  [B (java.base@25)"
                if (f.length >= 4 && f[0].endsWith(":")) {
                    try {
                        bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
                    } catch (NumberFormatException e) {
                        // a header
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no histogram
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bytes;
    }

    /** The classes that grew most between two histograms, in bytes per connection (the top {@code top}). */
    static Map<String, Double> perConnection(
            Map<String, Long> before, Map<String, Long> after, int connections, int top) {
        Map<String, Double> result = new LinkedHashMap<>();
        if (before.isEmpty() || after.isEmpty() || connections == 0) {
            return result;
        }
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> result.put(e.getKey(), Math.round(e.getValue() * 10.0 / connections) / 10.0));
        long total = after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum();
        result.put("(all classes)", Math.round(total * 10.0 / connections) / 10.0);
        return result;
    }

    /** The maximum heap ({@code -Xmx}) of the process in MiB, from its command line, or -1. */
    static long maxHeapMiB(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' ');
            Matcher m = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(cmdline);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                return m.group(2).equalsIgnoreCase("g") ? value * 1024 : value;
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /**
     * Samples of Prometheus metrics whose name starts with {@code prefix}, keyed by the sample's line up to its value
     * (name and labels); empty when the endpoint does not answer.
     */
    static Map<String, Double> prometheus(String baseUrl, String prefix) {
        Map<String, Double> samples = new TreeMap<>();
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return samples;
            }
            for (String line : response.body().split("\n")) {
                if (line.startsWith(prefix)) {
                    int space = line.lastIndexOf(' ');
                    try {
                        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                    } catch (NumberFormatException e) {
                        // not a sample
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not answering
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return samples;
    }

    /** The change of each sample between two scrapes (samples that did not change left out). */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((key, value) -> {
            double change = value - before.getOrDefault(key, 0.0);
            if (change != 0) {
                delta.put(key, change);
            }
        });
        return delta;
    }

    /** The status code of {@code GET url}, or -1. */
    static int status(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The log's size now, to look at what is written after. */
    static long size(Path log) {
        try {
            return log == null ? 0 : Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Lines containing {@code needle} written to the log after {@code from} bytes (at most 5). */
    static List<String> linesSince(Path log, long from, String needle) {
        List<String> lines = new ArrayList<>();
        if (log == null) {
            return lines;
        }
        try (var file = java.nio.channels.FileChannel.open(log)) {
            long size = file.size();
            if (size <= from) {
                return lines;
            }
            var buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 64L << 20));
            file.read(buffer, from);
            for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
                if (line.contains(needle) && lines.size() < 5) {
                    lines.add(line.length() > 300 ? line.substring(0, 300) : line);
                }
            }
        } catch (IOException e) {
            // unreadable
        }
        return lines;
    }

    /** Runs jcmd; a JVM too busy (collecting without end) to answer within two minutes gives "". */
    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        Path out = Files.createTempFile("bench-jcmd-", ".txt");
        try {
            Process process = new ProcessBuilder(args)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
