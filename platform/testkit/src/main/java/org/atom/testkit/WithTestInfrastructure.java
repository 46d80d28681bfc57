package org.atom.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Wires a Spring test context to the JVM's shared embedded PostgreSQL (schema and role bootstrapped), its KRaft
 * Kafka broker and the test JWT issuer. Contexts with the same settings are cached and shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestInfrastructure {

    /** The service's schema (and role) name, e.g. {@code task_service}; empty for a service without a database. */
    String schema() default "";

    /** Topics to create before the context starts, with {@link #partitions()} partitions each. */
    String[] topics() default {};

    int partitions() default 3;
}
