package org.atom.auth.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.atom.auth.account.AccountDirectory;
import org.atom.auth.token.Tokens;
import org.atom.platform.jwt.AtomSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

/**
 * Token exchange (RFC 8693) for background work: an allow-listed internal client authenticates with its own
 * credentials, names a user (by id, or by one of the user's valid access tokens) and gets a short-lived access
 * token with {@code sub} = the user and {@code act} = the client. Checks run in this order: parameters sent once
 * and in the body, client authentication, grant type, the other parameters, then the subject — so nobody learns
 * anything about users without valid client credentials.
 */
@Service
class TokenExchangeService {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** ATOM's token type for "the subject is this user id" (RFC 8693 §3 lets servers define their own URIs). */
    static final String USER_ID_TOKEN_TYPE = "urn:atom:params:oauth:token-type:user-id";

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    /** {@code client} tag of attempts without a configured client id (the tag never takes a caller's string). */
    static final String UNKNOWN_CLIENT = "unknown";

    static final String METRIC = "atom.auth.token.exchanges";
    static final String ISSUED = "issued";

    /** RFC 6749 §3.2: these must not be repeated. ({@code audience} and {@code resource} may be, RFC 8693 §2.1.) */
    private static final List<String> SINGLE_VALUED = List.of(
            "grant_type",
            "client_id",
            "client_secret",
            "subject_token",
            "subject_token_type",
            "requested_token_type",
            "scope",
            "actor_token",
            "actor_token_type");

    private static final Logger log = LoggerFactory.getLogger(TokenExchangeService.class);

    private final InternalClients clients;
    private final AccountDirectory directory;
    private final Tokens tokens;
    private final TokenExchangeProperties properties;
    private final String audience;
    /** A subject access token longer than any resource server accepts is not parsed ({@code max-token-length}). */
    private final int maxSubjectTokenLength;

    private final MeterRegistry meters;

    TokenExchangeService(
            InternalClients clients,
            AccountDirectory directory,
            Tokens tokens,
            TokenExchangeProperties properties,
            AtomSecurityProperties security,
            MeterRegistry meters) {
        this.clients = clients;
        this.directory = directory;
        this.tokens = tokens;
        this.properties = properties;
        this.audience = security.audience();
        this.maxSubjectTokenLength = security.maxTokenLength();
        this.meters = meters;
    }

    /**
     * One token request as received.
     *
     * @param authorization the {@code Authorization} header, if any
     * @param form the form parameters
     * @param parametersInQuery whether the URL carried a query string (RFC 6749 §2.3.1, §3.2: parameters belong in
     *     the body; a secret in the URL ends up in access logs)
     */
    record TokenRequest(String authorization, MultiValueMap<String, String> form, boolean parametersInQuery) {}

    /** Issues the token, or throws {@link TokenExchangeRefused}; every attempt is logged and counted. */
    Tokens.AccessToken exchange(TokenRequest request) {
        String client = UNKNOWN_CLIENT;
        UUID user = null;
        try {
            checkShape(request);
            Credentials credentials = credentials(request.authorization(), request.form());
            // a configured id names the attempt even if its secret is wrong; any other id is just "unknown"
            client = clients.known(credentials.id()).orElse(UNKNOWN_CLIENT);
            authenticate(credentials, client);
            checkParameters(request.form());
            user = subject(request.form());
            AccountDirectory.ActiveAccount account = directory
                    .activeAccount(user)
                    .orElseThrow(() -> TokenExchangeRefused.invalidGrant("The user does not exist or is deactivated"));
            Tokens.AccessToken token = tokens.issueExchanged(account, client, properties.exchangedTokenTtl());
            count(client, ISSUED);
            log.info("Token exchange: client {} got a token for user {}, valid {}s", client, user, token.expiresIn());
            return token;
        } catch (TokenExchangeRefused refused) {
            count(client, refused.error());
            log.info(
                    "Token exchange refused ({}): client {}, user {}: {}",
                    refused.error(),
                    client,
                    user == null ? "-" : user,
                    refused.getMessage());
            throw refused;
        }
    }

    private static void checkShape(TokenRequest request) {
        if (request.parametersInQuery()) {
            throw TokenExchangeRefused.invalidRequest(
                    "Send the parameters in the form-encoded body, not in the URL (RFC 6749 §3.2)");
        }
        for (String name : SINGLE_VALUED) {
            List<String> values = request.form().get(name);
            if (values != null && values.size() > 1) {
                throw TokenExchangeRefused.badParameter(
                        TokenExchangeRefused.INVALID_REQUEST, name, "must be sent at most once");
            }
        }
    }

    /** Presented client credentials (not yet checked). */
    private record Credentials(String id, String secret) {}

