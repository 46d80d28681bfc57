package org.atom.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JDK 25 ahead-of-time caches: an application starts several times faster from a cache trained on the same jar
 * with the same flags. {@code ./atom up --aot} trains the missing ones (once per build); later starts use them.
 * The JVM silently ignores a cache whose jar or flags differ, so a cache is tied to its jar's size and time.
 */
final class Aot {

    private Aot() {}

    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** The cache flags for the app's next start; trains the cache first when asked to and it is missing. */
    static List<String> flags(
            Stack stack,
            Component component,
            Path jar,
            String javaBinary,
            boolean train,
            java.util.Map<String, String> env)
            throws IOException {
        if (!supported()) {
            return List.of();
        }
        Path cache = stack.aot().resolve(component.name() + "-" + stamp(jar) + ".aot");
        if (!Files.exists(cache) && train) {
            train(stack, component, jar, javaBinary, cache, env);
        }
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    private static void train(
            Stack stack,
            Component component,
            Path jar,
            String javaBinary,
            Path cache,
            java.util.Map<String, String> env)
            throws IOException {
        Files.createDirectories(stack.aot());
        System.out.printf("  training the AOT cache of %s (once per build)...%n", component.name());
        ProcessBuilder builder = new ProcessBuilder(
                        javaBinary,
                        "-Xmx" + component.heap(),
                        "-XX:+UseSerialGC",
                        "-XX:AOTCacheOutput=" + cache,
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        jar.toString(),
                        "--server.port=0")
                .directory(stack.root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(stack.log(component).toFile()));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(Supervisor.START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Files.exists(cache)) {
            System.out.printf(
                    "  no AOT cache for %s (see %s); it starts without one%n", component.name(), stack.log(component));
        }
    }

    private static String stamp(Path jar) throws IOException {
        return Long.toHexString(Files.size(jar)) + "-"
                + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
    }
}
