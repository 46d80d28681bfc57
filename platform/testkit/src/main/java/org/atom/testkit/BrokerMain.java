package org.atom.testkit;

import java.io.IOException;

/** Runs a Kafka broker that exits when its parent process dies (its stdin reaches end of file). */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
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
        kafka.Kafka.main(args);
    }
}
