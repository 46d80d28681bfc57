package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;

import java.net.http.HttpResponse;
import java.util.List;
import org.atom.e2e.keycloak.KeycloakServer;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway and a service, configured with a real Keycloak realm as a second trusted issuer, accept its tokens:
 * signature by the realm's JWKS, its {@code iss}, ATOM's audience from the realm's audience mapper, and roles from
 * {@code realm_access.roles} mapped explicitly ({@code atom-admin} → ADMIN; {@code default-roles-atom} and
 * {@code offline_access} grant nothing).
 */
@ExtendWith(RunningSuite.class)
class KeycloakInteropIT {

    private final KeycloakServer keycloak = RunningSuite.keycloak();

    @Test
    void aKeycloakAdminManagesUsersThroughTheGatewayAndDirectly() {
        String token = keycloak.passwordToken(KeycloakServer.GRACE, KeycloakServer.GRACE_PASSWORD);

        for (TestHttp server : List.of(RunningSuite.gateway(), RunningSuite.authService())) {
            HttpResponse<String> users =
                    server.get("/api/auth/admin/users?limit=2").bearer(token).send();
            assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        }
    }

    @Test
    void aKeycloakUserIsAuthenticatedButGetsNoAdminRights() {
        String token = keycloak.passwordToken(KeycloakServer.ADA, KeycloakServer.ADA_PASSWORD);
        TestHttp gateway = RunningSuite.gateway();

        assertThat(gateway.get("/api/auth/admin/users").bearer(token).send().statusCode())
                .isEqualTo(403);
        // authenticated, keyed by sub: Keycloak users have no ATOM account row
        HttpResponse<String> profile =
                gateway.get("/api/auth/profile").bearer(token).send();
        assertThat(profile.statusCode()).isEqualTo(404);
        assertThat(json(profile).path("detail").asString()).contains(KeycloakServer.ADA_ID);
    }

    @Test
    void aKeycloakTokenWithATamperedPayloadIsRejected() {
        String[] parts = keycloak.passwordToken(KeycloakServer.ADA, KeycloakServer.ADA_PASSWORD)
                .split("\\.");
        String grace = keycloak.passwordToken(KeycloakServer.GRACE, KeycloakServer.GRACE_PASSWORD);
        // ada's signature under grace's claims
        String spliced = grace.substring(0, grace.lastIndexOf('.') + 1) + parts[2];

        for (TestHttp server : List.of(RunningSuite.gateway(), RunningSuite.authService())) {
            assertThat(server.get("/api/auth/admin/users")
                            .bearer(spliced)
                            .send()
                            .statusCode())
                    .isEqualTo(401);
        }
    }
}
