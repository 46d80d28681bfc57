package org.atom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node package shipped as classpath resources ({@code package.json}, a committed {@code package-lock.json} and
 * its scripts), installed with {@code npm ci} into a cache folder shared by all test JVMs of the machine:
 * {@code ${ATOM_CACHE_DIR:-~/.cache/atom}/<name>-<hash of package-lock.json>}. A JVM installs each package once;
 * a file lock next to the folder lets JVMs running at the same time take turns, and a marker written after a
 * successful {@code npm ci} lets later JVMs skip it.
 */
public final class NodePackage {

    private static final String MARKER = "node_modules/.atom-installed";
    private static final long NPM_TIMEOUT_MINUTES = 5;
    private static final Map<String, Path> INSTALLED = new HashMap<>();

    private NodePackage() {}

    /**
     * Installs the package whose files are in the classpath folder {@code resourceFolder} (e.g.
     * {@code org/atom/testkit/node}): {@code package.json}, {@code package-lock.json} and the given {@code files},
     * which are copied afresh (when changed) on each JVM's first call. Returns the folder, where {@code node}
     * finds the installed modules for the copied scripts.
     */
    public static synchronized Path install(String name, String resourceFolder, String... files) {
        Path installed = INSTALLED.get(resourceFolder);
        if (installed != null) {
            return installed;
        }
        byte[] lock = resource(resourceFolder, "package-lock.json");
        Path root = cacheRoot();
        String folderName = name + "-" + shortHash(lock);
        Path dir = root.resolve(folderName);
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(
                            root.resolve(folderName + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Files.createDirectories(dir);
                List<String> names = new ArrayList<>(List.of("package.json", "package-lock.json"));
                names.addAll(List.of(files));
                for (String file : names) {
                    copyIfChanged(resource(resourceFolder, file), dir.resolve(file));
                }
                if (!Files.exists(dir.resolve(MARKER))) {
                    npmCi(dir);
                    Files.writeString(dir.resolve(MARKER), "npm ci done\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the Node package " + resourceFolder + " in " + dir, e);
        }
        INSTALLED.put(resourceFolder, dir);
        return dir;
    }

    /** {@code $ATOM_CACHE_DIR}, else {@code ~/.cache/atom}. */
    public static Path cacheRoot() {
        String configured = System.getenv("ATOM_CACHE_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "atom");
    }

    private static void npmCi(Path dir) throws IOException {
        Path log = dir.resolve("npm-ci.log");
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "npm is not on the PATH: these tests need Node.js 20+ with npm (node and npm commands)", e);
        }
        long started = System.nanoTime();
        try {
            if (!npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                Processes.terminate(npm.toHandle(), Duration.ofSeconds(5));
                throw new IllegalStateException("npm ci in " + dir + " took more than " + NPM_TIMEOUT_MINUTES
                        + " minutes; its output:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            npm.destroyForcibly();
            throw new IllegalStateException("interrupted while npm ci ran in " + dir, e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed (exit " + npm.exitValue() + ") in " + dir + "; its output:\n"
                    + Files.readString(log));
        }
        System.err.printf(
                "NodePackage: npm ci in %s took %d ms%n",
                dir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static byte[] resource(String folder, String file) {
        String path = folder + "/" + file;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(path) == null) {
            loader = NodePackage.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the classpath resource " + path, e);
        }
    }

    /** Rewrites only a changed file, atomically, so another JVM running the old one never sees half a file. */
    private static void copyIfChanged(byte[] content, Path target) throws IOException {
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Path temp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String shortHash(byte[] content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
