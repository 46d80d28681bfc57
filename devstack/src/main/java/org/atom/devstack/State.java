package org.atom.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Which process runs each component, kept in the data folder so every ./atom command finds the running suite. */
final class State {

    private final Path file;
    private final Properties values = new Properties();

    State(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    synchronized Optional<ProcessHandle> process(String name) {
        String pid = values.getProperty(name + ".pid");
        return pid == null
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    synchronized void started(String name, long pid) {
        values.setProperty(name + ".pid", Long.toString(pid));
        save();
    }

    synchronized void stopped(String name) {
        values.remove(name + ".pid");
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                values.store(out, "processes of the local ATOM suite (./atom)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