    /** The credentials from HTTP Basic or the body: exactly one of the two ways. */
    private static Credentials credentials(String authorization, MultiValueMap<String, String> form) {
        String formId = value(form, "client_id");
        String formSecret = value(form, "client_secret");
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw TokenExchangeRefused.invalidClient(
                        "Authenticate the client with HTTP Basic or client_id and client_secret in the body");
            }
            if (formId != null || formSecret != null) {
                throw TokenExchangeRefused.invalidRequest("Authenticate the client one way only: HTTP Basic or "
                        + "client_id and client_secret in the body, not both (RFC 6749 §2.3)");
            }
            return basic(authorization.substring(6).strip());
        }
        if (formId != null && formSecret != null) {
            return new Credentials(formId, formSecret);
        }
        if (formId != null || formSecret != null) {
            throw TokenExchangeRefused.invalidClient("Both client_id and client_secret are required");
        }
        throw TokenExchangeRefused.invalidClient(
                "Client authentication is required: HTTP Basic, or client_id and client_secret in the body");
    }

    /** One answer for an unknown client and a wrong secret. */
    private void authenticate(Credentials credentials, String client) {
        InternalClients.Verdict verdict = clients.authenticate(credentials.id(), credentials.secret());
        if (verdict == InternalClients.Verdict.AUTHENTICATED) {
            return;
        }
        if (verdict == InternalClients.Verdict.WRONG_SECRET) {
            log.warn("Token exchange: wrong secret presented for client {}", client);
        }
        throw TokenExchangeRefused.invalidClient("Client authentication failed");
    }

    /**
     * RFC 6749 §2.3.1: {@code base64(urlencode(client_id) ":" urlencode(client_secret))}. Anything malformed is
     * a failed client authentication.
     */
    private static Credentials basic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw TokenExchangeRefused.invalidClient("Malformed HTTP Basic credentials");
            }
            return new Credentials(
                    URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64OrNotFormEncoded) {
            throw TokenExchangeRefused.invalidClient("Malformed HTTP Basic credentials");
        }
    }

    private void checkParameters(MultiValueMap<String, String> form) {
        String grantType = value(form, "grant_type");
        if (grantType == null) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_REQUEST, "grant_type", "is required (" + GRANT_TYPE + ")");
        }
        if (!GRANT_TYPE.equals(grantType)) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.UNSUPPORTED_GRANT_TYPE, "grant_type", "must be " + GRANT_TYPE);
        }
        if (value(form, "subject_token") == null) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_REQUEST, "subject_token", "is required");
        }
        String subjectType = value(form, "subject_token_type");
        if (subjectType == null) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_REQUEST, "subject_token_type", "is required");
        }
        if (!USER_ID_TOKEN_TYPE.equals(subjectType) && !ACCESS_TOKEN_TYPE.equals(subjectType)) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_REQUEST,
                    "subject_token_type",
                    "must be " + USER_ID_TOKEN_TYPE + " or " + ACCESS_TOKEN_TYPE);
        }
        String requested = value(form, "requested_token_type");
        if (requested != null && !ACCESS_TOKEN_TYPE.equals(requested)) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_REQUEST, "requested_token_type", "must be " + ACCESS_TOKEN_TYPE);
        }
        for (String wanted : values(form, "audience")) {
            if (!audience.equals(wanted)) {
                throw TokenExchangeRefused.badParameter(
                        TokenExchangeRefused.INVALID_TARGET, "audience", "must be " + audience);
            }
        }
        // recognised but not offered: refused rather than silently ignored (unknown parameters are ignored, §3.2)
        if (!values(form, "resource").isEmpty()) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_TARGET, "resource", "is not supported; use audience");
        }
        if (value(form, "scope") != null) {
            throw TokenExchangeRefused.badParameter(
                    TokenExchangeRefused.INVALID_SCOPE,
                    "scope",
                    "is not supported: exchanged tokens always carry the USER role only");
        }
        for (String actor : List.of("actor_token", "actor_token_type")) {
            if (value(form, actor) != null) {
                throw TokenExchangeRefused.badParameter(
                        TokenExchangeRefused.INVALID_REQUEST,
                        actor,
                        "is not supported: the authenticated client is the actor");
            }
        }
    }

    /** The user the token is for; the parameters were checked by {@link #checkParameters}. */
    private UUID subject(MultiValueMap<String, String> form) {
        String token = value(form, "subject_token");
        if (USER_ID_TOKEN_TYPE.equals(value(form, "subject_token_type"))) {
            return userId(token)
                    .orElseThrow(() -> TokenExchangeRefused.badParameter(
                            TokenExchangeRefused.INVALID_REQUEST, "subject_token", "must be a user id (a UUID)"));
        }
        if (token.length() > maxSubjectTokenLength) {
            throw TokenExchangeRefused.invalidGrant("The subject_token is not a valid access token of this service");
        }
        return tokens.subjectOf(token)
                .orElseThrow(() -> TokenExchangeRefused.invalidGrant(
                        "The subject_token is not a valid access token of this service"));
    }

    /** A UUID in its canonical 36-character form only ({@link UUID#fromString} also takes {@code 1-2-3-4-5}). */
    private static Optional<UUID> userId(String value) {
        if (value.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    /** The single value of a parameter, stripped; blank counts as absent. */
    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Every non-blank value of a parameter that may be repeated. */
    private static List<String> values(MultiValueMap<String, String> form, String name) {
        return form.getOrDefault(name, List.of()).stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::strip)
                .toList();
    }

    private void count(String client, String outcome) {
        Counter.builder(METRIC)
                .description("Token exchange attempts by internal client and outcome (issued or the OAuth error)")
                .tags("client", client, "outcome", outcome)
                .register(meters)
                .increment();
    }
}
