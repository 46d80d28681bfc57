package org.atom.bench.startup;

import static org.atom.bench.startup.StartupBenchmark.AOT;
import static org.atom.bench.startup.StartupBenchmark.NO_AOT;
import static org.atom.bench.startup.StartupBenchmark.TARGET_MB;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.atom.bench.Report;
import org.atom.bench.startup.StartupBenchmark.ComponentSample;
import org.atom.bench.startup.StartupBenchmark.Diagnosis;
import org.atom.bench.startup.StartupBenchmark.Sample;
import org.atom.bench.startup.StartupBenchmark.Training;

/** Medians and ranges of the samples, as report results and as Markdown tables. */
final class Summary {

    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "kafka");

    private final List<Sample> samples;
    private final Training training;
    private final Diagnosis diagnosis;
    private final boolean aot;
    private final List<String> names;

    Summary(List<Sample> samples, Training training, Diagnosis diagnosis, boolean aot) {
        this.samples = samples;
        this.training = training;
        this.diagnosis = diagnosis;
        this.aot = aot;
        Set<String> ordered = new LinkedHashSet<>();
        samples.forEach(s -> s.components().forEach(c -> ordered.add(c.name())));
        this.names = List.copyOf(ordered);
    }

    private List<Sample> of(String variant) {
        return samples.stream().filter(s -> s.variant().equals(variant)).toList();
    }

    private Stats component(String variant, String name, ToDoubleFunction<ComponentSample> value) {
        List<Double> values = new ArrayList<>();
        for (Sample s : of(variant)) {
            s.component(name).map(value::applyAsDouble).filter(v -> v >= 0).ifPresent(values::add);
        }
        return Stats.of(values);
    }

    private Stats suite(String variant, ToDoubleFunction<Sample> value) {
        return Stats.of(of(variant).stream().map(value::applyAsDouble).toList());
    }

    private static String ratio(Stats without, Stats with) {
        if (without.empty() || with.empty() || without.median() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", with.median() / without.median());
    }

    private Stats startup(String variant, String name) {
        return component(variant, name, ComponentSample::startupMs);
    }

    private Stats rss(String variant, String name) {
        return component(variant, name, c -> c.afterWarmup().rssMb());
    }

    /** For PostgreSQL, whose server processes share their buffers: the PSS beside the RSS sum. */
    private String pss(String variant, String name) {
        if (!name.equals("postgres")) {
            return "";
        }
        Stats pss = component(variant, name, c -> c.afterWarmup().pssMb());
        return pss.empty() ? "" : " (PSS " + pss.format("%.0f") + ")";
    }

    private String flags(String name) {
        return samples.stream()
                .flatMap(s -> s.component(name).stream())
                .findFirst()
                .map(c -> String.join(
                        " ",
                        c.jvmFlags().stream()
                                .filter(f -> !f.startsWith("-XX:AOTCache"))
                                .toList()))
                .orElse("");
    }

    private String mapped(String name) {
        long total = 0;
        long yes = 0;
        for (Sample s : of(AOT)) {
            Boolean mapped =
                    s.component(name).map(ComponentSample::aotCacheMapped).orElse(null);
            if (mapped != null) {
                total++;
                yes += mapped ? 1 : 0;
            }
        }
        return total == 0 ? "" : yes + "/" + total;
    }

    void fill(Report report) {
        for (String name : names) {
            Stats off = startup(NO_AOT, name);
            Stats on = startup(AOT, name);
            report.result(
                    name + " start-up ms (no AOT / AOT / ratio)",
                    off.format("%.0f") + " / " + on.format("%.0f") + " / " + ratio(off, on));
            report.result(
                    name + " RSS MB after warm-up (no AOT / AOT)",
                    rss(NO_AOT, name).format("%.0f") + " / " + rss(AOT, name).format("%.0f"));
        }
        Stats upOff = suite(NO_AOT, Sample::upMs);
        Stats upOn = suite(AOT, Sample::upMs);
        report.result(
                "./atom up ms (no AOT / AOT / ratio)",
                upOff.format("%.0f") + " / " + upOn.format("%.0f") + " / " + ratio(upOff, upOn));
        report.result(
                "suite RSS MB, sum (no AOT / AOT)",
                suite(NO_AOT, s -> s.total().rssMb()).format("%.0f") + " / "
                        + suite(AOT, s -> s.total().rssMb()).format("%.0f"));
        report.result(
                "suite PSS MB, sum (no AOT / AOT)",
                suite(NO_AOT, s -> s.total().pssMb()).format("%.0f") + " / "
                        + suite(AOT, s -> s.total().pssMb()).format("%.0f"));
        if (training != null) {
            report.result(
                    "AOT training (./atom up --aot) s",
                    String.format(
                            Locale.ROOT,
                            "%.1f, of which training %.1f%s",
                            training.upMs() / 1000.0,
                            trainingSum() / 1000.0,
                            training.buildMs() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT, " and building jars %.1f", training.buildMs() / 1000.0)));
        }
        List<String> over = overTarget();
        report.result("services over " + (int) TARGET_MB + " MB RSS after warm-up", over.isEmpty() ? "none" : over);
        for (Sample s : samples) {
            if (!s.warmup().failures().isEmpty()) {
                report.note(s.variant() + " repetition " + s.repetition() + ": warm-up failures "
                        + s.warmup().failures());
            }
            if (!s.leftAfterDown().isEmpty()) {
                report.note(s.variant() + " repetition " + s.repetition() + ": ./atom down left " + s.leftAfterDown());
            }
        }
        if (training != null && !training.failures().isEmpty()) {
            report.note("AOT training failures: " + training.failures());
        }
        if (!aot) {
            report.note("this JDK has no AOT cache (JDK 25 needed): measured without only");
        }
    }

    private long trainingSum() {
        return training.trainingMs().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Services (not PostgreSQL or Kafka) whose median RSS after warm-up is over the target in either variant. */
    private List<String> overTarget() {
        List<String> over = new ArrayList<>();
        for (String name : names) {
            if (INFRASTRUCTURE.contains(name)) {
                continue;
            }
            Stats off = rss(NO_AOT, name);
            Stats on = rss(AOT, name);
            if (!off.empty() && off.median() > TARGET_MB || !on.empty() && on.median() > TARGET_MB) {
                over.add(name);
            }
        }
        return over;
    }

    String markdown(Report report, boolean full, int repetitions, int offset) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("### Start-up and memory — ")
                .append(full ? "full" : "short")
                .append(" run of ")
                .append(LocalDate.now())
                .append("\n\n")
                .append("Machine: ")
                .append(machine())
                .append(". ")
                .append(repetitions)
                .append(" repetition(s) per variant, ATOM_PORT_OFFSET=")
                .append(offset)
                .append(". Cells: median (min–max) over the repetitions. Ratio = AOT ÷ no AOT (lower is better).\n\n");

        md.append(
                "| component | JVM flags (from its command line) | start → healthy, no AOT (ms) | with AOT (ms) | ratio"
                        + " | RSS after warm-up, no AOT (MB) | with AOT (MB) | ≤ " + (int) TARGET_MB
                        + " MB? | AOT cache mapped |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (String name : names) {
            Stats off = startup(NO_AOT, name);
            Stats on = startup(AOT, name);
            Stats rssOff = rss(NO_AOT, name);
            Stats rssOn = rss(AOT, name);
            String target = INFRASTRUCTURE.contains(name)
                    ? "(infrastructure)"
                    : verdict(rssOff) + (aot ? " / " + verdict(rssOn) : "");
            md.append("| ")
                    .append(label(name))
                    .append(" | `")
                    .append(flags(name))
                    .append("` | ")
                    .append(off.format("%.0f"))
                    .append(" | ")
                    .append(on.format("%.0f"))
                    .append(" | ")
                    .append(ratio(off, on))
                    .append(" | ")
                    .append(rssOff.format("%.0f"))
                    .append(pss(NO_AOT, name))
                    .append(" | ")
                    .append(rssOn.format("%.0f"))
                    .append(pss(AOT, name))
                    .append(" | ")
                    .append(target)
                    .append(" | ")
                    .append(mapped(name))
                    .append(" |\n");
        }
        Stats upOff = suite(NO_AOT, Sample::upMs);
        Stats upOn = suite(AOT, Sample::upMs);
        Stats sumOff = suite(NO_AOT, s -> s.total().rssMb());
        Stats sumOn = suite(AOT, s -> s.total().rssMb());
        md.append("| **whole `./atom up --detach`** | | ")
                .append(upOff.format("%.0f"))
                .append(" | ")
                .append(upOn.format("%.0f"))
                .append(" | ")
                .append(ratio(upOff, upOn))
                .append(" | ")
                .append(sumOff.format("%.0f"))
                .append(" (sum) | ")
                .append(sumOn.format("%.0f"))
                .append(" (sum) | | |\n");
        Stats pssOff = suite(NO_AOT, s -> s.total().pssMb());
        Stats pssOn = suite(AOT, s -> s.total().pssMb());
        Stats healthyOff = suite(NO_AOT, Sample::allHealthyMs);
        Stats healthyOn = suite(AOT, Sample::allHealthyMs);
        md.append("| of which: last component healthy | | ")
                .append(healthyOff.format("%.0f"))
                .append(" | ")
                .append(healthyOn.format("%.0f"))
                .append(" | ")
                .append(ratio(healthyOff, healthyOn))
                .append(" | PSS ")
                .append(pssOff.format("%.0f"))
                .append(" | PSS ")
                .append(pssOn.format("%.0f"))
                .append(" | | |\n\n");

        md.append("RSS right after `./atom up` returned, before the warm-up (MB, median): ");
        List<String> before = new ArrayList<>();
        for (String name : names) {
            before.add(name + " "
                    + component(NO_AOT, name, c -> c.atHealthy().rssMb()).format("%.0f")
                    + (aot
                            ? " / "
                                    + component(AOT, name, c -> c.atHealthy().rssMb())
                                            .format("%.0f")
                            : ""));
        }
        md.append(String.join(", ", before)).append(" (no AOT / AOT).\n");
        if (aot) {
            List<String> file = new ArrayList<>();
            for (String name : names) {
                if (!INFRASTRUCTURE.contains(name)) {
                    file.add(name + " "
                            + component(AOT, name, c -> c.afterWarmup().fileKb() / 1024.0)
                                    .format("%.0f"));
                }
            }
            md.append("File-backed part of the RSS with AOT (the mapped cache, jars, libraries; MB, median): ")
                    .append(String.join(", ", file))
                    .append(".\n");
        }
        samples.stream()
                .flatMap(s -> s.component("postgres").stream())
                .filter(c -> c.serverProcesses() != null)
                .findFirst()
                .ifPresent(c -> md.append(String.format(
                        Locale.ROOT,
                        "PostgreSQL: runner JVM + %d server processes; the server processes' RSS sum %.0f MB (PSS"
                                + " %.0f MB, shared memory counted once).%n",
                        c.serverProcesses().processes(),
                        c.serverProcesses().rssMb(),
                        c.serverProcesses().pssMb())));
        List<String> spring = new ArrayList<>();
        for (String name : names) {
            Stats s = component(NO_AOT, name, c -> c.springRunningForS() == null ? -1 : c.springRunningForS() * 1000);
            Stats a = component(AOT, name, c -> c.springRunningForS() == null ? -1 : c.springRunningForS() * 1000);
            if (!s.empty()) {
                spring.add(name + " " + s.format("%.0f") + (aot ? " / " + a.format("%.0f") : ""));
            }
        }
        if (!spring.isEmpty()) {
            md.append("Spring Boot's own \"process running for\" at context start (ms, no AOT / AOT): ")
                    .append(String.join(", ", spring))
                    .append(".\n");
        }
        md.append('\n');

        if (training != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "AOT cache training (preparation, not part of the start-up numbers): `./atom up --detach --aot` on the"
                            + " fresh home took %.1f s in all (first-run work, the suite's start and the training),"
                            + " of which training %.1f s%s; `./atom down` %.1f s.%n%n",
                    training.upMs() / 1000.0,
                    trainingSum() / 1000.0,
                    training.buildMs() == null
                            ? ""
                            : String.format(Locale.ROOT, " and building the jars %.1f s", training.buildMs() / 1000.0),
                    training.downMs() / 1000.0));
            md.append("| application | training (s) | cache (MB) |\n|---|---:|---:|\n");
            training.trainingMs()
                    .forEach((name, ms) -> md.append(String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.0f |%n",
                            name,
                            ms / 1000.0,
                            training.cacheBytes().getOrDefault(name, 0L) / (1024.0 * 1024))));
            md.append('\n');
        }

        if (diagnosis != null) {
            md.append("Where the memory goes (one extra run with AOT and `-XX:NativeMemoryTracking=summary` through"
                    + " `JAVA_TOOL_OPTIONS`, same warm-up; resident MB by use from `jcmd <pid> System.map`, committed"
                    + " heap and malloc from `VM.native_memory summary`, heap in use from `GC.heap_info`):\n\n");
            md.append("| JVM | RSS | heap resident (committed / in use) | class metadata | code cache | thread stacks"
                    + " (threads) | CDS/AOT archive | GC | malloc & other anon (NMT malloc) | mapped files |\n");
            md.append("|---|---:|---|---:|---:|---|---:|---:|---|---:|\n");
            for (Map.Entry<String, NativeMemory.Breakdown> entry :
                    diagnosis.jvms().entrySet()) {
                NativeMemory.Breakdown b = entry.getValue();
                Proc.Memory rss = diagnosis.rss().get(entry.getKey());
                if (b.error() != null) {
                    md.append("| ").append(entry.getKey()).append(" | ").append(rss == null ? "" : mb(rss.rssMb()));
                    md.append(" | ").append(b.error()).append(" | | | | | | | |\n");
                    continue;
                }
                Map<String, Double> r = b.resident();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s (%s / %s) | %s | %s | %s (%d) | %s | %s | %s (%s) | %s |%n",
                        entry.getKey(),
                        rss == null ? "" : mb(rss.rssMb()),
                        mb(r.get("Java heap")),
                        mb(b.committed().getOrDefault("Java Heap", 0.0)),
                        mb(b.heapUsedMb()),
                        mb(r.get("class metadata")),
                        mb(r.get("code cache")),
                        mb(r.get("thread stacks")),
                        b.threads(),
                        mb(r.get("CDS/AOT archive")),
                        mb(r.get("GC structures") + r.get("other VM")),
                        mb(r.get("malloc arenas & other anonymous")),
                        mb(b.mallocMb()),
                        mb(r.get("mapped files"))));
            }
            md.append(String.format(
                    Locale.ROOT,
                    "%nPostgreSQL server processes in that run: %d, RSS sum %.0f MB, PSS %.0f MB.%n",
                    diagnosis.postgresServer().processes(),
                    diagnosis.postgresServer().rssMb(),
                    diagnosis.postgresServer().pssMb()));
        }
        return md.toString();
    }

    private static String verdict(Stats rss) {
        return rss.empty() ? "–" : rss.median() <= TARGET_MB ? "yes" : "**no**";
    }

    private static String label(String name) {
        return name.equals("postgres") ? "postgres (runner + server)" : name;
    }

    private static String mb(Double mb) {
        return mb == null ? "–" : String.format(Locale.ROOT, "%.0f", mb);
    }

    /** Cores, memory, CPU, OS and JDK of this machine. */
    static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("");
        } catch (IOException ignored) {
            // not Linux
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %.0f GiB RAM, %s %s, %s %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memory / (1024.0 * 1024 * 1024),
                os.getName(),
                os.getVersion(),
                System.getProperty("java.vendor"),
                System.getProperty("java.version"));
    }
}
