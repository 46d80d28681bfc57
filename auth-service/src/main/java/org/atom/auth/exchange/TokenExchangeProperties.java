package org.atom.auth.exchange;

import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.atom.auth.token.Tokens;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token exchange settings, under {@code atom.auth.*} next to {@code AuthProperties} (kept here, with the feature
 * that uses them). Checked at start-up: a bad entry stops the service rather than locking a client out later.
 *
 * @param internalClients the clients allowed to exchange tokens; none by default (then every exchange is refused)
 * @param exchangedTokenTtl lifetime of an exchanged token: at least 1s, at most 5 minutes
 */
@ConfigurationProperties("atom.auth")
record TokenExchangeProperties(
        List<InternalClient> internalClients,
        @DefaultValue("5m") Duration exchangedTokenTtl) {

    /** Client ids show up in tokens, logs and metric tags: plain names only (e.g. {@code workflow-service}). */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    TokenExchangeProperties {
        internalClients = internalClients == null ? List.of() : List.copyOf(internalClients);
        if (exchangedTokenTtl.toSeconds() < 1 || exchangedTokenTtl.compareTo(Tokens.MAX_EXCHANGED_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException(
                    "atom.auth.exchanged-token-ttl must be between 1s and 5m, was " + exchangedTokenTtl);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < internalClients.size(); i++) {
            InternalClient client = internalClients.get(i);
            String at = "atom.auth.internal-clients[" + i + "]";
            if (client == null || client.id() == null || client.id().isBlank()) {
                throw new IllegalArgumentException(at + ".id is required");
            }
            if (!CLIENT_ID.matcher(client.id()).matches()) {
                throw new IllegalArgumentException(at + ".id must be 1 to 64 letters, digits, '.', '_' or '-' "
                        + "(starting with a letter or digit)");
            }
            if (!ids.add(client.id())) {
                throw new IllegalArgumentException(at + ".id '" + client.id() + "' is listed twice");
            }
            if (client.secretSha256() == null
                    || !SHA256_HEX.matcher(client.secretSha256()).matches()) {
                // never echo the value: a plaintext secret pasted here by mistake must not reach the log
                throw new IllegalArgumentException(at + ".secret-sha256 (client '" + client.id()
                        + "') must be the SHA-256 of the client's secret as 64 hex digits, e.g. the output of "
                        + "printf %s \"$secret\" | sha256sum");
            }
        }
    }

    /**
     * One allow-listed internal client.
     *
     * @param id its {@code client_id}; becomes {@code act.sub} and {@code client_id} of the tokens it gets
     * @param secretSha256 hex SHA-256 of its secret (UTF-8); the secret itself is only known to the client
     */
    record InternalClient(String id, String secretSha256) {

        InternalClient {
            id = id == null ? null : id.strip();
            secretSha256 = secretSha256 == null ? null : secretSha256.strip();
        }

        /** The 32 digest bytes (call only after validation). */
        byte[] secretDigest() {
            return HexFormat.of().parseHex(secretSha256.toLowerCase(Locale.ROOT));
        }
    }
}
