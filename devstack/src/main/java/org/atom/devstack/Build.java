package org.atom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the application jars that are missing or older than their sources (the module's own files, the shared
 * platform, contracts and the root pom) with the Maven wrapper, so {@code ./atom up} always runs what is checked out.
 */
final class Build {

    private static final List<String> SHARED = List.of("pom.xml", "platform", "contracts");

    private Build() {}

    static void ensure(Stack stack, List<Component> apps) throws IOException, InterruptedException {
        FileTime shared = newest(SHARED.stream().map(stack.root::resolve).toList());
        List<String> stale = new ArrayList<>();
        for (Component app : apps) {
            Path jar = stack.jar(app.name());
            FileTime sources = max(shared, newest(List.of(stack.root.resolve(app.name()))));
            if (!Files.exists(jar) || Files.getLastModifiedTime(jar).compareTo(sources) < 0) {
                stale.add(app.name());
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        System.out.println("Building " + String.join(", ", stale) + " ...");
        Process build = new ProcessBuilder(
                        stack.root.resolve("mvnw").toString(),
                        "-q",
                        "-B",
                        "-pl",
                        String.join(",", stale),
                        "-am",
                        "package",
                        "-DskipTests",
                        "-Dspotless.check.skip=true",
                        // a jar whose own classes did not change is otherwise kept as it was, with the old
                        // platform inside, and stays older than its sources
                        "-Dmaven.jar.forceCreation=true")
                .directory(stack.root.toFile())
                .inheritIO()
                .start();
        if (build.waitFor() != 0) {
            throw new AtomException("The build failed (see above); fix it and run ./atom up again.");
        }
    }

    /** The newest modification time below the paths, ignoring build output. */
    private static FileTime newest(List<Path> paths) {
        FileTime newest = FileTime.fromMillis(0);
        for (Path path : paths) {
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                newest = max(
                        newest,
                        files.filter(Files::isRegularFile)
                                .filter(f -> !f.toString().contains("/target/")
                                        && !f.toString().contains("/node_modules/"))
                                .map(Build::modified)
                                .reduce(FileTime.fromMillis(0), Build::max));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return newest;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime max(FileTime a, FileTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
