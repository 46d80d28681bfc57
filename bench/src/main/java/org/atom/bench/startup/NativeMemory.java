package org.atom.bench.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's memory goes, from the JVM itself ({@code jcmd}, which needs the JVM started with
 * {@code -XX:NativeMemoryTracking=summary}):
 *
 * <ul>
 *   <li>{@code System.map}: every mapping with its <em>resident</em> size and, thanks to NMT, what the JVM uses it
 *       for — so the RSS splits into Java heap, class metadata, code cache, thread stacks, the CDS/AOT archive, GC
 *       structures, other anonymous memory (glibc malloc arenas: the JVM's and the JDK's native allocations, e.g.
 *       direct buffers) and mapped files (libjvm.so and other libraries);
 *   <li>{@code VM.native_memory summary}: what the JVM has <em>committed</em> per category (heap, class, thread,
 *       code, GC, compiler, symbol, other…) and how much of it is malloc;
 *   <li>{@code GC.heap_info}: how much of the heap is in use;
 *   <li>{@code VM.classes}: the loaded classes, counted by where they come from (package prefix).
 * </ul>
 */
final class NativeMemory {

    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern MALLOC = Pattern.compile("^\\s+malloc: (\\d+)KB");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern THREADS = Pattern.compile("\\(threads #(\\d+)\\)");
    private static final Pattern CLASSES = Pattern.compile("\\(classes #(\\d+)\\)");
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    /**
     * One JVM's memory, in MB. {@code resident}: RSS by use (System.map); {@code committed}: NMT's committed per
     * category; {@code heapUsedMb}/{@code heapCapacityMb}: the generations' used and current capacity.
     */
    record Breakdown(
            Map<String, Double> resident,
            double residentTotalMb,
            Map<String, Double> committed,
            double committedTotalMb,
            double mallocMb,
            int threads,
            int classes,
            double heapUsedMb,
            double heapCapacityMb,
            Map<String, Integer> classSources,
            String error) {

        static Breakdown failed(String error) {
            return new Breakdown(Map.of(), 0, Map.of(), 0, 0, 0, 0, 0, 0, Map.of(), error);
        }
    }

    private NativeMemory() {}

    static Breakdown of(long pid, Path workDir) {
        try {
            Path commands = Files.createTempFile(workDir, "jcmd-", ".txt");
            Files.writeString(commands, "VM.native_memory summary\nSystem.map\nGC.heap_info\nVM.classes\n");
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "-f", commands.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Breakdown.failed(
                        "jcmd failed: " + output.lines().limit(5).toList());
            }
            Files.delete(commands);
            if (!output.contains("Native Memory Tracking:")
                    || output.contains("Native memory tracking is not enabled")) {
                return Breakdown.failed("NMT is not enabled in this JVM");
            }
            return parse(output);
        } catch (IOException e) {
            return Breakdown.failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Breakdown.failed("interrupted");
        }
    }

    static Breakdown parse(String output) {
        Map<String, Double> committed = new LinkedHashMap<>();
        double committedTotal = 0;
        double malloc = 0;
        int threads = 0;
        int classes = 0;
        Map<String, Double> resident = new LinkedHashMap<>();
        for (String group : new String[] {
            "Java heap",
            "class metadata",
            "code cache",
            "thread stacks",
            "CDS/AOT archive",
            "GC structures",
            "other VM",
            "malloc arenas & other anonymous",
            "mapped files"
        }) {
            resident.put(group, 0.0);
        }
        double residentTotal = 0;
        double heapUsed = 0;
        double heapCapacity = 0;
        Map<String, Integer> sources = new java.util.HashMap<>();
        boolean classList = false;
        for (String line : output.lines().toList()) {
            Matcher m;
            if (line.startsWith("KlassAddr")) {
                classList = true;
            } else if (classList && line.startsWith("0x")) {
                String[] f = line.trim().split("\\s+");
                sources.merge(source(f[f.length - 1]), 1, Integer::sum);
            } else if ((m = TOTAL.matcher(line)).find()) {
                committedTotal = m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2)) / 1024.0;
            } else if (committedTotal > 0 && malloc == 0 && (m = MALLOC.matcher(line)).find()) {
                malloc = Long.parseLong(m.group(1)) / 1024.0;
            } else if ((m = CATEGORY.matcher(line)).find()) {
                double mb = Long.parseLong(m.group(3)) / 1024.0;
                if (mb >= 0.05) {
                    committed.put(m.group(1), mb);
                }
            } else if ((m = THREADS.matcher(line)).find()) {
                threads = Integer.parseInt(m.group(1));
            } else if ((m = CLASSES.matcher(line)).find()) {
                classes = Integer.parseInt(m.group(1));
            } else if (line.startsWith("0x")) {
                String[] f = line.trim().split("\\s+");
                // range, vsize, prot, rss, hugetlb, pgsz, notes, info, file
                if (f.length < 9) {
                    continue;
                }
                double rss = Long.parseLong(f[3]) / (1024.0 * 1024);
                residentTotal += rss;
                resident.merge(group(f[7], f[8]), rss, Double::sum);
            } else if (!line.startsWith(" ") && (m = HEAP_USED.matcher(line)).find()) {
                // a generation ("DefNew total …K, used …K", "Tenured …"); its spaces are indented
                heapCapacity += Long.parseLong(m.group(1)) / 1024.0;
                heapUsed += Long.parseLong(m.group(2)) / 1024.0;
            }
        }
        return new Breakdown(
                resident,
                residentTotal,
                committed,
                committedTotal,
                malloc,
                threads,
                classes,
                heapUsed,
                heapCapacity,
                top(sources, 12),
                null);
    }

    /** The {@code n} largest entries, largest first. */
    private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /**
     * Where a class comes from: "JDK", or its package prefix — three segments under {@code org.springframework} and
     * {@code org.apache} (org.springframework.boot, org.apache.kafka), two elsewhere (org.hibernate, com.netflix).
     */
    static String source(String className) {
        String name = className.contains("/") ? className.substring(0, className.indexOf('/')) : className;
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.")) {
            return "JDK";
        }
        String[] parts = name.split("\\.");
        int depth = name.startsWith("org.springframework.") || name.startsWith("org.apache.") ? 3 : 2;
        int n = Math.min(depth, parts.length - 1);
        return n <= 0 ? "(no package)" : String.join(".", java.util.Arrays.copyOf(parts, n));
    }

    private static String group(String info, String file) {
        if (info.startsWith("STACK")) {
            return "thread stacks";
        }
        return switch (info) {
            case "JAVAHEAP" -> "Java heap";
            case "CLASS", "META" -> "class metadata";
            case "CDS" -> "CDS/AOT archive";
            case "GC", "CARDTBL" -> "GC structures";
            case "-" -> file.equals("-") || file.equals("[heap]") ? "malloc arenas & other anonymous" : "mapped files";
            default -> info.startsWith("CODE") ? "code cache" : "other VM";
        };
    }
}
