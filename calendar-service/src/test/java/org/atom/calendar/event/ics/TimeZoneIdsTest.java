package org.atom.calendar.event.ics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeZoneIdsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Europe/Berlin | Europe/Berlin",
                "America/Argentina/Buenos_Aires | America/Argentina/Buenos_Aires",
                "UTC | UTC",
                "GMT | UTC",
                "Etc/UTC | UTC",
                "Z | UTC",
                "/mozilla.org/20050126_1/Europe/Berlin | Europe/Berlin",
                "/citadel.org/20190914_1/America/New_York | America/New_York",
                "W. Europe Standard Time | Europe/Berlin",
                "w. europe standard time | Europe/Berlin",
                "Pacific Standard Time | America/Los_Angeles",
                "India Standard Time | Asia/Kolkata",
                "FLE Standard Time | Europe/Kyiv",
                "UTC-11 | Etc/GMT+11",
                "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna | Europe/Berlin",
                "(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna | Europe/Berlin",
                "(UTC-05:00) Eastern Time (US & Canada) | America/New_York",
                "CET | Europe/Berlin",
                "EST5EDT | America/New_York",
            })
    void namesResolveToIanaZonesAnEventCanKeep(String tzid, String zone) {
        assertThat(TimeZoneIds.byName(tzid, 2026)).contains(ZoneId.of(zone));
    }

    @ParameterizedTest
    @CsvSource({"+01:00", "UTC+01:00", "GMT-5", "Nowhere/Atlantis", "Customized Time Zone", "''"})
    void offsetsAndUnknownNamesAreNoZones(String tzid) {
        assertThat(TimeZoneIds.byName(tzid, 2026)).isEmpty();
    }

    @Test
    void aCustomVTimeZoneWithEuropeanRulesIsMatchedByItsRules() {
        IcsComponent vtimezone = vtimezone("Customized Time Zone", """
                BEGIN:STANDARD
                DTSTART:16011028T030000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
                TZOFFSETFROM:+0200
                TZOFFSETTO:+0100
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:16010325T020000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
                TZOFFSETFROM:+0100
                TZOFFSETTO:+0200
                END:DAYLIGHT
                """);

        assertThat(TimeZoneIds.resolve("Customized Time Zone", vtimezone, 2026)).contains(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aVTimeZoneNamingACityPrefersThatCity() {
        IcsComponent vtimezone = vtimezone("Paris time (custom)", """
                BEGIN:STANDARD
                DTSTART:19701025T030000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
                TZOFFSETFROM:+0200
                TZOFFSETTO:+0100
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:19700329T020000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
                TZOFFSETFROM:+0100
                TZOFFSETTO:+0200
                END:DAYLIGHT
                """);

        assertThat(TimeZoneIds.resolve("Paris time (custom)", vtimezone, 2026)).contains(ZoneId.of("Europe/Paris"));
    }

    @Test
    void anOldOutlookDefinitionIsMatchedInTheEventsYear() {
        // US Eastern before 2007: first Sunday in April to last Sunday in October
        IcsComponent vtimezone = vtimezone("Eastern (old rules)", """
                BEGIN:STANDARD
                DTSTART:16011028T020000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
                TZOFFSETFROM:-0400
                TZOFFSETTO:-0500
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:16010401T020000
                RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4
                TZOFFSETFROM:-0500
                TZOFFSETTO:-0400
                END:DAYLIGHT
                """);

        assertThat(TimeZoneIds.resolve("Eastern (old rules)", vtimezone, 2005)).contains(ZoneId.of("America/New_York"));
        // since 2007 no zone keeps those rules
        assertThat(TimeZoneIds.resolve("Eastern (old rules)", vtimezone, 2026)).isEmpty();
    }

    @Test
    void theLicLocationOfAVTimeZoneIsTrusted() {
        IcsComponent vtimezone = vtimezone("Zone 7", """
                X-LIC-LOCATION:Asia/Tokyo
                BEGIN:STANDARD
                DTSTART:19700101T000000
                TZOFFSETFROM:+0900
                TZOFFSETTO:+0900
                END:STANDARD
                """);

        assertThat(TimeZoneIds.resolve("Zone 7", vtimezone, 2026)).contains(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void aDefinitionNoZoneHasIsNotMapped() {
        IcsComponent vtimezone = vtimezone("Mars Standard Time", """
                BEGIN:STANDARD
                DTSTART:19700101T000000
                TZOFFSETFROM:+0123
                TZOFFSETTO:+0123
                END:STANDARD
                """);

        assertThat(TimeZoneIds.resolve("Mars Standard Time", vtimezone, 2026)).isEmpty();
        assertThat(TimeZoneIds.resolve("Mars Standard Time", null, 2026)).isEmpty();
    }

    @Test
    void aFixedOffsetDefinitionMapsToAZoneWithoutDaylightSavingTime() {
        IcsComponent vtimezone = vtimezone("India custom", """
                BEGIN:STANDARD
                DTSTART:16010101T000000
                TZOFFSETFROM:+0530
                TZOFFSETTO:+0530
                END:STANDARD
                """);

        assertThat(TimeZoneIds.resolve("India custom", vtimezone, 2026)).contains(ZoneId.of("Asia/Kolkata"));
    }

    static IcsComponent vtimezone(String tzid, String observances) {
        String text = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:" + tzid + "\n" + observances
                + "END:VTIMEZONE\nEND:VCALENDAR\n";
        return IcsParser.parse(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .getFirst()
                .components("VTIMEZONE")
                .getFirst();
    }
}
