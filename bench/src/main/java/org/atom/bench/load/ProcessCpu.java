package org.atom.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of the processes under test, from {@code /proc/<pid>/stat} (Linux): on a 2-core machine every component
 * competes for the same cores, so CPU milliseconds per request tell where a request's cost goes. A component is a
 * process, optionally with its children: live ones, and those that exited and were reaped (PostgreSQL's backends,
 * pgbench). What each component burns while idle (heartbeats, pollers, JIT) can be measured first and is then also
 * reported subtracted ("net").
 */
public final class ProcessCpu {

    private static final double TICKS_PER_SECOND = ticksPerSecond();

    /** One component to measure: its processes, and whether their children count too. */
    public record Component(List<Long> pids, boolean withChildren) {
        public Component(long pid, boolean withChildren) {
            this(List.of(pid), withChildren);
        }
    }

    /**
     * CPU seconds per component at one moment, and the seconds so far in which a runnable task of the machine waited
     * for a core (Linux's CPU pressure, {@code /proc/pressure/cpu} "some"; NaN without it).
     */
    public record Snapshot(long nanoTime, Map<String, Double> cpuSeconds, double cpuWaitSeconds) {}

    private final Map<String, Component> components;
    private Map<String, Double> idleCores = Map.of();

    public ProcessCpu(Map<String, Component> components) {
        this.components = Map.copyOf(components);
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    public boolean isEmpty() {
        return components.isEmpty();
    }

    /** Measures what each component uses with no load, over {@code window}. */
    public ProcessCpu measureIdle(Duration window) throws InterruptedException {
        Snapshot before = snapshot();
        Thread.sleep(window);
        Snapshot after = snapshot();
        double wall = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        after.cpuSeconds().forEach((name, seconds) -> {
            Double start = before.cpuSeconds().get(name);
            if (start != null && !name.equals(MACHINE)) {
                cores.put(name, LoadResult.round((seconds - start) / wall, 3));
            }
        });
        idleCores = cores;
        return this;
    }

    /** Cores each component kept busy with no load (empty unless measured). */
    public Map<String, Double> idleCores() {
        return idleCores;
    }

    /** Every process of the machine together, from {@code /proc/stat}: what is left is others' (a build, say). */
    static final String MACHINE = "machine";

    public Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        components.forEach((name, component) -> cpuSeconds(component).ifPresent(s -> seconds.put(name, s)));
        machineSeconds().ifPresent(s -> seconds.put(MACHINE, s));
        return new Snapshot(System.nanoTime(), seconds, cpuWaitSeconds());
    }

    /**
     * Per component between two snapshots: CPU ms per request, the same net of the idle use, and the cores it kept
     * busy on average.
     *
     * @param requests requests completed in between (2xx and errors)
     */
    public Map<String, Object> perRequest(Snapshot before, Snapshot after, long requests) {
        double wall = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        double total = 0;
        double totalNet = 0;
        for (Map.Entry<String, Double> entry : after.cpuSeconds().entrySet()) {
            Double start = before.cpuSeconds().get(entry.getKey());
            if (start == null || entry.getKey().equals(MACHINE)) {
                continue;
            }
            double cpu = entry.getValue() - start;
            double msPerRequest = requests == 0 ? Double.NaN : cpu * 1000 / requests;
            double idle = idleCores.getOrDefault(entry.getKey(), 0.0) * wall;
            double netMsPerRequest = requests == 0 ? Double.NaN : Math.max(0, cpu - idle) * 1000 / requests;
            total += msPerRequest;
            totalNet += netMsPerRequest;
            Map<String, Object> component = new LinkedHashMap<>();
            component.put("msPerRequest", LoadResult.round(msPerRequest, 3));
            if (!idleCores.isEmpty()) {
                component.put("netMsPerRequest", LoadResult.round(netMsPerRequest, 3));
            }
            component.put("coresBusy", LoadResult.round(cpu / wall, 2));
            result.put(entry.getKey(), component);
        }
        result.put("totalMsPerRequest", LoadResult.round(total, 3));
        if (!idleCores.isEmpty()) {
            result.put("totalNetMsPerRequest", LoadResult.round(totalNet, 3));
        }
        Double machineStart = before.cpuSeconds().get(MACHINE);
        Double machineEnd = after.cpuSeconds().get(MACHINE);
        if (machineStart != null && machineEnd != null) {
            double measured = 0;
            for (Map.Entry<String, Double> entry : after.cpuSeconds().entrySet()) {
                Double start = before.cpuSeconds().get(entry.getKey());
                if (start != null && !entry.getKey().equals(MACHINE)) {
                    measured += entry.getValue() - start;
                }
            }
            // CPU of processes outside the benchmark and the suite (another build or benchmark spoils the numbers)
            result.put(
                    "otherProcessesCoresBusy",
                    LoadResult.round(Math.max(0, machineEnd - machineStart - measured) / wall, 2));
        }
        double waited = after.cpuWaitSeconds() - before.cpuWaitSeconds();
        if (!Double.isNaN(waited)) {
            // how crowded the cores were: the share of the time in which some runnable task waited for one
            result.put("cpuPressure", LoadResult.round(waited / wall, 3));
        }
        return result;
    }

    static Optional<Double> cpuSeconds(Component component) {
        long total = 0;
        boolean any = false;
        for (long pid : component.pids()) {
            Optional<long[]> own = ticks(pid);
            if (own.isEmpty()) {
                continue;
            }
            any = true;
            long[] t = own.get();
            total += t[0] + t[1];
            if (component.withChildren()) {
                total += t[2] + t[3]; // reaped children
                total += ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants)
                        .mapToLong(child ->
                                ticks(child.pid()).map(c -> c[0] + c[1]).orElse(0L))
                        .sum();
            }
        }
        return any ? Optional.of(total / TICKS_PER_SECOND) : Optional.empty();
    }

    /** CPU seconds every process of the machine used so far: the busy fields of {@code /proc/stat}'s cpu line. */
    private static Optional<Double> machineSeconds() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal …: busy = user, nice, system, irq, softirq
            long busy = Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return Optional.of(busy / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Seconds in which some runnable task waited for a core, from {@code /proc/pressure/cpu}; NaN without it. */
    private static double cpuWaitSeconds() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
            return Long.parseLong(some.substring(some.indexOf("total=") + "total=".length())
                            .trim())
                    / 1e6;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime, stime, cutime, cstime of a process, in clock ticks. */
    private static Optional<long[]> ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new long[] {
                Long.parseLong(fields[11]),
                Long.parseLong(fields[12]),
                Long.parseLong(fields[13]),
                Long.parseLong(fields[14])
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
