package org.atom.task;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.atom.testkit.WithTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of task-service's integration tests: the service on a random port against the JVM's
 * embedded PostgreSQL (schema task_service) and Kafka, trusting the testkit's JWT issuer, counting the SQL
 * statements requests run ({@link StatementCounter}), scanning for due reminders every 200 ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atom.outbox.failover-check-interval=200ms",
            // reminders fire within a fraction of a second, in small batches so scanners interleave
            "atom.task.reminders.scan-interval=200ms",
            "atom.task.reminders.batch-size=5"
        })
@Import(StatementCounter.class)
@WithTestInfrastructure(
        schema = "task_service",
        topics = {"task-service.task.v1", "task-service.project.v1", "auth-service.user.v1"})
public @interface TaskServiceContext {}
