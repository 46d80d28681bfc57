package org.atom.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark's result: the machine, versions and settings it ran with, its numbers (ratios and percentiles), and
 * notes. Written as JSON and as a short Markdown table to {@code bench/results/<name>-<time>.{json,md}}.
 */
public final class Report {

    private final String name;
    private final boolean full;
    private final Path root;
    private final Instant started = Instant.now();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    Report(String name, boolean full, Path root) {
        this.name = name;
        this.full = full;
        this.root = root;
    }

    /** The repository root (where {@code ./atom} is). */
    public Path root() {
        return root;
    }

    /** A setting the numbers depend on (rate, duration, connections, heap …). */
    public Report setting(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    /** A number (or a small map of numbers): a ratio, a percentile in ms, a throughput. */
    public Report result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    public Report note(String text) {
        notes.add(text);
        return this;
    }

    Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        var os = ManagementFactory.getOperatingSystemMXBean();
        machine.put("os", os.getName() + " " + os.getVersion() + " " + os.getArch());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            machine.put("memoryGiB", Math.round(sun.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        }
        machine.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        return machine;
    }

    Path write() throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("benchmark", name);
        all.put("mode", full ? "full" : "short");
        all.put("started", started.toString());
        all.put("machine", machine());
        all.put("settings", settings);
        all.put("results", results);
        all.put("notes", notes);
        Path dir = root.resolve("bench").resolve("results");
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(started);
        Path json = dir.resolve(name + "-" + stamp + ".json");
        Files.writeString(
                json,
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(all));
        Files.writeString(dir.resolve(name + "-" + stamp + ".md"), markdown());
        return json;
    }

    String markdown() {
        StringBuilder md =
                new StringBuilder("## " + name + " (" + (full ? "full" : "short") + ", " + started + ")\n\n");
        md.append("| machine | ").append(machine()).append(" |\n|---|---|\n");
        settings.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n| result | value |\n|---|---|\n");
        results.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        notes.forEach(n -> md.append("\n- ").append(n));
        return md.append('\n').toString();
    }
}
