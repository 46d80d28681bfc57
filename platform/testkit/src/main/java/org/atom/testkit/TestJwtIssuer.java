package org.atom.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for auth-service in tests: an RS256 key whose JWKS and issuer metadata are served over HTTP on a
 * free loopback port, and a builder for access tokens with the claims auth-service issues.
 */
public final class TestJwtIssuer {

    public static final String AUDIENCE = "atom-api";
    private static TestJwtIssuer instance;

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestJwtIssuer() {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID("test-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String metadata = "{\"issuer\":\"%s\",\"jwks_uri\":\"%s\"}".formatted(issuer, jwksUri());
        server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, jwks));
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, metadata));
        server.start();
    }

    /** The shared issuer of this JVM, started on first call. */
    public static synchronized TestJwtIssuer get() {
        if (instance == null) {
            instance = new TestJwtIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.server.stop(0), "test-jwks-stop"));
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    /** A valid access token for the user, with role USER unless roles are given. */
    public String token(String userId, String... roles) {
        return forUser(userId)
                .roles(roles.length == 0 ? List.of("USER") : List.of(roles))
                .sign();
    }

    /** A builder preset with valid claims for the user, to vary in tests. */
    public Builder forUser(String userId) {
        return new Builder(userId);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Claims of one token; {@link #sign()} signs them with the issuer's key. */
    public final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private Builder(String userId) {
            Instant now = Instant.now();
            claims.put("iss", issuer);
            claims.put("aud", List.of(AUDIENCE));
            claims.put("sub", userId);
            claims.put("iat", Date.from(now));
            claims.put("nbf", Date.from(now.minusSeconds(1)));
            claims.put("exp", Date.from(now.plus(Duration.ofMinutes(15))));
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("roles", List.of("USER"));
        }

        public Builder roles(List<String> roles) {
            return claim("roles", roles);
        }

        public Builder expiresAt(Instant exp) {
            return claim("exp", Date.from(exp));
        }

        /** Issued (and valid from) then: with {@link #expiresAt} in the past, a token that has expired. */
        public Builder issuedAt(Instant iat) {
            claim("nbf", Date.from(iat));
            return claim("iat", Date.from(iat));
        }

        public Builder notBefore(Instant nbf) {
            return claim("nbf", Date.from(nbf));
        }

        public Builder audience(String... audience) {
            return claim("aud", List.of(audience));
        }

        public Builder issuer(String iss) {
            return claim("iss", iss);
        }

        /** Sets a claim; a null value removes it. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Builder without(String name) {
            return claim(name, null);
        }

        public String sign() {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach(set::claim);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    set.build());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        /** Signed by a key the issuer never published, under a {@code kid} nobody knows: must be rejected. */
        public String signedWithUnknownKey() {
            try {
                RSAKey stranger = new RSAKeyGenerator(2048)
                        .keyID("unknown-" + UUID.randomUUID())
                        .generate();
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(stranger.getKeyID())
                                .build(),
                        claims());
                jwt.sign(new RSASSASigner(stranger));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * HS256 "signed" with the issuer's public key as the HMAC secret under the real {@code kid} — the classic
         * algorithm-confusion attack: must be rejected.
         */
        public String signedHs256WithThePublicKey() {
            try {
                byte[] secret = key.toRSAPublicKey().getEncoded();
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .keyID(key.getKeyID())
                                .build(),
                        claims());
                jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWTClaimsSet claims() {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach(set::claim);
            return set.build();
        }

        /** The same claims with {@code "alg": "none"} and no signature: must always be rejected. */
        public String unsigned() {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach(set::claim);
            String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(set.build().toString().getBytes(StandardCharsets.UTF_8));
            return header + "." + payload + ".";
        }
    }
}
