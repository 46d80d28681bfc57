package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atom.calendar.event.* events on calendar-service.calendar-event.v1, as calendar-service publishes them. */
class CalendarEventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERIES_ID = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
    private static final String INSTANCE_ID = SERIES_ID + "_20260323T080000Z";
    private static final List<String> EVENT_TYPES =
            List.of("atom.calendar.event.created.v1", "atom.calendar.event.updated.v1");
    private static final String DELETED = "atom.calendar.event.deleted.v1";

    private final EventContracts contracts = new EventContracts();

    @ParameterizedTest
    @ValueSource(strings = {"atom.calendar.event.created.v1", "atom.calendar.event.updated.v1"})
    void aCompleteTimedSeriesPasses(String type) {
        ObjectNode event = timedEvent(type);
        ObjectNode data = event.withObject("data")
                .put("description", "Daily sync.\nBring blockers.")
                .put("location", "Room 4.12")
                .put("color", "#FF8800")
                .put("status", "tentative")
                .put("eventType", "focusTime")
                .put("transparency", "transparent");
        data.putArray("recurrence")
                .add("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T225959Z")
                .add("EXDATE;TZID=Europe/Berlin:20260330T090000");
        data.withArray("attendees")
                .addObject()
                .put("email", "ada@example.com")
                .put("name", "Ada Lovelace")
                .put("optional", false)
                .put("responseStatus", "accepted");
        data.withArray("attendees")
                .addObject()
                .put("email", "grace@example.org")
                .putNull("name")
                .put("optional", true)
                .put("responseStatus", "needsAction");
        data.putObject("reminders")
                .put("useDefault", false)
                .putArray("overrides")
                .add(JSON.createObjectNode().put("method", "popup").put("minutes", 10))
                .add(JSON.createObjectNode().put("method", "email").put("minutes", 40320));

        assertThat(contracts.hasSchema(type)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"atom.calendar.event.created.v1", "atom.calendar.event.updated.v1"})
    void anAllDayEventPasses(String type) {
        assertThat(contracts.violations(allDayEvent(type).toString())).isEmpty();
    }

    @Test
    void anOccurrenceOfATimedSeriesPassesWithItsInstanceId() {
        ObjectNode event = TestEnvelopes.envelope("atom.calendar.event.updated.v1", "/calendar-service", INSTANCE_ID);
        ObjectNode data = timedEvent("atom.calendar.event.updated.v1").withObject("data");
        data.put("id", INSTANCE_ID)
                .putNull("recurrence")
                .put("recurringEventId", SERIES_ID)
                .put("originalStartTime", "2026-03-23T08:00:00Z")
                .put("startTime", "2026-03-23T09:30:00Z")
                .put("endTime", "2026-03-23T10:00:00Z");
        event.set("data", data);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void anOccurrenceOfAnAllDaySeriesPassesWithADateInstanceId() {
        ObjectNode event = allDayEvent("atom.calendar.event.updated.v1");
        event.put("subject", SERIES_ID + "_20280229");
        event.withObject("data")
                .put("id", SERIES_ID + "_20280229")
                .putNull("recurrence")
                .put("recurringEventId", SERIES_ID)
                .put("originalStartTime", "2028-02-29")
                .put("startDate", "2028-02-29")
                .put("endDate", "2028-03-01");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theNullableMembersMayBeNullOrAbsent() {
        ObjectNode event = timedEvent("atom.calendar.event.created.v1");
        event.withObject("data")
                .putNull("description")
                .putNull("location")
                .putNull("color")
                .putNull("startDate")
                .putNull("endDate")
                .putNull("recurringEventId")
                .putNull("originalStartTime");
        assertThat(contracts.violations(event.toString())).isEmpty();

        ObjectNode allDay = allDayEvent("atom.calendar.event.created.v1");
        allDay.withObject("data")
                .remove(List.of("startTime", "endTime", "timeZone", "recurringEventId", "originalStartTime"));
        assertThat(contracts.violations(allDay.toString())).isEmpty();
    }

    @ParameterizedTest(name = "color = {0}")
    @ValueSource(strings = {"blue", "green", "red", "purple", "orange", "yellow", "pink", "teal", "gray", "brown"})
    void everyColourNameIsAccepted(String color) {
        ObjectNode event = timedEvent("atom.calendar.event.updated.v1");
        event.withObject("data").put("color", color);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAllowedForAdditiveEvolution() {
        ObjectNode event = timedEvent("atom.calendar.event.updated.v1");
        event.withObject("data")
                .put("conferenceUrl", "https://meet.example/abc")
                .put("hangoutLink", "https://meet.example/abc");
        event.withObject("data").withObject("reminders").put("snoozed", true);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void anEventWithoutTransparencyPassesAsPublishedBeforeTheFieldExisted() {
        ObjectNode event = timedEvent("atom.calendar.event.updated.v1");
        event.withObject("data").remove("transparency");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "transparency = {0} passes")
    @ValueSource(strings = {"opaque", "transparent"})
    void bothTransparenciesPassForATimedAndAnAllDayEvent(String transparency) {
        for (ObjectNode event :
                List.of(timedEvent("atom.calendar.event.created.v1"), allDayEvent("atom.calendar.event.updated.v1"))) {
            event.withObject("data").put("transparency", transparency);

            assertThat(contracts.violations(event.toString())).isEmpty();
        }
    }

    @Test
    void anOutOfOfficeEventIsAlwaysOpaque() {
        ObjectNode event = allDayEvent("atom.calendar.event.created.v1");
        event.withObject("data").put("eventType", "outOfOffice").put("transparency", "opaque");
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.withObject("data").put("transparency", "transparent");
        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.transparency"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id",
                "iCalUID",
                "title",
                "status",
                "eventType",
                "allDay",
                "attendees",
                "reminders",
                "version",
                "createdAt",
                "updatedAt"
            })
    void eachMissingRequiredMemberIsReportedByName(String member) {
        for (String type : EVENT_TYPES) {
            ObjectNode event = timedEvent(type);
            event.withObject("data").remove(member);

            assertThat(contracts.violations(event.toString()))
                    .as(type)
                    .isNotEmpty()
                    .anySatisfy(v -> assertThat(v).startsWith("$.data: ").contains("'" + member + "'"));
        }
    }

    @ParameterizedTest(name = "a timed event without {0} is reported")
    @ValueSource(strings = {"startTime", "endTime", "timeZone", "recurrence"})
    void aTimedEventCarriesItsInstantsZoneAndRecurrence(String member) {
        ObjectNode event = timedEvent("atom.calendar.event.created.v1");
        event.withObject("data").remove(member);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'" + member + "'");
    }

    @ParameterizedTest(name = "an all-day event without {0} is reported")
    @ValueSource(strings = {"startDate", "endDate"})
    void anAllDayEventCarriesItsDates(String member) {
        ObjectNode event = allDayEvent("atom.calendar.event.created.v1");
        event.withObject("data").remove(member);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'" + member + "'");
    }

    @Test
    void anOccurrenceCarriesItsOriginalStart() {
        ObjectNode event = timedEvent("atom.calendar.event.updated.v1");
        event.withObject("data").put("id", INSTANCE_ID).putNull("recurrence").put("recurringEventId", SERIES_ID);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data: ")
                .contains("'originalStartTime'");
    }

    @ParameterizedTest(name = "{0} = {1} is reported at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // what an event is: a series or single event has a UUID, an occurrence an instance id
                "id                | \"not-an-id\"                                        | $.data.id",
                "id                | \"" + INSTANCE_ID + "\"                              | $.data.id",
                "id                | \"" + SERIES_ID + "_2026-03-23\"                     | $.data.id",
                "id                | null                                                 | $.data.id",
                "iCalUID           | \"\"                                                 | $.data.iCalUID",
                "title             | \"\"                                                 | $.data.title",
                "title             | 42                                                   | $.data.title",
                "description       | false                                                | $.data.description",
                "location          | []                                                   | $.data.location",
                "color             | \"#ff8800\"                                          | $.data.color",
                "color             | \"#FF88\"                                            | $.data.color",
                "color             | \"magenta\"                                          | $.data.color",
                "status            | \"CONFIRMED\"                                        | $.data.status",
                "status            | \"busy\"                                             | $.data.status",
                "eventType         | \"outofoffice\"                                      | $.data.eventType",
                "transparency      | \"TRANSPARENT\"                                      | $.data.transparency",
                "transparency      | \"free\"                                             | $.data.transparency",
                "transparency      | null                                                 | $.data.transparency",
                "transparency      | true                                                 | $.data.transparency",
                "allDay            | \"false\"                                            | $.data.allDay",
                "startTime         | \"2026-03-23T09:00:00+01:00\"                        | $.data.startTime",
                "startTime         | \"2026-03-23T09:00:00\"                              | $.data.startTime",
                "startTime         | \"2026-03-23\"                                       | $.data.startTime",
                "startTime         | null                                                 | $.data.startTime",
                "endTime           | 1774252800000                                        | $.data.endTime",
                "startDate         | \"2026-03-23\"                                       | $.data.startDate",
                "timeZone          | \"+01:00\"                                           | $.data.timeZone",
                "timeZone          | null                                                 | $.data.timeZone",
                "recurrence        | \"RRULE:FREQ=DAILY\"                                 | $.data.recurrence",
                "recurrence        | [42]                                                 | $.data.recurrence",
                "recurrence        | null                                                 | $.data.recurrence",
                "recurringEventId  | \"series-1\"                                         | $.data.recurringEventId",
                "originalStartTime | \"2026-03-23T08:00:00Z\"                             | $.data.originalStartTime",
                "attendees         | [\"ada@example.com\"]                                | $.data.attendees[0]",
                "attendees         | [{\"email\": \"ada\", \"optional\": false, \"responseStatus\": \"accepted\"}] | $.data.attendees[0].email",
                "attendees         | [{\"email\": \"ada@example.com\", \"optional\": false, \"responseStatus\": \"maybe\"}] | $.data.attendees[0].responseStatus",
                "attendees         | [{\"email\": \"ada@example.com\", \"responseStatus\": \"accepted\"}] | $.data.attendees[0]",
                "reminders         | {\"useDefault\": \"yes\", \"overrides\": []}         | $.data.reminders.useDefault",
                "reminders         | {\"useDefault\": false}                              | $.data.reminders",
                "reminders         | {\"useDefault\": false, \"overrides\": [{\"method\": \"sms\", \"minutes\": 5}]} | $.data.reminders.overrides[0].method",
                "reminders         | {\"useDefault\": false, \"overrides\": [{\"method\": \"popup\", \"minutes\": -1}]} | $.data.reminders.overrides[0].minutes",
                "reminders         | {\"useDefault\": false, \"overrides\": [{\"method\": \"popup\", \"minutes\": 40321}]} | $.data.reminders.overrides[0].minutes",
                "version           | 0                                                    | $.data.version",
                "version           | \"1\"                                                | $.data.version",
                "createdAt         | \"yesterday\"                                        | $.data.createdAt",
            })
    void wronglyTypedOrFormattedMembersAreReportedAtTheirPath(String member, String json, String path) {
        ObjectNode event = timedEvent("atom.calendar.event.updated.v1");
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data"))
                .anySatisfy(v -> assertThat(v).startsWith(path));
    }

    @ParameterizedTest(name = "an all-day event with {0} = {1} is reported")
    @CsvSource(
            delimiter = '|',
            value = {
                "startDate | \"2028-02-30\"           | $.data.startDate",
                "endDate   | \"2028-03-01T00:00:00Z\" | $.data.endDate",
                "startTime | \"2028-02-29T00:00:00Z\" | $.data.startTime",
            })
    void anAllDayEventHasDatesNotInstants(String member, String json, String path) {
        ObjectNode event = allDayEvent("atom.calendar.event.created.v1");
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith(path));
    }

    @Test
    void tooManyRemindersOrAttendeesAreReported() {
        ObjectNode event = timedEvent("atom.calendar.event.updated.v1");
        var overrides = event.withObject("data").withObject("reminders").putArray("overrides");
        for (int i = 0; i < 6; i++) {
            overrides.addObject().put("method", "popup").put("minutes", i);
        }
        var attendees = event.withObject("data").putArray("attendees");
        for (int i = 0; i < 201; i++) {
            attendees
                    .addObject()
                    .put("email", "a" + i + "@example.com")
                    .put("optional", false)
                    .put("responseStatus", "needsAction");
        }

        assertThat(contracts.violations(event.toString()))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("$.data.reminders.overrides: "))
                .anySatisfy(v -> assertThat(v).startsWith("$.data.attendees: "));
    }

    @Test
    void aDeletedEventOrSeriesCarriesItsId() {
        ObjectNode event = TestEnvelopes.envelope(DELETED, "/calendar-service", SERIES_ID);
        event.putObject("data").put("id", SERIES_ID);

        assertThat(contracts.hasSchema(DELETED)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void aDeletedOccurrenceCarriesItsInstanceIdAndSeries() {
        ObjectNode event = TestEnvelopes.envelope(DELETED, "/calendar-service", INSTANCE_ID);
        event.putObject("data").put("id", INSTANCE_ID).put("recurringEventId", SERIES_ID);
        assertThat(contracts.violations(event.toString())).isEmpty();

        event.put("subject", SERIES_ID + "_20280229");
        event.withObject("data").put("id", SERIES_ID + "_20280229");
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest(name = "deleted data {0} is reported at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                                                  | $.data",
                "{\"id\": 42}                                                        | $.data.id",
                "{\"id\": \"event-1\"}                                               | $.data.id",
                "{\"id\": \"" + INSTANCE_ID + "\"}                                   | $.data.id",
                "{\"id\": \"" + SERIES_ID + "\", \"recurringEventId\": \"" + SERIES_ID + "\"} | $.data.id",
                "{\"id\": \"" + INSTANCE_ID + "\", \"recurringEventId\": null}       | $.data.recurringEventId",
                "{\"id\": \"" + INSTANCE_ID + "\", \"recurringEventId\": \"s\"}      | $.data.recurringEventId",
                "{\"id\": \"" + SERIES_ID + "\", \"title\": \"left over\"}          | $.data",
            })
    void aDeletedEventCarriesOnlyAWellFormedId(String data, String path) {
        ObjectNode event = TestEnvelopes.envelope(DELETED, "/calendar-service", SERIES_ID);
        event.set("data", JSON.readTree(data));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith(path));
    }

    @Test
    void theCalendarEventDefinitionsAreNotAnEventType() {
        assertThat(contracts.hasSchema("defs.calendar-event")).isFalse();
        assertThat(contracts.hasSchema("calendar-event")).isFalse();
    }

    /** A valid event of the type: a timed single event with required members and its timing. */
    static ObjectNode timedEvent(String type) {
        ObjectNode event = TestEnvelopes.envelope(type, "/calendar-service", SERIES_ID);
        ObjectNode data = event.putObject("data")
                .put("id", SERIES_ID)
                .put("iCalUID", SERIES_ID + "@atom")
                .put("title", "Standup")
                .put("status", "confirmed")
                .put("eventType", "default")
                .put("transparency", "opaque")
                .put("allDay", false)
                .put("startTime", "2026-03-16T08:00:00Z")
                .put("endTime", "2026-03-16T08:15:00Z")
                .put("timeZone", "Europe/Berlin");
        data.putArray("recurrence");
        data.putArray("attendees");
        data.putObject("reminders").put("useDefault", true).putArray("overrides");
        data.put("version", 1).put("createdAt", "2026-03-01T10:15:30.123456Z").put("updatedAt", "2026-03-01T10:15:30Z");
        return event;
    }

    /** A valid all-day event of the type: Feb 29 every year, as the API returns it (timed members null). */
    static ObjectNode allDayEvent(String type) {
        ObjectNode event = timedEvent(type);
        event.withObject("data")
                .put("title", "Leap day")
                .put("allDay", true)
                .putNull("startTime")
                .putNull("endTime")
                .putNull("timeZone")
                .put("startDate", "2024-02-29")
                .put("endDate", "2024-03-01")
                .putNull("recurringEventId")
                .putNull("originalStartTime")
                .putArray("recurrence")
                .add("RRULE:FREQ=YEARLY");
        return event;
    }
}
