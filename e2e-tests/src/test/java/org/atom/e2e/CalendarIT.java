package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.atom.e2e.Accounts.Session;
import org.atom.testkit.AtomSuite;
import org.atom.testkit.NodeSocketIoClient;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** calendar-service through the gateway with real accounts: a recurring event, its month, its push to clients. */
@ExtendWith(RunningSuite.class)
class CalendarIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestHttp gateway = RunningSuite.gateway();

    @Test
    void aRecurringEventIsExpandedInItsMonthAndPushedToTheOwnersClients() {
        Session ada = Accounts.register(Accounts.uniqueEmail("calendar"));
        Session eve = Accounts.register(Accounts.uniqueEmail("calendar-other"));
        String url = "http://127.0.0.1:" + RunningSuite.suite().port(AtomSuite.GATEWAY);
        try (NodeSocketIoClient socket = NodeSocketIoClient.start(NodeSocketIoClient.Options.of(url)
                .withAuth(Map.of("token", ada.accessToken()))
                .websocketOnly())) {
            socket.awaitConnect(WAIT);
            socket.awaitEvent("connected", WAIT);

            HttpResponse<String> created = gateway.post("/api/calendar/events", """
                            {"title": "Review", "start_time": "2026-10-19T16:00:00", "end_time": "2026-10-19T17:00:00",
                             "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO"]}""")
                    .bearer(ada.accessToken())
                    .send();
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json(created).get("id").asString();

            // October 2026 in Berlin: Mondays 19 and 26 (the clocks go back on the 25th), the last day included
            JsonNode october = json(gateway.get("/api/calendar/events?year=2026&month=10&timeZone=Europe/Berlin")
                    .bearer(ada.accessToken())
                    .send());
            assertThat(october)
                    .extracting(o -> o.get("startTime").asString())
                    .containsExactly("2026-10-19T14:00:00Z", "2026-10-26T15:00:00Z");
            assertThat(socket.awaitEvent("calendar:event:created", WAIT)
                            .get(0)
                            .get("id")
                            .asString())
                    .isEqualTo(id);

            assertThat(gateway.get("/api/calendar/events/" + id)
                            .bearer(eve.accessToken())
                            .send()
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
