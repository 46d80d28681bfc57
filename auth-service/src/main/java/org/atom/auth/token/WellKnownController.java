package org.atom.auth.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.auth.config.AuthProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public key discovery for resource servers: the JWKS and issuer metadata in the OpenID Connect discovery shape
 * (enough for {@code issuer-uri} based configuration; this service is not a full OpenID Provider).
 */
@RestController
class WellKnownController {

    static final String JWKS_PATH = "/.well-known/jwks.json";

    private final SigningKeys keys;
    private final AuthProperties properties;

    WellKnownController(SigningKeys keys, AuthProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @GetMapping(value = JWKS_PATH, produces = "application/json")
    ResponseEntity<Map<String, Object>> jwks() {
        // short cache: a rotated-in key must reach resource servers quickly (they also refetch on an unknown kid)
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publishedKeys().toJSONObject(true));
    }

    @GetMapping(value = "/.well-known/openid-configuration", produces = "application/json")
    ResponseEntity<Map<String, Object>> configuration() {
        String issuer = properties.issuer();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", issuer.replaceAll("/+$", "") + JWKS_PATH);
        metadata.put("response_types_supported", List.of("token"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put(
                "claims_supported",
                List.of(
                        "iss",
                        "aud",
                        "sub",
                        "exp",
                        "iat",
                        "nbf",
                        "jti",
                        "roles",
                        Tokens.SESSION_CLAIM,
                        Tokens.AUTH_TIME_CLAIM));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(metadata);
    }
}
