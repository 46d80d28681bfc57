package org.atom.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.testkit.TestHttp;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SampleServiceContext
class JwtResourceServerIT {

    @LocalServerPort
    int port;

    TestHttp http;
    final TestJwtIssuer issuer = TestJwtIssuer.get();
    final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void aRequestWithoutATokenGetsA401Problem() {
        HttpResponse<String> response =
                http.get("/api/samples/" + UUID.randomUUID()).send();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401").contains("\"error\":");
    }

    @Test
    void aValidTokenIsAcceptedAndScopesTheCallerBySubject() {
        HttpResponse<String> created =
                http.post("/api/samples", "{\"title\":\"mine\"}").as(user).send();
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        assertThat(http.get(location).as(user).send().statusCode()).isEqualTo(200);
        assertThat(http.get(location).as("someone-else").send().statusCode()).isEqualTo(404);
    }

    @Test
    void tokensThatMustNeverPassAreRejected() {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("alg none", issuer.forUser(user).unsigned());
        tokens.put("tampered payload", tamper(issuer.token(user)));
        tokens.put(
                "expired",
                issuer.forUser(user).expiresAt(Instant.now().minusSeconds(120)).sign());
        tokens.put("no exp", issuer.forUser(user).without("exp").sign());
        tokens.put(
                "not yet valid",
                issuer.forUser(user).notBefore(Instant.now().plusSeconds(600)).sign());
        tokens.put("wrong audience", issuer.forUser(user).audience("account").sign());
        tokens.put(
                "untrusted issuer",
                issuer.forUser(user).issuer("http://127.0.0.1:1/evil").sign());
        tokens.put("no subject", issuer.forUser(user).without("sub").sign());
        tokens.put("HS256 with the public key", issuer.forUser(user).signedHs256WithThePublicKey());
        tokens.put(
                "two segments",
                String.join(".", java.util.Arrays.copyOf(issuer.token(user).split("\\."), 2)));
        tokens.put("garbage", "not-a-jwt");
        tokens.put("unknown kid", issuer.forUser(user).signedWithUnknownKey());
        tokens.put("over the size limit, under the header limit", padded(5_000));
        tokens.forEach((name, token) -> assertThat(http.get("/api/samples/" + UUID.randomUUID())
                        .bearer(token)
                        .send()
                        .statusCode())
                .as(name)
                .isEqualTo(401));
    }

    @Test
    void aTokenUnderTheSizeLimitIsAccepted() {
        assertThat(http.get("/api/samples/" + UUID.randomUUID())
                        .bearer(padded(2_000))
                        .send()
                        .statusCode())
                .isEqualTo(404);
    }

    /** A valid token made long by a filler claim: about {@code 4/3 × fill} characters. */
    private String padded(int fill) {
        return issuer.forUser(user).claim("filler", "x".repeat(fill)).sign();
    }

    @Test
    void rolesComeFromTheRolesClaimAndAdminEndpointsNeedAdmin() {
        assertThat(http.get("/api/samples/admin/count").as(user).send().statusCode())
                .isEqualTo(403);
        assertThat(http.get("/api/samples/admin/count")
                        .bearer(issuer.token(user, "ADMIN"))
                        .send()
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/samples/admin/count")
                        .bearer(issuer.token(user, "SUPERUSER"))
                        .send()
                        .statusCode())
                .as("unknown roles grant nothing")
                .isEqualTo(403);
    }

    @Test
    void keycloakRealmRolesAreMappedExplicitly() {
        String realm = issuer.issuer() + "/realms/atom";
        String admin = issuer.forUser(user)
                .issuer(realm)
                .without("roles")
                .claim("realm_access", Map.of("roles", List.of("atom-admin", "offline_access")))
                .sign();
        String plain = issuer.forUser(user)
                .issuer(realm)
                .without("roles")
                // a Keycloak "roles" claim outside realm_access is not where this issuer's roles live
                .claim("roles", List.of("ADMIN"))
                .claim("realm_access", Map.of("roles", List.of("atom-user", "default-roles-atom")))
                .sign();

        assertThat(http.get("/api/samples/admin/count").bearer(admin).send().statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/samples/admin/count").bearer(plain).send().statusCode())
                .isEqualTo(403);
        assertThat(http.post("/api/samples", "{\"title\":\"kc\"}")
                        .bearer(plain)
                        .send()
                        .statusCode())
                .isEqualTo(201);
    }

    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        var decoder = java.util.Base64.getUrlDecoder();
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1])).replace("\"USER\"", "\"ADMIN\"");
        return parts[0] + "." + encoder.encodeToString(payload.getBytes()) + "." + parts[2];
    }
}
