package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.atom.e2e.Accounts.Session;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * An admin rotates auth-service's signing key: new tokens carry the new {@code kid} and the gateway (which has
 * only cached the old key set) accepts them; tokens signed before stay valid while the old key is still published.
 */
@ExtendWith(RunningSuite.class)
class KeyRotationIT {

    private final TestHttp gateway = RunningSuite.gateway();

    @Test
    void tokensOfTheNewKeyAndOfTheOldOneAreBothAcceptedAfterARotation() {
        String email = Accounts.uniqueEmail("rotation");
        Session before = Accounts.register(email);
        // the gateway has fetched and cached the key set that signed this token
        assertThat(gateway.get("/api/auth/profile")
                        .bearer(before.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);
        String oldKid = Accounts.jwtPart(before.accessToken(), 0).path("kid").asString();

        HttpResponse<String> rotated = gateway.post("/api/auth/admin/keys/rotate", "")
                .bearer(Accounts.bootstrapAdmin().accessToken())
                .send();
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = json(rotated).path("kid").asString();
        assertThat(newKid).isNotBlank().isNotEqualTo(oldKid);

        Session after = Accounts.session(json(Accounts.login(email)));
        assertThat(Accounts.jwtPart(after.accessToken(), 0).path("kid").asString())
                .isEqualTo(newKid);
        for (TestHttp server : List.of(gateway, RunningSuite.authService())) {
            assertThat(server.get("/api/auth/profile")
                            .bearer(after.accessToken())
                            .send()
                            .statusCode())
                    .as("new key")
                    .isEqualTo(200);
            assertThat(server.get("/api/auth/profile")
                            .bearer(before.accessToken())
                            .send()
                            .statusCode())
                    .as("old key, still published")
                    .isEqualTo(200);
        }
        assertThat(kids(gateway.get("/.well-known/jwks.json").send())).contains(oldKid, newKid);
    }

    private static List<String> kids(HttpResponse<String> jwks) {
        List<String> kids = new ArrayList<>();
        for (JsonNode key : json(jwks).path("keys")) {
            kids.add(key.path("kid").asString());
        }
        return kids;
    }
}
