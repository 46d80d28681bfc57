package org.atom.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place a component's JVM options are put together: {@link Supervisor} starts the JVM with them and
 * {@link Aot} trains the AOT cache with them, because the JVM ignores a cache trained with other options.
 */
final class JavaCommand {

    /** {@code -XX:TrimNativeHeapInterval} is a product option since JDK 22 and 21.0.1. */
    private static final Runtime.Version TRIM_NATIVE_HEAP = Runtime.Version.parse("21.0.1");

    /** {@code -XX:+UseCompactObjectHeaders} is a product option since JDK 25 (JEP 519). */
    private static final Runtime.Version COMPACT_HEADERS = Runtime.Version.parse("25");

    private JavaCommand() {}

    /**
     * Every JVM's options: those all of them get, then the component's own ({@link Component#jvmOptions()}: its
     * heap, then the operator's), so that the operator's win.
     */
    static List<String> options(Component component) {
        List<String> options = new ArrayList<>(common(Runtime.version()));
        options.addAll(component.jvmOptions());
        return options;
    }

    /**
     * What every JVM of the suite gets: SerialGC (one small collector, no GC threads to feed on a developer's
     * machine where a dozen JVMs share a few cores); an exit on the first OutOfMemoryError, which otherwise kills
     * threads at random and leaves a process that answers its health check but serves nothing (fan-out benchmark:
     * realtime-service's acceptor and Kafka consumer died, every client kept waiting); glibc's freed native memory
     * given back to the OS every 5 s rather than kept for later (start-up's class loading and JIT compilation leave
     * tens of MB of it); and 8-byte object headers instead of 12 (a service's heap holds about a million objects:
     * 5–15 MB of RSS each).
     */
    static List<String> common(Runtime.Version java) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        if (java.compareToIgnoreOptional(TRIM_NATIVE_HEAP) >= 0) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        if (java.compareToIgnoreOptional(COMPACT_HEADERS) >= 0) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        return options;
    }
}
