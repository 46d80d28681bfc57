package org.atom.auth.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TokenExchangePropertiesTest {

    static final String HASH = "2a667b890b05a8dbde45ec7a563e5b97d92961c43a9c75a7db97dd2ebfbf4afb";

    private static TokenExchangeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("atom.auth", Bindable.of(TokenExchangeProperties.class));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void assertRefused(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> bind(properties))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(rootCause(e))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(message));
    }

    @Test
    void byDefaultNoClientIsAllowedAndTokensLiveFiveMinutes() {
        TokenExchangeProperties properties = bind(Map.of());

        assertThat(properties.internalClients()).isEmpty();
        assertThat(properties.exchangedTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void clientsBindFromPropertiesAndFromTheDocumentedEnvironmentVariables() {
        TokenExchangeProperties fromProperties = bind(Map.of(
                "atom.auth.internal-clients[0].id", "workflow-service",
                "atom.auth.internal-clients[0].secret-sha256", HASH.toUpperCase(),
                "atom.auth.exchanged-token-ttl", "2m"));
        assertThat(fromProperties.internalClients())
                .containsExactly(new TokenExchangeProperties.InternalClient("workflow-service", HASH.toUpperCase()));
        assertThat(fromProperties.exchangedTokenTtl()).isEqualTo(Duration.ofMinutes(2));

        Map<String, Object> env = new HashMap<>();
        env.put("ATOM_AUTH_INTERNAL_CLIENTS_0_ID", "workflow-service");
        env.put("ATOM_AUTH_INTERNAL_CLIENTS_0_SECRET_SHA256", HASH);
        env.put("ATOM_AUTH_INTERNAL_CLIENTS_1_ID", "agent-service");
        env.put("ATOM_AUTH_INTERNAL_CLIENTS_1_SECRET_SHA256", HASH);
        env.put("ATOM_AUTH_EXCHANGED_TOKEN_TTL", "90s");
        Binder binder = new Binder(ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
        TokenExchangeProperties fromEnvironment =
                binder.bindOrCreate("atom.auth", Bindable.of(TokenExchangeProperties.class));
        assertThat(fromEnvironment.internalClients())
                .extracting(TokenExchangeProperties.InternalClient::id)
                .containsExactly("workflow-service", "agent-service");
        assertThat(fromEnvironment.exchangedTokenTtl()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badClientEntriesStopTheStart() {
        assertRefused(
                Map.of("atom.auth.internal-clients[0].secret-sha256", HASH), "internal-clients[0].id is required");
        assertRefused(
                Map.of("atom.auth.internal-clients[0].id", " ", "atom.auth.internal-clients[0].secret-sha256", HASH),
                "internal-clients[0].id is required");
        assertRefused(
                Map.of(
                        "atom.auth.internal-clients[0].id",
                        "workflow service",
                        "atom.auth.internal-clients[0].secret-sha256",
                        HASH),
                "letters, digits");
        assertRefused(
                Map.of(
                        "atom.auth.internal-clients[0].id",
                        "workflow-service",
                        "atom.auth.internal-clients[0].secret-sha256",
                        HASH,
                        "atom.auth.internal-clients[1].id",
                        "workflow-service",
                        "atom.auth.internal-clients[1].secret-sha256",
                        HASH),
                "listed twice");
        assertRefused(Map.of("atom.auth.internal-clients[0].id", "workflow-service"), "secret-sha256");
        assertRefused(
                Map.of(
                        "atom.auth.internal-clients[0].id",
                        "workflow-service",
                        "atom.auth.internal-clients[0].secret-sha256",
                        HASH.substring(1)),
                "64 hex digits");
        assertRefused(
                Map.of(
                        "atom.auth.internal-clients[0].id",
                        "workflow-service",
                        "atom.auth.internal-clients[0].secret-sha256",
                        "z" + HASH.substring(1)),
                "64 hex digits");
    }

    @Test
    void aMisplacedPlaintextSecretIsNotEchoedInTheError() {
        String plaintext = "my-plaintext-secret-by-mistake";
        assertThatThrownBy(() -> bind(Map.of(
                        "atom.auth.internal-clients[0].id",
                        "workflow-service",
                        "atom.auth.internal-clients[0].secret-sha256",
                        plaintext)))
                .satisfies(e -> assertThat(rootCause(e).getMessage()).doesNotContain(plaintext));
    }

    @Test
    void exchangedTokensLiveAtMostFiveMinutes() {
        assertRefused(Map.of("atom.auth.exchanged-token-ttl", "6m"), "exchanged-token-ttl");
        assertRefused(Map.of("atom.auth.exchanged-token-ttl", "0s"), "exchanged-token-ttl");
        assertRefused(Map.of("atom.auth.exchanged-token-ttl", "-1m"), "exchanged-token-ttl");
        assertRefused(Map.of("atom.auth.exchanged-token-ttl", "500ms"), "exchanged-token-ttl");
        assertThat(bind(Map.of("atom.auth.exchanged-token-ttl", "5m")).exchangedTokenTtl())
                .isEqualTo(Duration.ofMinutes(5));
    }
}
