package org.atom.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atom.user.* events that carry the user (everything but deletions), as auth-service publishes them. */
class UserEventContractsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_ID = "7d1f0c1e-3b7a-4c52-9f3e-2a8b9c0d1e2f";
    private static final List<String> DAYS =
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private final EventContracts contracts = new EventContracts();

    @ParameterizedTest
    @ValueSource(strings = {"atom.user.registered.v1", "atom.user.updated.v1", "atom.user.reactivated.v1"})
    void aCompleteUserEventPasses(String type) {
        ObjectNode event = userEvent(type);
        ObjectNode data = event.withObject("data");
        data.putObject("preferences")
                .put("theme", "dark")
                .putObject("notifications")
                .put("email", true);
        data.putObject("advancedSettings").putObject("privacy").put("shareUsage", false);
        data.put("lastLoginAt", "2026-03-01T09:00:00.123Z");

        assertThat(contracts.hasSchema(type)).isTrue();
        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void aDeactivatedUserEventPasses() {
        ObjectNode event = userEvent("atom.user.deactivated.v1");
        event.withObject("data").put("active", false);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void theOptionalMembersMayBeAbsentAndLastLoginAtNull() {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data").putNull("lastLoginAt");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void unknownMembersAreAllowedForAdditiveEvolution() {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data").put("avatarUrl", "https://example.org/a.png").put("version", 3);
        event.withObject("data").withObject("workingHours").withObject("monday").put("breakMinutes", 30);

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @Test
    void everyDayMayBeADayOffOrWorkedAroundTheClock() {
        ObjectNode event = userEvent("atom.user.updated.v1");
        ObjectNode hours = event.withObject("data").withObject("workingHours");
        DAYS.forEach(hours::putNull);
        hours.putObject("sunday").put("start", "00:00").put("end", "23:59");

        assertThat(contracts.violations(event.toString())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id",
                "email",
                "name",
                "timeZone",
                "locale",
                "workingHours",
                "roles",
                "active",
                "createdAt",
                "updatedAt"
            })
    void eachMissingRequiredMemberIsReportedByName(String member) {
        for (String type : List.of(
                "atom.user.registered.v1",
                "atom.user.updated.v1",
                "atom.user.deactivated.v1",
                "atom.user.reactivated.v1")) {
            ObjectNode event = userEvent(type);
            if (type.endsWith("deactivated.v1")) {
                event.withObject("data").put("active", false);
            }
            event.withObject("data").remove(member);

            assertThat(contracts.violations(event.toString()))
                    .as(type)
                    .singleElement()
                    .asString()
                    .startsWith("$.data: ")
                    .contains("'" + member + "'");
        }
    }

    @ParameterizedTest(name = "{0} = {1} is reported at {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "email       | \"not an email\"          | $.data.email",
                "id          | \"\"                      | $.data.id",
                "name        | 42                        | $.data.name",
                "timeZone    | \"Europe Berlin\"         | $.data.timeZone",
                "timeZone    | \"+02:00\"                | $.data.timeZone",
                "locale      | \"en US\"                 | $.data.locale",
                "roles       | [\"ROOT\"]                | $.data.roles[0]",
                "roles       | \"USER\"                  | $.data.roles",
                "active      | \"yes\"                   | $.data.active",
                "createdAt   | \"2026-03-01 10:00\"      | $.data.createdAt",
                "updatedAt   | null                      | $.data.updatedAt",
                "lastLoginAt | \"yesterday\"             | $.data.lastLoginAt",
                "preferences | []                        | $.data.preferences",
                "workingHours | null                     | $.data.workingHours",
            })
    void wronglyTypedOrFormattedMembersAreReportedAtTheirPath(String member, String json, String path) {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data").set(member, JSON.readTree(json));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith(path));
    }

    @ParameterizedTest(name = "monday = {0}")
    @ValueSource(
            strings = {
                "{\"start\": \"9:00\", \"end\": \"17:00\"}",
                "{\"start\": \"09:00\", \"end\": \"24:00\"}",
                "{\"start\": \"09:60\", \"end\": \"17:00\"}",
                "{\"start\": \"09:00:00\", \"end\": \"17:00\"}",
                "{\"start\": \"09:00\"}",
                "{\"start\": 900, \"end\": \"17:00\"}",
                "\"09:00-17:00\"",
                "true",
                "[]"
            })
    void aBadWorkingDayIsReported(String monday) {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data").withObject("workingHours").set("monday", JSON.readTree(monday));

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.workingHours.monday"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Monday", "funday", "mon", "holidays"})
    void workingHoursHaveExactlyTheSevenLowercaseDays(String unknownDay) {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data").withObject("workingHours").putNull(unknownDay);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.workingHours")
                .contains(unknownDay);
    }

    @Test
    void aMissingDayIsReported() {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data").withObject("workingHours").remove("sunday");

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.workingHours: ")
                .contains("'sunday'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"password", "passwordHash", "hashedPassword", "PASSWORD", "currentPassword", "hash"})
    void aPasswordMemberIsReported(String member) {
        ObjectNode event = userEvent("atom.user.registered.v1");
        event.withObject("data").put(member, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith("$.data").contains(member));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"preferences", "advancedSettings"})
    void aPasswordMemberNestedInTheFreeFormSettingsIsReported(String settings) {
        ObjectNode event = userEvent("atom.user.updated.v1");
        event.withObject("data")
                .putObject(settings)
                .putObject("security")
                .putObject("smtp")
                .put("smtpPassword", "hunter2");

        assertThat(contracts.violations(event.toString()))
                .isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith("$.data." + settings).contains("smtpPassword"));
    }

    @ParameterizedTest(name = "{0} with active = {1}")
    @CsvSource({"atom.user.registered.v1, false", "atom.user.reactivated.v1, false", "atom.user.deactivated.v1, true"})
    void theActiveFlagMatchesTheLifecycleEvent(String type, boolean active) {
        ObjectNode event = userEvent(type);
        event.withObject("data").put("active", active);

        assertThat(contracts.violations(event.toString()))
                .singleElement()
                .asString()
                .startsWith("$.data.active: ");
    }

    @Test
    void theUserDefinitionsAreNotAnEventType() {
        assertThat(contracts.hasSchema("defs.user")).isFalse();
        assertThat(contracts.hasSchema("defs/user")).isFalse();
    }

    /** A valid event of the type with the smallest valid user: required members only, active true. */
    static ObjectNode userEvent(String type) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("source", "/auth-service")
                .put("subject", USER_ID)
                .put("time", "2026-03-01T10:15:30Z")
                .put("datacontenttype", "application/json")
                .put("userid", USER_ID);
        ObjectNode data = event.putObject("data")
                .put("id", USER_ID)
                .put("email", "ada@example.org")
                .put("name", "Ada Lovelace")
                .put("timeZone", "Europe/London")
                .put("locale", "en-GB");
        ObjectNode hours = data.putObject("workingHours");
        DAYS.subList(0, 5)
                .forEach(day -> hours.putObject(day).put("start", "09:00").put("end", "17:00"));
        hours.putNull("saturday");
        hours.putNull("sunday");
        data.putArray("roles").add("USER");
        data.put("active", true).put("createdAt", "2026-02-01T08:00:00Z").put("updatedAt", "2026-03-01T10:15:30Z");
        return event;
    }
}
