package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.atom.calendar.CalendarServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CalendarServiceContext
class EventCrudIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private TestHttp http() {
        return TestHttp.localhost(port);
    }

    @Test
    void aWeeklySeriesIsExpandedInItsZoneAcrossTheDstChange() {
        String user = UUID.randomUUID().toString();
        HttpResponse<String> created =
                http().post("/api/calendar/events", """
                        {"title": "Standup", "startTime": "2026-03-16T09:00:00", "endTime": "2026-03-16T09:15:00",
                         "timeZone": "Europe/Berlin", "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"], "color": "blue"}""").as(user).send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> month = http().get("/api/calendar/events?year=2026&month=3&timeZone=Europe/Berlin")
                .as(user)
                .send();
        assertThat(month.statusCode()).as(month.body()).isEqualTo(200);
        JsonNode occurrences = JSON.readTree(month.body());
        // 09:00 in Berlin: 08:00Z before the change on 29 March, 07:00Z after
        assertThat(occurrences)
                .extracting(o -> o.get("startTime").asString())
                .containsExactly("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z");
        assertThat(occurrences.get(0).get("recurringEventId").asString())
                .isEqualTo(JSON.readTree(created.body()).get("id").asString());
    }
}
