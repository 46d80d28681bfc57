package org.atom.auth.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The allow-list of internal clients ({@code atom.auth.internal-clients}) and their authentication. Only the
 * SHA-256 of each secret is configured; a fast hash is enough because the secrets are high-entropy random strings
 * (at least 128 bits), not passwords anyone could guess from a dictionary.
 */
@Component
class InternalClients {

    private static final Logger log = LoggerFactory.getLogger(InternalClients.class);

    private final Map<String, byte[]> digests = new LinkedHashMap<>();

    InternalClients(TokenExchangeProperties properties) {
        properties.internalClients().forEach(client -> digests.put(client.id(), client.secretDigest()));
        log.info("Token exchange allowed for {} internal client(s): {}", digests.size(), digests.keySet());
    }

    /** The outcome of presenting credentials. */
    enum Verdict {
        AUTHENTICATED,
        UNKNOWN_CLIENT,
        WRONG_SECRET
    }

    /** Checks the secret against the client's configured digest, in constant time. */
    Verdict authenticate(String clientId, String secret) {
        byte[] presented = sha256(secret == null ? "" : secret);
        byte[] expected = clientId == null ? null : digests.get(clientId);
        if (expected == null) {
            // compare anyway, so an unknown id takes as long as a wrong secret
            MessageDigest.isEqual(presented, new byte[presented.length]);
            return Verdict.UNKNOWN_CLIENT;
        }
        return MessageDigest.isEqual(presented, expected) ? Verdict.AUTHENTICATED : Verdict.WRONG_SECRET;
    }

    /** The configured client of this id, for naming it in metrics (never an arbitrary caller-chosen string). */
    Optional<String> known(String clientId) {
        return clientId != null && digests.containsKey(clientId) ? Optional.of(clientId) : Optional.empty();
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
