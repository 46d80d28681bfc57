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
import java.util.function.Function;
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
    private final List<String> variants;
    private final Training training;
    private final List<Diagnosis> diagnoses;
    private final boolean aot;
    private final List<String> names;

    Summary(List<Sample> samples, List<String> variants, Training training, List<Diagnosis> diagnoses, boolean aot) {
        this.samples = samples;
        this.variants = variants;
        this.training = training;
        this.diagnoses = diagnoses;
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

    private Stats cpu(String variant, String name) {
        return component(variant, name, c -> c.cpuToHealthyMs() / 1000.0);
    }

    private Stats rss(String variant, String name) {
        return component(variant, name, c -> c.afterWarmup().rssMb());
    }

    /** The variants after "no AOT", each compared with it. */
    private List<String> compared() {
        return variants.subList(1, variants.size());
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
        for (Sample s : samples) {
            Boolean mapped =
                    s.component(name).map(ComponentSample::aotCacheMapped).orElse(null);
            if (mapped != null) {
                total++;
                yes += mapped ? 1 : 0;
            }
        }
        return total == 0 ? "" : yes + "/" + total;
    }

    /** {@code a / b / c} over the variants. */
    private String each(Function<String, String> cell) {
        return String.join(" / ", variants.stream().map(cell).toList());
    }

    void fill(Report report) {
        String order = String.join(" / ", variants);
        for (String name : names) {
            report.result(
                    name + " start-up ms (" + order + ")",
                    each(v -> startup(v, name).format("%.0f"))
                            + (aot ? ", ratio " + ratio(startup(NO_AOT, name), startup(AOT, name)) : ""));
            report.result(
                    name + " CPU s to healthy (" + order + ")",
                    each(v -> cpu(v, name).format("%.1f")));
            report.result(
                    name + " RSS MB after warm-up (" + order + ")",
                    each(v -> rss(v, name).format("%.0f")));
        }
        Stats upOff = suite(NO_AOT, Sample::upMs);
        report.result(
                "./atom up ms (" + order + ")",
                each(v -> suite(v, Sample::upMs).format("%.0f"))
                        + (aot ? ", ratio " + ratio(upOff, suite(AOT, Sample::upMs)) : ""));
        report.result(
                "suite RSS MB, sum (" + order + ")",
                each(v -> suite(v, s -> s.total().rssMb()).format("%.0f")));
        report.result(
                "suite PSS MB, sum (" + order + ")",
                each(v -> suite(v, s -> s.total().pssMb()).format("%.0f")));
        if (training != null) {
            report.result("AOT training (./atom up --aot) s", trainingLine());
        }
        for (String variant : variants) {
            List<String> over = overTarget(variant);
            report.result(
                    "services over " + (int) TARGET_MB + " MB RSS after warm-up, " + variant,
                    over.isEmpty() ? "none" : String.join(", ", over));
        }
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

    private String trainingLine() {
        return String.format(
                Locale.ROOT,
                "%.1f s in all, of which training %.1f s%s",
                training.upMs() / 1000.0,
                trainingSum() / 1000.0,
                training.buildMs() == null
                        ? ""
                        : String.format(Locale.ROOT, " and building jars %.1f s", training.buildMs() / 1000.0));
    }

    private long trainingSum() {
        return training.trainingMs().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Services (not PostgreSQL or Kafka) whose median RSS after warm-up is over the target. */
    private List<String> overTarget(String variant) {
        List<String> over = new ArrayList<>();
        for (String name : names) {
            Stats rss = rss(variant, name);
            if (!INFRASTRUCTURE.contains(name) && !rss.empty() && rss.median() > TARGET_MB) {
                over.add(name + " " + rss.format("%.0f"));
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
                .append(". Cells: median (min–max) over the repetitions; ratio = AOT ÷ no AOT (lower is better).\n\n");
        startupTable(md);
        memoryTable(md);
        trainingTable(md);
        for (Diagnosis diagnosis : diagnoses) {
            diagnosisTable(md, diagnosis);
        }
        return md.toString();
    }

    private void startupTable(StringBuilder md) {
        md.append("Start-up: process start → first healthy answer (ms), and the CPU time the process had used by"
                + " then (s, user + system):\n\n| component |");
        for (String v : variants) {
            md.append(" ").append(v).append(" (ms) |");
        }
        md.append(aot ? " ratio |" : "");
        for (String v : variants) {
            md.append(" CPU, ").append(v).append(" (s) |");
        }
        md.append(aot ? " CPU ratio |" : "").append("\n|---|");
        int columns = 2 * variants.size() + (aot ? 2 : 0);
        md.append("---:|".repeat(columns)).append('\n');
        for (String name : names) {
            md.append("| ").append(name).append(" |");
            variants.forEach(
                    v -> md.append(" ").append(startup(v, name).format("%.0f")).append(" |"));
            if (aot) {
                md.append(" ")
                        .append(ratio(startup(NO_AOT, name), startup(AOT, name)))
                        .append(" |");
            }
            variants.forEach(
                    v -> md.append(" ").append(cpu(v, name).format("%.1f")).append(" |"));
            if (aot) {
                md.append(" ").append(ratio(cpu(NO_AOT, name), cpu(AOT, name))).append(" |");
            }
            md.append('\n');
        }
        md.append("| **whole `./atom up --detach`** |");
        variants.forEach(v ->
                md.append(" **").append(suite(v, Sample::upMs).format("%.0f")).append("** |"));
        if (aot) {
            md.append(" **")
                    .append(ratio(suite(NO_AOT, Sample::upMs), suite(AOT, Sample::upMs)))
                    .append("** |");
        }
        variants.forEach(v -> md.append(" ")
                .append(suite(
                                v,
                                s -> s.components().stream()
                                                .mapToLong(ComponentSample::cpuToHealthyMs)
                                                .sum()
                                        / 1000.0)
                        .format("%.1f"))
                .append(" (sum) |"));
        md.append(aot ? " |" : "").append('\n');
        md.append("| of which: last component healthy |");
        variants.forEach(v -> md.append(" ")
                .append(suite(v, Sample::allHealthyMs).format("%.0f"))
                .append(" |"));
        if (aot) {
            md.append(" ")
                    .append(ratio(suite(NO_AOT, Sample::allHealthyMs), suite(AOT, Sample::allHealthyMs)))
                    .append(" |");
        }
        md.append(" |".repeat(variants.size() + (aot ? 1 : 0))).append("\n\n");

        List<String> spring = new ArrayList<>();
        for (String name : names) {
            String cell =
                    each(v -> component(v, name, c -> c.springRunningForS() == null ? -1 : c.springRunningForS() * 1000)
                            .format("%.0f"));
            if (!cell.startsWith("–")) {
                spring.add(name + " " + cell);
            }
        }
        if (!spring.isEmpty()) {
            md.append("Spring Boot's own \"process running for\" when its context had started (ms, ")
                    .append(String.join(" / ", variants))
                    .append("): ")
                    .append(String.join("; ", spring))
                    .append(".\n\n");
        }
    }

    private void memoryTable(StringBuilder md) {
        md.append("Memory: RSS after the warm-up (MB), target ≤ ")
                .append((int) TARGET_MB)
                .append(" MB per service:\n\n| component | JVM flags (from its command line) |");
        for (String v : variants) {
            md.append(" RSS, ").append(v).append(" |");
        }
        md.append(" ≤ ").append((int) TARGET_MB).append(" MB? |");
        for (String v : variants) {
            md.append(" before warm-up, ").append(v).append(" |");
        }
        md.append(compared().isEmpty() ? "" : " file-backed, " + compared().getFirst() + " |")
                .append(compared().isEmpty() ? "" : " AOT cache mapped |")
                .append("\n|---|---|");
        md.append("---:|".repeat(variants.size()))
                .append("---|")
                .append("---:|".repeat(variants.size()))
                .append(compared().isEmpty() ? "" : "---:|---|")
                .append('\n');
        for (String name : names) {
            md.append("| ")
                    .append(name.equals("postgres") ? "postgres (runner + server)" : name)
                    .append(" | `")
                    .append(flags(name))
                    .append("` |");
            variants.forEach(v -> md.append(" ")
                    .append(rss(v, name).format("%.0f"))
                    .append(pss(v, name))
                    .append(" |"));
            md.append(" ")
                    .append(INFRASTRUCTURE.contains(name) ? "(infrastructure)" : each(v -> verdict(rss(v, name))))
                    .append(" |");
            variants.forEach(v -> md.append(" ")
                    .append(component(v, name, c -> c.atHealthy().rssMb()).format("%.0f"))
                    .append(" |"));
            if (!compared().isEmpty()) {
                String first = compared().getFirst();
                md.append(" ")
                        .append(
                                INFRASTRUCTURE.contains(name)
                                        ? ""
                                        : component(
                                                        first,
                                                        name,
                                                        c -> c.afterWarmup().fileKb() / 1024.0)
                                                .format("%.0f"))
                        .append(" | ")
                        .append(mapped(name))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append("| **sum (PSS: shared pages counted once)** | |");
        variants.forEach(v -> md.append(" **")
                .append(suite(v, s -> s.total().rssMb()).format("%.0f"))
                .append("** (PSS ")
                .append(suite(v, s -> s.total().pssMb()).format("%.0f"))
                .append(") |"));
        md.append(" |")
                .append(" |".repeat(variants.size()))
                .append(compared().isEmpty() ? "" : " | |")
                .append("\n\n");
        samples.stream()
                .flatMap(s -> s.component("postgres").stream())
                .filter(c -> c.serverProcesses() != null)
                .findFirst()
                .ifPresent(c -> md.append(String.format(
                        Locale.ROOT,
                        "PostgreSQL = runner JVM + %d server processes; the server processes alone: RSS sum %.0f MB,"
                                + " PSS %.0f MB (their shared buffers count in every process's RSS).%n%n",
                        c.serverProcesses().processes(),
                        c.serverProcesses().rssMb(),
                        c.serverProcesses().pssMb())));
    }

    /** For PostgreSQL, whose server processes share their buffers: the PSS beside the RSS sum. */
    private String pss(String variant, String name) {
        if (!name.equals("postgres")) {
            return "";
        }
        Stats pss = component(variant, name, c -> c.afterWarmup().pssMb());
        return pss.empty() ? "" : " (PSS " + pss.format("%.0f") + ")";
    }

    private void trainingTable(StringBuilder md) {
        if (training == null) {
            return;
        }
        md.append(String.format(
                Locale.ROOT,
                "AOT cache training (preparation, not part of the start-up numbers): `./atom up --detach --aot` on the"
                        + " fresh home took %s (first-run work, the suite's start and the training; trainings run"
                        + " one after another); `./atom down` %.1f s.%n%n",
                trainingLine(),
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

    private void diagnosisTable(StringBuilder md, Diagnosis diagnosis) {
        md.append("Where the memory goes, ")
                .append(diagnosis.variant())
                .append(" (an extra run with `-XX:NativeMemoryTracking=summary` through `JAVA_TOOL_OPTIONS`, same"
                        + " warm-up; resident MB by use from `jcmd <pid> System.map`, committed heap and malloc from"
                        + " `VM.native_memory summary`, heap in use from `GC.heap_info`):\n\n");
        md.append("| JVM | RSS | Java heap resident (committed / in use) | class metadata | code cache | thread stacks"
                + " (threads) | CDS/AOT archive | GC + other VM | malloc arenas & other anon (NMT malloc) | mapped"
                + " files |\n");
        md.append("|---|---:|---|---:|---:|---|---:|---:|---|---:|\n");
        for (Map.Entry<String, NativeMemory.Breakdown> entry : diagnosis.jvms().entrySet()) {
            NativeMemory.Breakdown b = entry.getValue();
            Proc.Memory rss = diagnosis.rss().get(entry.getKey());
            String name = entry.getKey().equals("postgres") ? "postgres runner" : entry.getKey();
            if (b.error() != null) {
                md.append("| ")
                        .append(name)
                        .append(" | ")
                        .append(rss == null ? "" : mb(rss.rssMb()))
                        .append(" | ")
                        .append(b.error())
                        .append(" | | | | | | | |\n");
                continue;
            }
            Map<String, Double> r = b.resident();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s (%s / %s) | %s | %s | %s (%d) | %s | %s | %s (%s) | %s |%n",
                    name,
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
        if (diagnosis == diagnoses.getFirst()) {
            md.append(
                    "\nLoaded classes by origin (the largest groups; JDK = java.*, javax.*, jdk.*, sun.*, com.sun.*):\n\n");
            for (Map.Entry<String, NativeMemory.Breakdown> entry :
                    diagnosis.jvms().entrySet()) {
                NativeMemory.Breakdown b = entry.getValue();
                if (b.error() == null && !b.classSources().isEmpty()) {
                    md.append("- ")
                            .append(entry.getKey())
                            .append(", ")
                            .append(b.classes())
                            .append(" classes: ")
                            .append(String.join(
                                    ", ",
                                    b.classSources().entrySet().stream()
                                            .map(e -> e.getKey() + " " + e.getValue())
                                            .toList()))
                            .append('\n');
                }
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%nPostgreSQL server processes in that run: %d, RSS sum %.0f MB, PSS %.0f MB.%n%n",
                diagnosis.postgresServer().processes(),
                diagnosis.postgresServer().rssMb(),
                diagnosis.postgresServer().pssMb()));
    }

    private static String verdict(Stats rss) {
        return rss.empty() ? "–" : rss.median() <= TARGET_MB ? "yes" : "**no**";
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
