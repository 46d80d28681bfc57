package org.atom.platform.sample;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.atom.testkit.WithTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context every starter integration test shares: the sample service on a random port against
 * the JVM's embedded Postgres and Kafka.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithTestInfrastructure(schema = "sample_service", topics = "auth-service.user.v1") // consumed by the user read model
public @interface SampleServiceContext {}
