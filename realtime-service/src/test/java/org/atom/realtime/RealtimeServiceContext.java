package org.atom.realtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.atom.testkit.WithTestInfrastructure;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context of realtime-service's integration tests: the service on a random port reading the JVM's
 * embedded Kafka, trusting the testkit's JWT issuer, with a small per-client send queue and message rate so the
 * limits are reachable from a test. Each test starts once the service takes clients.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"atom.realtime.messages-per-second=20", "atom.realtime.burst=40", "atom.realtime.send-queue=64"})
@ExtendWith(AwaitCaughtUp.class)
@WithTestInfrastructure(
        topics = {"task-service.task.v1", "task-service.project.v1", "auth-service.user.v1"},
        partitions = 3)
public @interface RealtimeServiceContext {}
