package org.atom.auth.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.atom.auth.exchange.InternalClients.Verdict;
import org.junit.jupiter.api.Test;

class InternalClientsTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final InternalClients clients = new InternalClients(new TokenExchangeProperties(
            List.of(new TokenExchangeProperties.InternalClient(
                    "workflow-service", HexFormat.of().formatHex(InternalClients.sha256(SECRET)))),
            Duration.ofMinutes(5)));

    @Test
    void onlyTheRightSecretOfAListedClientAuthenticates() {
        assertThat(clients.authenticate("workflow-service", SECRET)).isEqualTo(Verdict.AUTHENTICATED);
        assertThat(clients.authenticate("workflow-service", SECRET + " ")).isEqualTo(Verdict.WRONG_SECRET);
        assertThat(clients.authenticate("workflow-service", "")).isEqualTo(Verdict.WRONG_SECRET);
        assertThat(clients.authenticate("workflow-service", null)).isEqualTo(Verdict.WRONG_SECRET);
        assertThat(clients.authenticate("Workflow-Service", SECRET)).isEqualTo(Verdict.UNKNOWN_CLIENT);
        assertThat(clients.authenticate("agent-service", SECRET)).isEqualTo(Verdict.UNKNOWN_CLIENT);
        assertThat(clients.authenticate(null, SECRET)).isEqualTo(Verdict.UNKNOWN_CLIENT);
    }

    @Test
    void onlyListedIdsAreKnown() {
        assertThat(clients.known("workflow-service")).hasValue("workflow-service");
        assertThat(clients.known("anything-a-caller-sends")).isEmpty();
        assertThat(clients.known(null)).isEmpty();
    }
}
