package org.atom.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import reactor.netty.ReactorNetty;

class EventLoopsPerCoreTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(ReactorNetty.IO_WORKER_COUNT);
        System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
        } else {
            System.setProperty(ReactorNetty.IO_WORKER_COUNT, before);
        }
    }

    @Test
    void reactorNettyGetsOneEventLoopPerCore() {
        new EventLoopsPerCore().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());

        assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void anExplicitCountWins() {
        System.setProperty(ReactorNetty.IO_WORKER_COUNT, "7");

        new EventLoopsPerCore().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());

        assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo("7");
    }
}
