package org.atom.gateway;

import org.atom.testkit.TestApp;

/**
 * What the gateway's integration tests run against, once per JVM: the real discovery and config-server started
 * from their jars (serving the repository's {@code config/}), and stub instances of task-service, calendar-service
 * (whose import is an upload path) and of two realtime-service nodes registered in Eureka. finance-service is
 * deliberately never started.
 */
final class GatewaySuite {

    static final TestApp DISCOVERY;
    static final TestApp CONFIG_SERVER;
    static final String EUREKA_URL;
    static final StubService TASKS;
    static final StubService CALENDAR;
    static final StubService REALTIME_A;
    static final StubService REALTIME_B;

    static {
        DISCOVERY = TestApp.start("discovery", "atom.jar.discovery");
        CONFIG_SERVER = TestApp.start(
                "config-server",
                "atom.jar.config-server",
                "--spring.cloud.config.server.native.search-locations=file:" + System.getProperty("atom.config.dir")
                        + "/");
        EUREKA_URL = DISCOVERY.url() + "/eureka/";
        // read by the gateway's application.yml and config/application.yml before its context starts
        System.setProperty("CONFIG_SERVER_URL", CONFIG_SERVER.url());
        System.setProperty("EUREKA_URL", EUREKA_URL);
        TASKS = StubService.register(EUREKA_URL, "task-service", "task-service-stub-1", false);
        CALENDAR = StubService.register(EUREKA_URL, "calendar-service", "calendar-service-stub-1", false);
        REALTIME_A = StubService.register(EUREKA_URL, "realtime-service", "realtime-a", true);
        REALTIME_B = StubService.register(EUREKA_URL, "realtime-service", "realtime-b", true);
    }

    private GatewaySuite() {}

    /** Starts everything on first use. */
    static void start() {
        // the static initialiser did it
    }
}
