package org.atom.platform.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Housekeeping every service may need (purges, refreshes): runs on its own daemon thread while the application
 * runs, first after one period, then with a fixed delay; a failure is logged and the next run comes as planned.
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration every;
    private final Runnable task;
    private ScheduledExecutorService executor;

    public PeriodicTask(String name, Duration every, Runnable task) {
        this.name = name;
        this.every = every;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
        executor.scheduleWithFixedDelay(this::runSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", name, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
