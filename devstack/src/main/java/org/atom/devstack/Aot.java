package org.atom.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JDK 25 ahead-of-time caches: an application starts several times faster from a cache trained on the same jar
 * with the same flags. {@code ./atom up --aot} trains the missing ones (once per build); later starts use them.
 * The JVM silently ignores a cache whose jar or flags differ, so a cache is named after its jar's size and time and
 * after the JVM and options it was trained with ({@link JavaCommand}, the same as the real start's): another build
 * or other options (e.g. {@code ATOM_<NAME>_JAVA_OPTIONS}) need a cache of their own.
 */
final class Aot {

    private Aot() {}

    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** The cache flags for the app's next start; trains the cache first when asked to and it is missing. */
    static List<String> flags(
            Stack stack, Component component, Path jar, String javaBinary, boolean train, Map<String, String> env)
            throws IOException {
        if (!supported()) {
            return List.of();
        }
        List<String> options = JavaCommand.options(component);
        Path cache = stack.aot().resolve(component.name() + "-" + stamp(jar) + "-" + fingerprint(options) + ".aot");
        if (!Files.exists(cache) && train) {
            removeOtherCaches(stack, component);
            train(stack, component, jar, javaBinary, options, cache, env);
        }
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    private static void train(
            Stack stack,
            Component component,
            Path jar,
            String javaBinary,
            List<String> options,
            Path cache,
            Map<String, String> env)
            throws IOException {
        Files.createDirectories(stack.aot());
        System.out.printf("  training the AOT cache of %s (once per build)...%n", component.name());
        List<String> command = new ArrayList<>(List.of(javaBinary));
        command.addAll(options);
        command.addAll(List.of(
                "-XX:AOTCacheOutput=" + cache,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                jar.toString(),
                "--server.port=0"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(stack.root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(stack.log(component).toFile()));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(Supervisor.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
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

    /** The component's caches of earlier builds or options (~100 MB each): replaced by the one about to be made. */
    private static void removeOtherCaches(Stack stack, Component component) throws IOException {
        if (!Files.isDirectory(stack.aot())) {
            return;
        }
        String pattern = java.util.regex.Pattern.quote(component.name()) + "-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+\\.aot";
        try (DirectoryStream<Path> caches = Files.newDirectoryStream(stack.aot())) {
            for (Path cache : caches) {
                if (cache.getFileName().toString().matches(pattern)) {
                    Files.deleteIfExists(cache);
                }
            }
        }
    }

    private static String stamp(Path jar) throws IOException {
        return Long.toHexString(Files.size(jar)) + "-"
                + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
    }

    /** A short digest of the JVM's version and the options, in the cache's name. */
    static String fingerprint(List<String> options) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((Runtime.version() + "\n" + String.join("\n", options)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
