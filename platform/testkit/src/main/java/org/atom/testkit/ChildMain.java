package org.atom.testkit;

import java.io.IOException;
import java.util.Arrays;

/**
 * Runs another main class in a child process that exits when its parent (the test JVM) dies: the parent never
 * writes to the child's stdin, so end of file there means the parent is gone. No test leaves a process behind.
 *
 * <p>Usage: {@code java -cp ... org.atom.testkit.ChildMain <main class> [args...]}
 */
public final class ChildMain {

    private ChildMain() {}

    public static void main(String[] args) throws Throwable {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // drain until the parent goes away
                        }
                    } catch (IOException ignored) {
                        // the pipe broke: the parent is gone too
                    }
                    System.exit(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                Arrays.copyOfRange(args, 1, args.length));
    }
}
