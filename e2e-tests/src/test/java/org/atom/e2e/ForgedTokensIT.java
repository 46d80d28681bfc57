package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forgeries of a real auth-service token never pass, neither at the gateway nor at a service called directly
 * (auth-service itself here). The claim checks that need a validly signed token (expired, {@code nbf} in the
 * future, wrong {@code iss}/{@code aud}, no {@code exp}, over the size limit) are proven at both layers with a test
 * issuer's keys: GatewayRoutingIT and the starter's JwtResourceServerIT.
 */
@ExtendWith(RunningSuite.class)
class ForgedTokensIT {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static String genuine;

    @BeforeAll
    static void aGenuineToken() {
        genuine = Accounts.register(Accounts.uniqueEmail("forged")).accessToken();
    }

    @Test
    void theGenuineTokenPassesAtTheGatewayAndAtTheService() {
        for (TestHttp server : servers()) {
            assertThat(server.get("/api/auth/profile").bearer(genuine).send().statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void forgeriesAreRejectedAtTheGatewayAndAtTheService() throws Exception {
        String[] parts = genuine.split("\\.");
        SignedJWT parsed = SignedJWT.parse(genuine);
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        String kid = parsed.getHeader().getKeyID();

        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("tampered payload", parts[0] + "." + payloadWithRole(claims, "ADMIN") + "." + parts[2]);
        forgeries.put("tampered signature", parts[0] + "." + parts[1] + "." + flipped(parts[2]));
        forgeries.put(
                "alg none",
                B64.encodeToString(bytes("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}")) + "." + parts[1] + ".");
        forgeries.put("HS256 with the published public key", hs256WithThePublicKey(claims, kid));
        forgeries.put("unknown kid", signedByAStranger(claims, "e2e-unknown-kid"));
        forgeries.put("the real kid, another key", signedByAStranger(claims, kid));
        forgeries.put("two segments", parts[0] + "." + parts[1]);
        forgeries.put("four segments", genuine + ".AAAA");
        forgeries.put("not base64", parts[0] + ".%%%." + parts[2]);

        for (TestHttp server : servers()) {
            forgeries.forEach((name, token) -> assertThat(
                            server.get("/api/auth/profile").bearer(token).send().statusCode())
                    .as(name)
                    .isEqualTo(401));
        }
    }

    private static List<TestHttp> servers() {
        return List.of(RunningSuite.gateway(), RunningSuite.authService());
    }

    private static String payloadWithRole(JWTClaimsSet claims, String role) {
        JWTClaimsSet escalated =
                new JWTClaimsSet.Builder(claims).claim("roles", List.of(role)).build();
        return B64.encodeToString(bytes(escalated.toString()));
    }

    private static String flipped(String signature) {
        char last = signature.charAt(signature.length() - 2);
        return signature.substring(0, signature.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
    }

    private static String hs256WithThePublicKey(JWTClaimsSet claims, String kid) throws ParseException, JOSEException {
        JWKSet published = JWKSet.parse(
                RunningSuite.gateway().get("/.well-known/jwks.json").send().body());
        RSAKey key = (RSAKey) published.getKeyByKeyId(kid);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    private static String signedByAStranger(JWTClaimsSet claims, String kid) throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(stranger));
        return jwt.serialize();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
