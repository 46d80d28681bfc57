package org.atom.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bench/run <name> [--full]}: runs one benchmark and writes its result under {@code bench/results/}. The
 * names and what each measures are in {@code bench/README.md}.
 */
public final class Main {

    /** Benchmark name → implementing class. */
    private static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("gateway", "org.atom.bench.gateway.GatewayOverheadBenchmark");
        BENCHMARKS.put("realtime-latency", "org.atom.bench.realtime.WriteToClientBenchmark");
        BENCHMARKS.put("fan-out", "org.atom.bench.realtime.FanOutBenchmark");
        BENCHMARKS.put("startup", "org.atom.bench.startup.StartupBenchmark");
        BENCHMARKS.put("database", "org.atom.bench.database.DatabasePathBenchmark");
    }

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: bench/run <" + String.join("|", BENCHMARKS.keySet()) + "> [--full]");
            System.exit(2);
        }
        String name = args[0];
        boolean full = args.length > 1 && args[1].equals("--full");
        Class<?> type;
        try {
            type = Class.forName(BENCHMARKS.get(name));
        } catch (ClassNotFoundException e) {
            System.err.println("benchmark '" + name + "' is not built yet");
            System.exit(2);
            return;
        }
        Benchmark benchmark = (Benchmark) type.getDeclaredConstructor().newInstance();
        Path root =
                Path.of(System.getProperty("atom.root", ".")).toAbsolutePath().normalize();
        Report report = new Report(name, full, root);
        benchmark.run(full, report);
        Path written = report.write();
        System.out.println(report.markdown());
        System.out.println("Written: " + written + " (and .md)");
    }
}
