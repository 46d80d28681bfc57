package org.atom.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.json;
import static org.atom.auth.AuthTestSupport.refresh;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.util.Date;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.AuthTestSupport.Session;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class TokenIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeys keys;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    private int profileStatus(String accessToken) {
        return http.get("/api/auth/profile").bearer(accessToken).send().statusCode();
    }

    @Test
    void accessTokensCarryTheAgreedClaimsAndHeader() throws Exception {
        Session ada = AuthTestSupport.registerNew(http, "claims");

        SignedJWT jwt = SignedJWT.parse(ada.accessToken());

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.activeKeyId());
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://auth-service.test");
        assertThat(claims.getAudience()).containsExactly("atom-api");
        assertThat(claims.getSubject()).isEqualTo(ada.userId());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        Date iat = claims.getIssueTime();
        assertThat(claims.getNotBeforeTime()).isEqualTo(iat);
        assertThat(claims.getExpirationTime().getTime() - iat.getTime()).isEqualTo(15 * 60 * 1000);
        assertThat(claims.getStringClaim(Tokens.SESSION_CLAIM)).isNotBlank();
        assertThat(claims.getLongClaim(Tokens.AUTH_TIME_CLAIM)).isEqualTo(iat.getTime() / 1000);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_token WHERE token_hash = ?",
                        Integer.class,
                        TokenService.hash(ada.refreshToken())))
                .as("only the digest is stored")
                .isEqualTo(1);
    }

    @Test
    void refreshRotatesTheRefreshTokenAndIssuesANewAccessToken() throws Exception {
        Session ada = AuthTestSupport.registerNew(http, "rotate");

        HttpResponse<String> response = refresh(http, ada.refreshToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("refreshToken").asString()).isNotEqualTo(ada.refreshToken());
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        String access = body.path("accessToken").asString();
        assertThat(profileStatus(access)).isEqualTo(200);
        var claims = SignedJWT.parse(access).getJWTClaimsSet();
        var original = SignedJWT.parse(ada.accessToken()).getJWTClaimsSet();
        assertThat(claims.getStringClaim(Tokens.SESSION_CLAIM))
                .isEqualTo(original.getStringClaim(Tokens.SESSION_CLAIM));
        assertThat(claims.getLongClaim(Tokens.AUTH_TIME_CLAIM))
                .isEqualTo(original.getLongClaim(Tokens.AUTH_TIME_CLAIM));

        // the original form: the refresh token as a bearer token
        HttpResponse<String> bearerForm = http.post("/api/auth/refresh", null)
                .bearer(body.path("refreshToken").asString())
                .send();
        assertThat(bearerForm.statusCode()).as(bearerForm.body()).isEqualTo(200);
    }

    @Test
    void replayingAUsedRefreshTokenRevokesTheWholeFamily() {
        Session ada = AuthTestSupport.registerNew(http, "replay");
        String second =
                json(refresh(http, ada.refreshToken())).path("refreshToken").asString();

        HttpResponse<String> replay = refresh(http, ada.refreshToken());

        assertProblem(replay, 401);
        assertThat(replay.headers().firstValue("WWW-Authenticate")).isPresent();
        // the newer token of the family is dead too
        assertProblem(refresh(http, second), 401);
        // other sessions of the user are untouched
        Session other = AuthTestSupport.loginOk(http, ada.email(), PASSWORD);
        assertThat(refresh(http, other.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownExpiredAndMissingRefreshTokensAreRefused() {
        assertProblem(refresh(http, "no-such-token-at-all"), 401);
        assertProblem(http.post("/api/auth/refresh", "{}").send(), 400, "refreshToken");
        assertProblem(http.post("/api/auth/refresh", null).send(), 400, "refreshToken");

        Session ada = AuthTestSupport.registerNew(http, "expired");
        jdbc.update(
                "UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE token_hash = ?",
                TokenService.hash(ada.refreshToken()));
        assertProblem(refresh(http, ada.refreshToken()), 401);
    }

    @Test
    void logoutRevokesTheFamily() {
        Session ada = AuthTestSupport.registerNew(http, "logout");
        String next =
                json(refresh(http, ada.refreshToken())).path("refreshToken").asString();

        HttpResponse<String> logout = http.post("/api/auth/logout", "{\"refresh_token\":\"" + next + "\"}")
                .send();

        assertThat(logout.statusCode()).isEqualTo(204);
        assertProblem(refresh(http, next), 401);
        // an unknown token: nothing to do, same answer
        assertThat(http.post("/api/auth/logout", "{\"refreshToken\":\"unknown\"}")
                        .send()
                        .statusCode())
                .isEqualTo(204);
        assertProblem(http.post("/api/auth/logout", "{}").send(), 400, "refreshToken");
    }

    @Test
    void logoutAcceptsTheOriginalBearerForm() {
        Session ada = AuthTestSupport.registerNew(http, "logout-bearer");

        HttpResponse<String> logout =
                http.post("/api/auth/logout", null).bearer(ada.refreshToken()).send();

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertProblem(refresh(http, ada.refreshToken()), 401);
    }

    @Test
    void logoutWithAnAccessTokenEndsThatSessionOnly() {
        Session ada = AuthTestSupport.registerNew(http, "logout-access");
        Session other = AuthTestSupport.loginOk(http, ada.email(), PASSWORD);

        HttpResponse<String> logout =
                http.post("/api/auth/logout", null).bearer(ada.accessToken()).send();

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertProblem(refresh(http, ada.refreshToken()), 401);
        assertThat(refresh(http, other.refreshToken()).statusCode()).isEqualTo(200);
        // a forged or foreign token ends nothing and tells nothing
        assertThat(http.post("/api/auth/logout", null)
                        .bearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
                        .send()
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void oneUsersLogoutLeavesOtherUsersSessionsAlone() {
        Session ada = AuthTestSupport.registerNew(http, "iso-a");
        Session bob = AuthTestSupport.registerNew(http, "iso-b");

        HttpResponse<String> logout = http.post("/api/auth/logout", "{\"refreshToken\":\"" + ada.refreshToken() + "\"}")
                .send();

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertProblem(refresh(http, ada.refreshToken()), 401);
        assertThat(refresh(http, bob.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void jwksAndIssuerMetadataArePublic() {
        HttpResponse<String> jwks = http.get("/.well-known/jwks.json").send();
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode keys = json(jwks).path("keys");
        assertThat(keys.size()).isGreaterThanOrEqualTo(1);
        JsonNode key = keys.get(0);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.path("alg").asString()).isEqualTo("RS256");
        assertThat(key.path("use").asString()).isEqualTo("sig");
        assertThat(key.path("kid").asString()).isNotBlank();
        assertThat(key.has("d")).as("no private parts").isFalse();
        assertThat(key.has("p")).isFalse();

        HttpResponse<String> metadata =
                http.get("/.well-known/openid-configuration").send();
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode config = json(metadata);
        assertThat(config.path("issuer").asString()).isEqualTo("http://auth-service.test");
        assertThat(config.path("jwks_uri").asString()).isEqualTo("http://auth-service.test/.well-known/jwks.json");
        assertThat(config.path("id_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"RS256\"]");
    }
}
