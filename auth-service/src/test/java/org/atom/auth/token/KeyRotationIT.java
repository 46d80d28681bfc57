package org.atom.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.atom.auth.AuthTestSupport.json;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.AuthTestSupport.Session;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@AuthServiceContext
class KeyRotationIT {

    /** The key AuthServiceContext configures (atom.auth.key-encryption-key). */
    private static final KeyEncryption TEST_KEK =
            KeyEncryption.fromBase64("dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=");

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

    private List<String> publishedKids() {
        List<String> kids = new ArrayList<>();
        json(http.get("/.well-known/jwks.json").send())
                .path("keys")
                .forEach(k -> kids.add(k.path("kid").asString()));
        return kids;
    }

    @Test
    void tokensOfTheRetiredKeyStayValidAndItStaysPublishedUntilTheyExpire() throws Exception {
        Session admin = AuthTestSupport.registerAdmin(http, jdbc);
        Session ada = AuthTestSupport.registerNew(http, "rotation");
        String oldKid = SignedJWT.parse(ada.accessToken()).getHeader().getKeyID();

        HttpResponse<String> rotated = http.post("/api/auth/admin/keys/rotate", null)
                .bearer(admin.accessToken())
                .send();

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = json(rotated).path("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(keys.activeKeyId());
        assertThat(publishedKids()).contains(oldKid, newKid);
        // a token signed by the previous key still works until it expires
        assertThat(http.get("/api/auth/profile")
                        .bearer(ada.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);
        // new tokens come from the new key
        Session again = AuthTestSupport.loginOk(http, ada.email(), AuthTestSupport.PASSWORD);
        assertThat(SignedJWT.parse(again.accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(http.get("/api/auth/profile")
                        .bearer(again.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(200);

        // once every token of the old key has expired it is unpublished and deleted
        jdbc.update(
                "UPDATE signing_key SET retired_at = retired_at - ?::interval WHERE kid = ?",
                keys.retentionAfterRetirement().toSeconds() + 1 + " seconds",
                oldKid);
        keys.refresh();
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE kid = ?", Integer.class, oldKid))
                .isZero();
        assertThat(http.get("/api/auth/profile")
                        .bearer(ada.accessToken())
                        .send()
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void privateKeysAreStoredEncryptedAndOnlyPublicHalvesPublished() throws Exception {
        Map<String, Object> row =
                jdbc.queryForMap("SELECT kid, public_jwk, private_key FROM signing_key WHERE retired_at IS NULL");
        String kid = (String) row.get("kid");
        byte[] sealed = (byte[]) row.get("private_key");

        byte[] pkcs8 = TEST_KEK.decrypt(sealed, kid);
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(pkcs8, 0, 32, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TEST_KEK.decrypt(sealed, "another-kid"))
                .isInstanceOf(KeyEncryption.DecryptionException.class);
        RSAKey published = RSAKey.parse((String) row.get("public_jwk"));
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.getKeyID()).isEqualTo(kid);
    }
}
