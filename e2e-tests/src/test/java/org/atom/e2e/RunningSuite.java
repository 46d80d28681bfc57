package org.atom.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atom.e2e.keycloak.KeycloakServer;
import org.atom.testkit.AtomSuite;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running suite for every e2e test of the JVM: {@code ./atom up --detach} on ports of its own, trusting its
 * auth-service and a real Keycloak realm (started at the same time, awaited only when both are up), with a bootstrap
 * admin. Stopped ({@code ./atom down}) when the test plan ends.
 */
public final class RunningSuite implements BeforeAllCallback {

    /** Registering with this email makes the account an ADMIN. */
    public static final String BOOTSTRAP_ADMIN_EMAIL = "root@e2e.atom.test";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningSuite.class);
    private static volatile Started started;

    private record Started(AtomSuite suite, KeycloakServer keycloak) implements AutoCloseable {
        @Override
        public void close() {
            suite.close();
        }
    }

    /** A start that failed fails every later test class at once instead of being tried again. */
    private static volatile RuntimeException failed;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (failed != null) {
            throw failed;
        }
        try {
            started =
                    context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, key -> start(), Started.class);
        } catch (RuntimeException e) {
            failed = e;
            throw e;
        }
    }

    private static Started start() {
        KeycloakServer keycloak = KeycloakServer.start();
        try {
            AtomSuite suite = AtomSuite.prepare(Path.of(System.getProperty("atom.root", "..")), Path.of("target"));
            suite.environment().put("ATOM_BOOTSTRAP_ADMIN_EMAIL", BOOTSTRAP_ADMIN_EMAIL);
            suite.environment().put("SPRING_APPLICATION_JSON", trustedIssuers(suite, keycloak));
            // every test client shares 127.0.0.1: the per-IP budget of the auth endpoints (10 a minute) is for people
            suite.environment().put("ATOM_GATEWAY_RATE_LIMITS_AUTH_CAPACITY", "10000");
            suite.up();
            try {
                keycloak.awaitReady(Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                suite.close();
                throw e;
            }
            return new Started(suite, keycloak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every service and the gateway trust auth-service and the Keycloak realm (whose roles are mapped explicitly).
     * {@code SPRING_APPLICATION_JSON} because a role mapping's keys ({@code atom-user}) cannot be spelt as
     * environment variable names.
     */
    private static String trustedIssuers(AtomSuite suite, KeycloakServer keycloak) {
        Map<String, Object> security = Map.of(
                "issuers",
                List.of(
                        Map.of("uri", "http://127.0.0.1:" + suite.port(AtomSuite.AUTH_SERVICE)),
                        Map.of(
                                "uri",
                                keycloak.issuer(),
                                "jwk-set-uri",
                                keycloak.jwkSetUri(),
                                "roles-claim",
                                "realm_access.roles",
                                "role-mapping",
                                Map.of(KeycloakServer.ROLE_USER, "USER", KeycloakServer.ROLE_ADMIN, "ADMIN"))));
        return JsonMapper.builder().build().writeValueAsString(Map.of("atom", Map.of("security", security)));
    }

    public static AtomSuite suite() {
        return started.suite();
    }

    public static KeycloakServer keycloak() {
        return started.keycloak();
    }

    public static TestHttp gateway() {
        return started.suite().gateway();
    }

    /** auth-service called directly, not through the gateway. */
    public static TestHttp authService() {
        return TestHttp.localhost(started.suite().port(AtomSuite.AUTH_SERVICE));
    }
}
