package org.atom.auth.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.json;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.AuthTestSupport.Session;
import org.atom.auth.token.SigningKeys;
import org.atom.auth.token.Tokens;
import org.atom.testkit.TestHttp;
import org.atom.testkit.TestJwtIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class TokenExchangeIT {

    static final String WORKFLOW = "workflow-service";
    /** Test-only; its SHA-256 is configured in {@link AuthServiceContext}. */
    static final String WORKFLOW_SECRET = "test-only-workflow-secret-5f3a9c1e7b2d4a6f";

    static final String AGENT = "agent-service";
    /** Characters that HTTP Basic must form-encode (RFC 6749 §2.3.1). */
    static final String AGENT_SECRET = "test-only/agent+secret=with:odd chars";

    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String USER_ID = "urn:atom:params:oauth:token-type:user-id";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeys keys;

    @Autowired
    MeterRegistry meters;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    // ---- issuing ------------------------------------------------------------------------------------------

    @Test
    void anInternalClientExchangesAUserIdForAShortLivedTokenActedByItself() throws Exception {
        Session ada = AuthTestSupport.registerNew(http, "exchange");

        HttpResponse<String> response = exchange(basic(WORKFLOW, WORKFLOW_SECRET), request(ada.userId(), USER_ID));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        assertThat(body.path("issued_token_type").asString()).isEqualTo(ACCESS_TOKEN);
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        assertThat(body.has("refresh_token")).isFalse();

        SignedJWT jwt = SignedJWT.parse(body.path("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.activeKeyId());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://auth-service.test");
        assertThat(claims.getAudience()).containsExactly("atom-api");
        assertThat(claims.getSubject()).isEqualTo(ada.userId());
        assertThat(claims.getJSONObjectClaim(Tokens.ACTOR_CLAIM)).isEqualTo(Map.of("sub", WORKFLOW));
        assertThat(claims.getStringClaim(Tokens.CLIENT_ID_CLAIM)).isEqualTo(WORKFLOW);
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getJWTID()).isNotBlank();
        long lifetime =
                claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(lifetime).isPositive().isLessThanOrEqualTo(300_000);
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getClaims()).doesNotContainKeys(Tokens.SESSION_CLAIM, Tokens.AUTH_TIME_CLAIM);

        // a resource server (here auth-service's own) takes it as the user's token
        HttpResponse<String> profile = http.get("/api/auth/profile")
                .bearer(body.path("access_token").asString())
                .send();
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        assertThat(json(profile).path("id").asString()).isEqualTo(ada.userId());
        assertThat(json(profile).path("email").asString()).isEqualTo(ada.email());
    }

    @Test
    void credentialsInTheBodyWorkAsWellAsHttpBasicWithFormEncodedSecrets() throws Exception {
        Session ada = AuthTestSupport.registerNew(http, "exchange-form");
        Map<String, String> form = request(ada.userId(), USER_ID);
        form.put("client_id", AGENT);
        form.put("client_secret", AGENT_SECRET);
        form.put("requested_token_type", ACCESS_TOKEN);
        form.put("audience", "atom-api");

        HttpResponse<String> inBody = exchange(null, form);

        assertThat(inBody.statusCode()).as(inBody.body()).isEqualTo(200);
        JWTClaimsSet claims =
                SignedJWT.parse(json(inBody).path("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(ada.userId());
        assertThat(claims.getJSONObjectClaim(Tokens.ACTOR_CLAIM)).isEqualTo(Map.of("sub", AGENT));
        assertThat(claims.getStringClaim(Tokens.CLIENT_ID_CLAIM)).isEqualTo(AGENT);

        // the same secret through HTTP Basic: form-encoded first, so '+', '/', '=', ':' and ' ' survive
        HttpResponse<String> basic = exchange(basic(AGENT, AGENT_SECRET), request(ada.userId(), USER_ID));
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
    }

    @Test
    void anAdministratorsExchangedTokenCarriesTheUserRoleOnly() throws Exception {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        assertThat(SignedJWT.parse(admin.accessToken()).getJWTClaimsSet().getStringListClaim("roles"))
                .contains("ADMIN");

        HttpResponse<String> response = exchange(basic(WORKFLOW, WORKFLOW_SECRET), request(admin.userId(), USER_ID));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = json(response).path("access_token").asString();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles"))
                .containsExactly("USER");
        assertThat(http.get("/api/auth/admin/users").bearer(token).send().statusCode())
                .isEqualTo(403);
    }

    @Test
    void theSubjectMayBeGivenAsOneOfTheUsersOwnAccessTokens() throws Exception {
        Session ada = AuthTestSupport.registerNew(http, "exchange-token");

        HttpResponse<String> response =
                exchange(basic(WORKFLOW, WORKFLOW_SECRET), request(ada.accessToken(), ACCESS_TOKEN));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JWTClaimsSet claims =
                SignedJWT.parse(json(response).path("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(ada.userId());
        assertThat(claims.getStringClaim(Tokens.SESSION_CLAIM)).isNull();
    }

    @Test
    void aSubjectAccessTokenThatIsNotOneOfOursIsAnInvalidGrant() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-forged");
        String basic = basic(WORKFLOW, WORKFLOW_SECRET);
        // our issuer and audience, but signed with a key that is not ours
        String forged = TestJwtIssuer.get()
                .forUser(ada.userId())
                .issuer("http://auth-service.test")
                .sign();
        String foreign = TestJwtIssuer.get().token(ada.userId());

        String oversized = ada.accessToken() + "x".repeat(5_000); // beyond atom.security.max-token-length
        for (String token : List.of(forged, foreign, "not-a-jwt", ada.refreshToken(), oversized)) {
            assertRefused(exchange(basic, request(token, ACCESS_TOKEN)), 400, "invalid_grant");
        }
        // a user id where an access token is announced is not one either
        assertRefused(exchange(basic, request(ada.userId(), ACCESS_TOKEN)), 400, "invalid_grant");
    }

    // ---- client authentication -----------------------------------------------------------------------------

    @Test
    void aWrongSecretAnUnknownClientOrNoCredentialsAre401InvalidClient() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-client");
        Map<String, String> form = request(ada.userId(), USER_ID);

        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(exchange(basic(WORKFLOW, "wrong-secret"), form));
        refused.add(exchange(basic(WORKFLOW, AGENT_SECRET), form)); // another client's secret
        refused.add(exchange(basic("billing-service", WORKFLOW_SECRET), form));
        refused.add(exchange(basic(WORKFLOW, ""), form));
        refused.add(exchange(null, form));
        refused.add(exchange(null, with(form, "client_id", WORKFLOW))); // no secret
        refused.add(exchange(null, with(with(form, "client_id", WORKFLOW), "client_secret", "wrong")));
        refused.add(exchange("Basic !!not-base64!!", form));
        refused.add(exchange("Basic " + b64("no-colon"), form));
        // the user's own access token does not make anyone a client
        refused.add(exchange("Bearer " + ada.accessToken(), form));

        for (HttpResponse<String> response : refused) {
            JsonNode problem = assertRefused(response, 401, "invalid_client");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"atom\"");
            assertThat(problem.path("detail").asString()).doesNotContain(WORKFLOW_SECRET, "wrong-secret");
        }
        // unknown client and wrong secret answer alike
        assertThat(json(refused.get(0)).path("detail"))
                .isEqualTo(json(refused.get(2)).path("detail"));
    }

    @Test
    void credentialsSentBothWaysAreAnInvalidRequest() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-both");
        Map<String, String> form = request(ada.userId(), USER_ID);
        form.put("client_id", WORKFLOW);
        form.put("client_secret", WORKFLOW_SECRET);

        assertRefused(exchange(basic(WORKFLOW, WORKFLOW_SECRET), form), 400, "invalid_request");
    }

    // ---- request validation ---------------------------------------------------------------------------------

    @Test
    void theGrantTypeMustBeTokenExchange() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-grant");
        String basic = basic(WORKFLOW, WORKFLOW_SECRET);
        Map<String, String> form = request(ada.userId(), USER_ID);

        assertRefused(
                exchange(basic, with(form, "grant_type", "client_credentials")),
                400,
                "unsupported_grant_type",
                "grant_type");
        assertRefused(
                exchange(basic, with(form, "grant_type", "password")), 400, "unsupported_grant_type", "grant_type");
        assertRefused(exchange(basic, with(form, "grant_type", null)), 400, "invalid_request", "grant_type");
    }

    @Test
    void missingOrMalformedParametersAreNamed() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-params");
        String basic = basic(WORKFLOW, WORKFLOW_SECRET);
        Map<String, String> form = request(ada.userId(), USER_ID);

        assertRefused(exchange(basic, with(form, "subject_token", null)), 400, "invalid_request", "subject_token");
        assertRefused(exchange(basic, with(form, "subject_token", "  ")), 400, "invalid_request", "subject_token");
        for (String notAUserId : List.of("42", "not-a-uuid", "1-2-3-4-5", ada.userId() + "0", "'; DROP TABLE x;--")) {
            assertRefused(
                    exchange(basic, with(form, "subject_token", notAUserId)), 400, "invalid_request", "subject_token");
        }
        assertRefused(
                exchange(basic, with(form, "subject_token_type", null)), 400, "invalid_request", "subject_token_type");
        assertRefused(
                exchange(basic, with(form, "subject_token_type", "urn:ietf:params:oauth:token-type:id_token")),
                400,
                "invalid_request",
                "subject_token_type");
        assertRefused(
                exchange(basic, with(form, "requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token")),
                400,
                "invalid_request",
                "requested_token_type");
        assertRefused(exchange(basic, with(form, "audience", "other-api")), 400, "invalid_target", "audience");
        assertRefused(
                exchange(basic, with(form, "resource", "https://elsewhere.example")),
                400,
                "invalid_target",
                "resource");
        assertRefused(exchange(basic, with(form, "scope", "admin")), 400, "invalid_scope", "scope");
        assertRefused(exchange(basic, with(form, "actor_token", "x")), 400, "invalid_request", "actor_token");
        // RFC 6749 §3.2: no parameter twice
        assertRefused(
                exchange(basic, encode(form) + "&subject_token=" + UUID.randomUUID()),
                400,
                "invalid_request",
                "subject_token");
        // unknown parameters are ignored (RFC 6749 §3.2)
        assertThat(exchange(basic, with(form, "something_else", "x")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void parametersInTheUrlAreRefused() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-query");
        String query = "?" + encode(with(request(ada.userId(), USER_ID), "client_secret", WORKFLOW_SECRET));

        HttpResponse<String> response = http.post("/api/auth/token" + query, "client_id=" + WORKFLOW)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send();

        assertRefused(response, 400, "invalid_request");
    }

    @Test
    void aJsonBodyIsAnUnsupportedMediaTypeNotAnError() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-json");

        HttpResponse<String> response = http.post("/api/auth/token", """
                        {"grant_type":"%s","subject_token":"%s","subject_token_type":"%s"}""".formatted(GRANT, ada.userId(), USER_ID))
                .header("Authorization", basic(WORKFLOW, WORKFLOW_SECRET))
                .send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).doesNotContain("access_token");
        HttpResponse<String> noBody = http.post("/api/auth/token", null)
                .header("Authorization", basic(WORKFLOW, WORKFLOW_SECRET))
                .send();
        assertThat(noBody.statusCode()).as(noBody.body()).isBetween(400, 499);
    }

    // ---- the subject ----------------------------------------------------------------------------------------

    @Test
    void anUnknownOrDeactivatedUserIsAnInvalidGrant() {
        String basic = basic(WORKFLOW, WORKFLOW_SECRET);
        assertRefused(exchange(basic, request(UUID.randomUUID().toString(), USER_ID)), 400, "invalid_grant");

        Session ada = AuthTestSupport.registerNew(http, "exchange-inactive");
        String ownToken = ada.accessToken();
        assertThat(http.post("/api/auth/deactivate", null)
                        .bearer(ada.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);

        assertRefused(exchange(basic, request(ada.userId(), USER_ID)), 400, "invalid_grant");
        // the user's access token is still within its TTL, but the account is not active
        assertRefused(exchange(basic, request(ownToken, ACCESS_TOKEN)), 400, "invalid_grant");
    }

    @Test
    void everyAttemptIsCountedByClientAndOutcomeAndFailuresChangeNothing() {
        Session ada = AuthTestSupport.registerNew(http, "exchange-metrics");
        Integer sessionsBefore = sessions(ada.userId());
        double issued = count(WORKFLOW, "issued");
        double wrongSecret = count(WORKFLOW, "invalid_client");
        double unknownClient = count("unknown", "invalid_client");
        double invalidGrant = count(WORKFLOW, "invalid_grant");

        exchange(basic(WORKFLOW, WORKFLOW_SECRET), request(ada.userId(), USER_ID));
        exchange(basic(WORKFLOW, "wrong"), request(ada.userId(), USER_ID));
        exchange(basic("nobody-" + UUID.randomUUID(), "x"), request(ada.userId(), USER_ID));
        exchange(basic(WORKFLOW, WORKFLOW_SECRET), request(UUID.randomUUID().toString(), USER_ID));

        assertThat(count(WORKFLOW, "issued")).isGreaterThanOrEqualTo(issued + 1);
        assertThat(count(WORKFLOW, "invalid_client")).isGreaterThanOrEqualTo(wrongSecret + 1);
        assertThat(count("unknown", "invalid_client")).isGreaterThanOrEqualTo(unknownClient + 1);
        assertThat(count(WORKFLOW, "invalid_grant")).isGreaterThanOrEqualTo(invalidGrant + 1);
        // no client-chosen string becomes a tag value
        assertThat(meters.find("atom.auth.token.exchanges").counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("client")).isIn(WORKFLOW, AGENT, "unknown"));
        // exchanges open no session and store nothing
        assertThat(sessions(ada.userId())).isEqualTo(sessionsBefore);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The parameters of a user's exchange, without client credentials (mutable: tests add to it). */
    private static Map<String, String> request(String subjectToken, String subjectTokenType) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", subjectTokenType);
        return form;
    }

    /** A copy with the parameter set (null: removed). */
    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> urlencode(e.getKey()) + "=" + urlencode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlencode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 6749 §2.3.1: id and secret form-encoded, then HTTP Basic. */
    private static String basic(String clientId, String secret) {
        return "Basic " + b64(urlencode(clientId) + ":" + urlencode(secret));
    }

    private HttpResponse<String> exchange(String authorization, Map<String, String> form) {
        return exchange(authorization, encode(form));
    }

    private HttpResponse<String> exchange(String authorization, String body) {
        TestHttp.Call call =
                http.post("/api/auth/token", body).header("Content-Type", "application/x-www-form-urlencoded");
        if (authorization != null) {
            call.header("Authorization", authorization);
        }
        return call.send();
    }

    /**
     * An RFC 6749 §5.2 error in a problem document: the status, {@code error} = the OAuth code,
     * {@code error_description} = the detail, the named parameters in {@code errors[]}, and no token.
     */
    private static JsonNode assertRefused(HttpResponse<String> response, int status, String error, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("error").asString()).as(response.body()).isEqualTo(error);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("error_description").asString())
                .isEqualTo(problem.path("detail").asString());
        assertThat(problem.path("instance").asString()).isEqualTo("/api/auth/token");
        assertThat(problem.has("access_token")).isFalse();
        List<String> named = new ArrayList<>();
        problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
        assertThat(named).as(response.body()).containsExactly(fields);
        return problem;
    }

    private double count(String client, String outcome) {
        Counter counter = meters.find("atom.auth.token.exchanges")
                .tags("client", client, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Integer sessions(String userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM refresh_token_family WHERE user_id = ?::uuid", Integer.class, userId);
    }
}
