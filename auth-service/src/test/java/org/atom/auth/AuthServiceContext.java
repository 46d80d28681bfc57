package org.atom.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.atom.testkit.WithTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context of auth-service's integration tests: the service on a random port against the JVM's
 * embedded PostgreSQL (schema auth_service) and Kafka, issuing its own tokens as {@code http://auth-service.test},
 * with two internal clients allowed to exchange tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "atom.auth.issuer=http://auth-service.test",
            "atom.outbox.failover-check-interval=200ms",
            // test-only AES-256 key ("test-only-key-encryption-key-32b"); real ones come from the environment
            "atom.auth.key-encryption-key=dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=",
            // token exchange clients: SHA-256 of the test-only secrets in TokenExchangeIT
            "atom.auth.internal-clients[0].id=workflow-service",
            "atom.auth.internal-clients[0].secret-sha256=2a667b890b05a8dbde45ec7a563e5b97d92961c43a9c75a7db97dd2ebfbf4afb",
            "atom.auth.internal-clients[1].id=agent-service",
            "atom.auth.internal-clients[1].secret-sha256=A1756D916AC8FAFAFCDF54C25BCECA59CD14F2465553AD6F2F99E1A8B9F37150"
        })
@WithTestInfrastructure(schema = "auth_service", topics = "auth-service.user.v1")
public @interface AuthServiceContext {}
