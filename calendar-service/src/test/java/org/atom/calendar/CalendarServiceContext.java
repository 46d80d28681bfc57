package org.atom.calendar;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.atom.testkit.WithTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context of calendar-service's integration tests: the service on a random port against the JVM's
 * embedded PostgreSQL (schema calendar_service) and Kafka, trusting the testkit's JWT issuer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"atom.outbox.failover-check-interval=200ms"})
@WithTestInfrastructure(
        schema = "calendar_service",
        topics = {"calendar-service.calendar-event.v1", "auth-service.user.v1"})
public @interface CalendarServiceContext {}
