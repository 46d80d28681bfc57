package org.atom.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.atom.auth.config.AuthProperties;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.atom.platform.security.LocalJwtKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys access tokens are signed with, kept in {@code signing_key} (private halves AES-256-GCM encrypted
 * under {@code atom.auth.key-encryption-key}).
 *
 * <p>Exactly one key signs. It is replaced by a new one when it is older than {@code atom.auth.key-rotation}
 * (checked at start-up and on every refresh) or when an admin asks. A replaced key stays published in the JWKS
 * until every token it signed has expired (access-token TTL — or the longest exchanged-token TTL if that is longer
 * —, plus the refresh interval other instances may still have signed with it, plus the clock skew resource servers
 * allow), then it is deleted.
 *
 * <p>This service verifies its own tokens against these keys directly ({@link LocalJwtKeys}), reloading them
 * from the database when a token names a key it does not know yet (another instance rotated).
 */
@Component
public class SigningKeys implements LocalJwtKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Serialises rotations across instances (pg_advisory_xact_lock key). */
    private static final long ROTATION_LOCK = 0x41544f4d_4b455953L; // "ATOMKEYS"

    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final int RSA_BITS = 2048;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuthProperties properties;
    private final Duration clockSkew;
    private final KeyEncryption encryption;
    private final boolean generatedEncryptionKey;

    private volatile Snapshot snapshot = new Snapshot(null, null, new JWKSet());
    private volatile Instant lastReload = Instant.EPOCH;

    SigningKeys(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            AuthProperties properties,
            AtomSecurityProperties security) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
        this.clockSkew = security.clockSkew();
        if (properties.keyEncryptionKey() != null
                && !properties.keyEncryptionKey().isBlank()) {
            this.encryption = KeyEncryption.fromBase64(properties.keyEncryptionKey());
            this.generatedEncryptionKey = false;
        } else if (properties.allowGeneratedKeyEncryptionKey()) {
            log.warn("No atom.auth.key-encryption-key: using a random one for this run only (development only); "
                    + "signing keys stored by earlier runs cannot be used and are replaced");
            this.encryption = KeyEncryption.random();
            this.generatedEncryptionKey = true;
        } else {
            throw new IllegalStateException("atom.auth.key-encryption-key (ATOM_AUTH_KEY_ENCRYPTION_KEY) is required: "
                    + "base64 of 32 random bytes, e.g. `openssl rand -base64 32`. It encrypts the token signing keys "
                    + "at rest. (Development only: atom.auth.allow-generated-key-encryption-key=true.)");
        }
        start();
    }

    /** The signing key and the published set at one moment. */
    private record Snapshot(RSAKey active, RSASSASigner signer, JWKSet published) {}

    /** One stored key. */
    private record StoredKey(String kid, String publicJwk, byte[] privateKey, Instant createdAt, Instant retiredAt) {}

    @Override
    public String issuer() {
        return properties.issuer();
    }

    @Override
    public JWKSource<SecurityContext> jwkSource() {
        return (selector, context) -> {
            List<JWK> found = selector.select(snapshot.published());
            if (found.isEmpty() && mayReload()) {
                try {
                    reload(); // a key another instance created since our last look
                } catch (RuntimeException e) {
                    log.warn("Could not reload the signing keys for an unknown kid; keeping the current ones", e);
                }
                found = selector.select(snapshot.published());
            }
            return found;
        };
    }

    /** Every key whose tokens may still be valid, public halves only: the JWKS document. */
    public JWKSet publishedKeys() {
        return snapshot.published().toPublicJWKSet();
    }

    /** The id of the key that signs now. */
    public String activeKeyId() {
        return snapshot.active().getKeyID();
    }

    /** Signs claims with the active key (header: RS256, kid, typ JWT). */
    String sign(JWTClaimsSet claims) {
        Snapshot current = snapshot;
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(current.active().getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return jwt.serialize();
    }

    /** Replaces the signing key now (admin); the old one stays published until its tokens have expired. */
    public String rotate() {
        transaction.executeWithoutResult(tx -> {
            lock();
            retireActiveAndCreate();
        });
        reload();
        log.info("Signing key rotated on request; new key {}", activeKeyId());
        return activeKeyId();
    }

    /** Periodic: rotate if the key is due, drop keys whose tokens have all expired, pick up others' changes. */
    public void refresh() {
        try {
            rotateIfDue();
            purge();
            reload();
        } catch (RuntimeException e) {
            log.error("Could not refresh the signing keys; keeping the current ones", e);
        }
    }

    /** Deletes retired keys whose last token has expired; returns how many. */
    int purge() {
        Instant cutoff = clock.instant().minus(retentionAfterRetirement());
        return jdbc.update(
                "DELETE FROM signing_key WHERE retired_at IS NOT NULL AND retired_at < ?", Timestamp.from(cutoff));
    }

    /** How long a retired key stays published: until the longest-lived token it may have signed has expired. */
    Duration retentionAfterRetirement() {
        Duration longestToken = properties.accessTokenTtl().compareTo(Tokens.MAX_EXCHANGED_TOKEN_TTL) >= 0
                ? properties.accessTokenTtl()
                : Tokens.MAX_EXCHANGED_TOKEN_TTL;
        return longestToken.plus(properties.keyRefreshInterval()).plus(clockSkew);
    }

    private void start() {
        rotateIfDue();
        purge();
        reload();
        log.info(
                "Signing key {} active; {} key(s) published",
                activeKeyId(),
                snapshot.published().size());
    }

    private void rotateIfDue() {
        transaction.executeWithoutResult(tx -> {
            lock();
            StoredKey active = activeKey();
            if (active == null) {
                retireActiveAndCreate();
                log.info("No signing key yet: created one");
            } else if (!active.createdAt().plus(properties.keyRotation()).isAfter(clock.instant())) {
                retireActiveAndCreate();
                log.info("Signing key {} is older than {}: rotated", active.kid(), properties.keyRotation());
            } else if (!opens(active)) {
                if (!generatedEncryptionKey) {
                    throw new IllegalStateException("atom.auth.key-encryption-key does not decrypt the stored signing "
                            + "key " + active.kid() + ": is it the key this service's keys were stored with?");
                }
                retireActiveAndCreate();
                log.warn("Signing key {} was stored under another (generated) encryption key: replaced", active.kid());
            }
        });
    }

    private void lock() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, ROTATION_LOCK);
    }

    private void retireActiveAndCreate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.update("UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL", Timestamp.from(now));
        RSAKey key;
        try {
            key = new RSAKeyGenerator(RSA_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
        byte[] privateKey;
        try {
            privateKey = key.toRSAPrivateKey().getEncoded(); // PKCS#8
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        jdbc.update(
                "INSERT INTO signing_key (kid, algorithm, public_jwk, private_key, created_at) VALUES (?, ?, ?, ?, ?)",
                key.getKeyID(),
                JWSAlgorithm.RS256.getName(),
                key.toPublicJWK().toJSONString(),
                encryption.encrypt(privateKey, key.getKeyID()),
                Timestamp.from(now));
    }

    private StoredKey activeKey() {
        return keys().stream().filter(k -> k.retiredAt() == null).findFirst().orElse(null);
    }

    private List<StoredKey> keys() {
        return jdbc.query(
                "SELECT kid, public_jwk, private_key, created_at, retired_at FROM signing_key ORDER BY created_at",
                (rs, i) -> new StoredKey(
                        rs.getString("kid"),
                        rs.getString("public_jwk"),
                        rs.getBytes("private_key"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("retired_at") == null
                                ? null
                                : rs.getTimestamp("retired_at").toInstant()));
    }

    private boolean opens(StoredKey key) {
        try {
            encryption.decrypt(key.privateKey(), key.kid());
            return true;
        } catch (KeyEncryption.DecryptionException e) {
            return false;
        }
    }

    private synchronized void reload() {
        List<StoredKey> stored = keys();
        Instant publishedUntil = clock.instant().minus(retentionAfterRetirement());
        List<JWK> published = new ArrayList<>();
        RSAKey active = null;
        for (StoredKey key : stored) {
            if (key.retiredAt() != null && key.retiredAt().isBefore(publishedUntil)) {
                continue; // its tokens have expired; purge deletes it
            }
            RSAKey publicKey = parse(key.publicJwk());
            published.add(publicKey);
            if (key.retiredAt() == null) {
                active = withPrivateKey(publicKey, encryption.decrypt(key.privateKey(), key.kid()));
            }
        }
        if (active == null) {
            throw new IllegalStateException("no active signing key");
        }
        try {
            snapshot = new Snapshot(active, new RSASSASigner(active), new JWKSet(published));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        lastReload = clock.instant();
    }

    private boolean mayReload() {
        return Duration.between(lastReload, clock.instant()).compareTo(MIN_RELOAD_INTERVAL) >= 0;
    }

    private static RSAKey parse(String jwk) {
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("stored public key is not an RSA JWK", e);
        }
    }

    private static RSAKey withPrivateKey(RSAKey publicKey, byte[] pkcs8) {
        try {
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored private key is not a PKCS#8 RSA key", e);
        }
    }
}
