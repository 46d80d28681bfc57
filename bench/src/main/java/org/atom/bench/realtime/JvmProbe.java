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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks read from the suite's JVMs besides CPU: resident memory ({@code /proc/<pid>/status}), the
 * live heap after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), Prometheus counters of
 * realtime-service, and whether a log got an {@code OutOfMemoryError}.
 */
final class JvmProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
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
     * The heap in use right after a full collection, in KiB (the sum of the generations' {@code used} in
     * {@code GC.heap_info}; with SerialGC {@code GC.run} is a full, compacting collection), or -1.
     */
    static long liveHeapKiB(long pid) {
        try {
            jcmd(pid, "GC.run");
            String info = jcmd(pid, "GC.heap_info");
            long used = 0;
            boolean any = false;
            for (String line : info.split("\n")) {
                String trimmed = line.trim();
                // generations only (not "Metaspace" / "class space", which are off-heap)
                if (trimmed.contains("generation") || trimmed.startsWith("def new") || trimmed.startsWith("tenured")) {
                    Matcher m = USED.matcher(trimmed);
                    if (m.find()) {
                        used += Long.parseLong(m.group(1));
                        any = true;
                    }
                }
            }
            return any ? used : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
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
}
