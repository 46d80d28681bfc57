package org.atom.gateway.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import reactor.netty.ReactorNetty;

/**
 * One Reactor Netty event loop per core for the gateway's server and its client alike, where Reactor Netty's default
 * is at least 4: on two cores, 2 loops proxied 10-20 % more requests at 15 % less CPU each than 4 (bench/README.md,
 * gateway). Reactor Netty reads the system property once, when its loop resources initialise: that is after the
 * environment is prepared, and an explicit {@code -Dreactor.netty.ioWorkerCount} wins.
 */
public class EventLoopsPerCore implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
            System.setProperty(
                    ReactorNetty.IO_WORKER_COUNT,
                    Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }
}
