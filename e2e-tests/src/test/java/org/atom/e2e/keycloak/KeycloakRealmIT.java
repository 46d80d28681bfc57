package org.atom.e2e.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Proves the realm file: tokens from the real Keycloak carry what ATOM's resource servers rely on. */
class KeycloakRealmIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        // the first start on a machine includes Keycloak's one-time build (~2 min)
        keycloak = KeycloakServer.start().awaitReady(Duration.ofMinutes(5));
    }

    @Test
    void adaGetsAUserToken() throws Exception {
        Jwt token = Jwt.parse(keycloak.passwordToken(KeycloakServer.ADA, KeycloakServer.ADA_PASSWORD));

        assertAtomToken(token);
        assertThat(token.payload().path("sub").asString()).isEqualTo(KeycloakServer.ADA_ID);
        assertThat(token.payload().path("preferred_username").asString()).isEqualTo(KeycloakServer.ADA);
        assertThat(token.payload().path("email").asString()).isEqualTo(KeycloakServer.ADA_EMAIL);
        assertThat(strings(token.payload().path("realm_access").path("roles")))
                .contains(KeycloakServer.ROLE_USER)
                .doesNotContain(KeycloakServer.ROLE_ADMIN);
    }

    @Test
    void graceGetsAnAdminToken() throws Exception {
        Jwt token = Jwt.parse(keycloak.passwordToken(KeycloakServer.GRACE, KeycloakServer.GRACE_PASSWORD));

        assertAtomToken(token);
        assertThat(token.payload().path("sub").asString()).isEqualTo(KeycloakServer.GRACE_ID);
        assertThat(token.payload().path("email").asString()).isEqualTo(KeycloakServer.GRACE_EMAIL);
        assertThat(strings(token.payload().path("realm_access").path("roles")))
                .contains(KeycloakServer.ROLE_USER, KeycloakServer.ROLE_ADMIN);
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> keycloak.passwordToken(KeycloakServer.ADA, "not-her-password"))
                .hasMessageContaining("401");
    }

    private static void assertAtomToken(Jwt token) throws Exception {
        assertThat(token.header().path("alg").asString()).isEqualTo("RS256");
        String kid = token.header().path("kid").asString();
        assertThat(kid).isNotBlank();

        JsonNode claims = token.payload();
        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuer());
        // a single audience may be serialized as a string, several as an array
        assertThat(strings(claims.path("aud"))).contains(KeycloakServer.AUDIENCE);
        assertThat(claims.path("sub").asString()).isNotBlank();
        assertThat(claims.path("azp").asString()).isEqualTo(KeycloakServer.CLIENT_ID);
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());

        JsonNode jwks = JSON.readTree(get(keycloak.jwkSetUri()));
        assertThat(jwks.path("keys").values())
                .filteredOn(key -> key.path("kid").asString().equals(kid))
                .singleElement()
                .satisfies(key -> {
                    assertThat(key.path("kty").asString()).isEqualTo("RSA");
                    assertThat(key.path("alg").asString()).isEqualTo("RS256");
                });
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(value -> values.add(value.asString()));
        } else if (node.isString()) {
            values.add(node.asString());
        }
        return values;
    }

    private static String get(String uri) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
            return response.body();
        }
    }

    /** A compact JWS, decoded but not verified (the resource servers verify; this test inspects). */
    private record Jwt(JsonNode header, JsonNode payload) {

        static Jwt parse(String compact) {
            String[] parts = compact.split("\\.");
            assertThat(parts).as("a compact JWS").hasSize(3);
            return new Jwt(decode(parts[0]), decode(parts[1]));
        }

        private static JsonNode decode(String part) {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        }
    }
}
