package org.atom.calendar.event.ics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VTimeZonesTest {

    private static final Instant FROM = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2045-01-01T00:00:00Z");

    @Test
    void europeBerlinIsWrittenAsTwoYearlyRules() {
        IcsWriter out = new IcsWriter();
        VTimeZones.write(out, ZoneId.of("Europe/Berlin"), Instant.parse("2026-03-16T08:00:00Z"));

        assertThat(out.toString())
                .isEqualTo(String.join(
                        "\r\n",
                        "BEGIN:VTIMEZONE",
                        "TZID:Europe/Berlin",
                        "X-LIC-LOCATION:Europe/Berlin",
                        "BEGIN:DAYLIGHT",
                        "DTSTART:20260329T020000",
                        "TZOFFSETFROM:+0100",
                        "TZOFFSETTO:+0200",
                        "TZNAME:CEST",
                        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                        "END:DAYLIGHT",
                        "BEGIN:STANDARD",
                        "DTSTART:20251026T030000",
                        "TZOFFSETFROM:+0200",
                        "TZOFFSETTO:+0100",
                        "TZNAME:CET",
                        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                        "END:STANDARD",
                        "END:VTIMEZONE",
                        ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Europe/Berlin",
                "America/New_York",
                "Australia/Sydney",
                "America/Sao_Paulo",
                "Asia/Kolkata",
                "Europe/Dublin",
                "America/Havana",
                "Asia/Gaza",
                "Africa/Casablanca",
                "Pacific/Apia",
                "America/Nuuk",
                "Australia/Lord_Howe",
                "Antarctica/Troll",
                "Asia/Tehran",
                "America/Santiago",
                "Pacific/Chatham"
            })
    void theWrittenDefinitionGivesTheZonesOffsetsForDecades(String id) {
        assertDefinitionMatches(ZoneId.of(id));
    }

    @Test
    void everyJdkZoneIsWrittenFaithfully() {
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            assertDefinitionMatches(ZoneId.of(id));
        }
    }

    private static void assertDefinitionMatches(ZoneId zone) {
        IcsWriter out = new IcsWriter().begin("VCALENDAR");
        VTimeZones.write(out, zone, FROM);
        String text = out.end("VCALENDAR").toString();
        VTimeZoneRules written =
                VTimeZoneRules.of(IcsParser.parse(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                        .getFirst()
                        .components("VTIMEZONE")
                        .getFirst());
        ZoneRules rules = zone.getRules();
        for (Instant at : samples(rules)) {
            assertThat(written.offsetAt(at)).as(zone + " at " + at).isEqualTo(rules.getOffset(at));
        }
    }

    /** Each year's middle of winter and summer, and a minute either side of every change. */
    private static List<Instant> samples(ZoneRules rules) {
        List<Instant> samples = new ArrayList<>();
        for (int year = 2000; year < 2045; year++) {
            samples.add(LocalDate.of(year, 1, 15).atStartOfDay().toInstant(ZoneOffset.UTC));
            samples.add(LocalDate.of(year, 7, 15).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        for (ZoneOffsetTransition t = rules.nextTransition(FROM);
                t != null && t.getInstant().isBefore(TO);
                t = rules.nextTransition(t.getInstant())) {
            samples.add(t.getInstant().minusSeconds(60));
            samples.add(t.getInstant().plusSeconds(60));
        }
        return samples;
    }
}
