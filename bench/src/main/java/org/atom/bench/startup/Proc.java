package org.atom.bench.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about a process: its start on the boot clock, its memory, its command line. Times
 * are milliseconds on one clock, the boot clock of {@code /proc/uptime}, which is also the clock of a process's
 * start time in {@code /proc/<pid>/stat}: "from process start to healthy" needs no clock conversion.
 */
final class Proc {

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}; 100 on Linux x86-64). */
    private static final long CLK_TCK = 100;

    private Proc() {}

    /** Now on the boot clock, ms (10 ms resolution). */
    static long now() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return Math.round(Double.parseDouble(uptime) * 1000);
        } catch (IOException e) {
            throw new IllegalStateException("no /proc/uptime: this benchmark needs Linux", e);
        }
    }

    /** When the process started, on the boot clock (ms), if it still exists. */
    static Optional<Long> startMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after "(comm)": state is field 3, starttime field 22
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[22 - 3]) * 1000 / CLK_TCK);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** CPU time the process has used so far (user + system, not its children), ms; -1 when it is gone. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])) * 1000 / CLK_TCK;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** Resident memory of one process, kB: {@code VmRSS} and its parts, and {@code Pss} (shared pages split). */
    record Memory(long rssKb, long anonKb, long fileKb, long shmemKb, long pssKb, int processes) {

        static final Memory NONE = new Memory(0, 0, 0, 0, 0, 0);

        Memory plus(Memory other) {
            return new Memory(
                    rssKb + other.rssKb,
                    anonKb + other.anonKb,
                    fileKb + other.fileKb,
                    shmemKb + other.shmemKb,
                    pssKb + other.pssKb,
                    processes + other.processes);
        }

        double rssMb() {
            return rssKb / 1024.0;
        }

        double pssMb() {
            return pssKb / 1024.0;
        }
    }

    static Memory memory(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            List<String> status = Files.readAllLines(dir.resolve("status"));
            long pss = 0;
            Path rollup = dir.resolve("smaps_rollup");
            if (Files.isReadable(rollup)) {
                pss = kb(Files.readAllLines(rollup), "Pss:");
            }
            return new Memory(
                    kb(status, "VmRSS:"),
                    kb(status, "RssAnon:"),
                    kb(status, "RssFile:"),
                    kb(status, "RssShmem:"),
                    pss,
                    1);
        } catch (IOException | RuntimeException gone) {
            return Memory.NONE;
        }
    }

    static Memory memory(List<Long> pids) {
        return pids.stream().map(Proc::memory).reduce(Memory.NONE, Memory::plus);
    }

    private static long kb(List<String> lines, String key) {
        return lines.stream()
                .filter(l -> l.startsWith(key))
                .findFirst()
                .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]))
                .orElse(0L);
    }

    /** The process's arguments, or none when it is gone. */
    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Arrays.stream(new String(raw, StandardCharsets.UTF_8).split("\0"))
                    .filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** The JVM options on a java command line ({@code -X…}), the AOT cache shortened to its file name. */
    static List<String> jvmFlags(long pid) {
        List<String> flags = new ArrayList<>();
        for (String arg : commandLine(pid)) {
            if (arg.equals("-jar") || arg.equals("-cp") || arg.equals("-classpath")) {
                break; // the application's own arguments follow
            }
            if (arg.startsWith("-XX:AOTCache=")) {
                flags.add("-XX:AOTCache="
                        + Path.of(arg.substring("-XX:AOTCache=".length())).getFileName());
            } else if (arg.startsWith("-X")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    /** Whether the process has the file mapped (e.g. the JVM really uses its AOT cache, not just was given it). */
    static boolean maps(long pid, Path file) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            String name = file.toAbsolutePath().toString();
            return lines.anyMatch(l -> l.endsWith(name));
        } catch (IOException | java.io.UncheckedIOException gone) {
            return false;
        }
    }

    /** The process and all its descendants that are alive now. */
    static List<Long> tree(long pid) {
        return ProcessHandle.of(pid)
                .map(p -> Stream.concat(Stream.of(p), p.descendants())
                        .map(ProcessHandle::pid)
                        .toList())
                .orElse(List.of());
    }

    /**
     * Every process whose environment holds {@code ATOM_HOME=<home>}: the launcher hands its environment to each
     * component and the components to their children (the PostgreSQL server too), and the home is this run's own,
     * so these are exactly the processes the benchmark started, wherever they were re-parented.
     */
    static List<Long> withAtomHome(Path home) {
        byte[] marker = ("ATOM_HOME=" + home.toAbsolutePath() + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    byte[] env = Files.readAllBytes(entry.resolve("environ"));
                    if (indexOf(env, marker) >= 0) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException goneOrDenied) {
                    // not ours to look at, or already gone
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            if (i > 0 && data[i - 1] != 0) {
                continue; // a variable starts after a NUL
            }
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
