package org.atom.calendar.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.atom.calendar.CalendarServiceContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Files as other calendars write them, files that are not iCalendar, files too large, events that cannot be taken. */
@CalendarServiceContext
class IcsImportIT {

    /** As Outlook exports a calendar: Windows zone names, VTIMEZONEs from 1601, all-day events as midnights. */
    static final String OUTLOOK = """
            BEGIN:VCALENDAR\r
            PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
            VERSION:2.0\r
            METHOD:PUBLISH\r
            X-MS-OLK-FORCEINSPECTOROPEN:TRUE\r
            BEGIN:VTIMEZONE\r
            TZID:W. Europe Standard Time\r
            BEGIN:STANDARD\r
            DTSTART:16011028T030000\r
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
            TZOFFSETFROM:+0200\r
            TZOFFSETTO:+0100\r
            END:STANDARD\r
            BEGIN:DAYLIGHT\r
            DTSTART:16010325T020000\r
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
            TZOFFSETFROM:+0100\r
            TZOFFSETTO:+0200\r
            END:DAYLIGHT\r
            END:VTIMEZONE\r
            BEGIN:VTIMEZONE\r
            TZID:Customized Time Zone\r
            BEGIN:STANDARD\r
            DTSTART:16011104T020000\r
            RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r
            TZOFFSETFROM:-0400\r
            TZOFFSETTO:-0500\r
            END:STANDARD\r
            BEGIN:DAYLIGHT\r
            DTSTART:16010311T020000\r
            RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r
            TZOFFSETFROM:-0500\r
            TZOFFSETTO:-0400\r
            END:DAYLIGHT\r
            END:VTIMEZONE\r
            BEGIN:VTIMEZONE\r
            TZID:Mars Standard Time\r
            BEGIN:STANDARD\r
            DTSTART:16010101T000000\r
            TZOFFSETFROM:+0123\r
            TZOFFSETTO:+0123\r
            END:STANDARD\r
            END:VTIMEZONE\r
            BEGIN:VEVENT\r
            CLASS:PUBLIC\r
            CREATED:20260301T100000Z\r
            DESCRIPTION:Agenda:\\n1. Numbers\\n2. Plans\\n\r
            DTEND;TZID="W. Europe Standard Time":20260323T100000\r
            DTSTAMP:20260301T100000Z\r
            DTSTART;TZID="W. Europe Standard Time":20260323T090000\r
            LAST-MODIFIED:20260301T100000Z\r
            LOCATION:Room 1\r
            PRIORITY:5\r
            RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=MO\r
            SEQUENCE:0\r
            SUMMARY;LANGUAGE=en-us:Weekly sync\r
            TRANSP:OPAQUE\r
            UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7\r
             E8F9A0B1C2\r
            X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r
            BEGIN:VALARM\r
            TRIGGER:-PT15M\r
            ACTION:DISPLAY\r
            DESCRIPTION:Reminder\r
            END:VALARM\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;TZID=W. Europe Standard Time:20260406T000000\r
            DTEND;TZID=W. Europe Standard Time:20260408T000000\r
            DTSTAMP:20260301T100000Z\r
            SUMMARY:Away\r
            UID:outlook-away-1\r
            X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r
            X-MICROSOFT-CDO-BUSYSTATUS:OOF\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;TZID=Pacific Standard Time:20260310T080000\r
            DTEND;TZID=Pacific Standard Time:20260310T083000\r
            DTSTAMP:20260301T100000Z\r
            SUMMARY:Call with Seattle\r
            UID:outlook-seattle-1\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;TZID=Customized Time Zone:20260310T090000\r
            DURATION:PT45M\r
            DTSTAMP:20260301T100000Z\r
            SUMMARY:Call with New York\r
            UID:outlook-newyork-1\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;TZID=Mars Standard Time:20260310T090000\r
            DTEND;TZID=Mars Standard Time:20260310T100000\r
            DTSTAMP:20260301T100000Z\r
            SUMMARY:Call with Mars\r
            UID:outlook-mars-1\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    /** As Google Calendar exports one: IANA zones with VTIMEZONEs, EXDATE, an edited occurrence, empty properties. */
    static final String GOOGLE = """
            BEGIN:VCALENDAR
            PRODID:-//Google Inc//Google Calendar 70.9054//EN
            VERSION:2.0
            CALSCALE:GREGORIAN
            METHOD:PUBLISH
            X-WR-CALNAME:ada@example.com
            X-WR-TIMEZONE:Europe/Berlin
            BEGIN:VTIMEZONE
            TZID:Europe/Berlin
            X-LIC-LOCATION:Europe/Berlin
            BEGIN:DAYLIGHT
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            TZNAME:CEST
            DTSTART:19700329T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            TZNAME:CET
            DTSTART:19701025T030000
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20260316T090000
            DTEND;TZID=Europe/Berlin:20260316T093000
            RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20260413T065959Z;BYDAY=MO
            EXDATE;TZID=Europe/Berlin:20260323T090000
            DTSTAMP:20260310T120000Z
            UID:7kukuqrfedlm2f9t3vq2a8p5d8@google.com
            CREATED:20260301T090000Z
            DESCRIPTION:
            LAST-MODIFIED:20260301T090000Z
            LOCATION:
            SEQUENCE:0
            STATUS:CONFIRMED
            SUMMARY:Planning
            TRANSP:OPAQUE
            BEGIN:VALARM
            ACTION:DISPLAY
            DESCRIPTION:This is an event reminder
            TRIGGER:-P0DT0H10M0S
            END:VALARM
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20260330T110000
            DTEND;TZID=Europe/Berlin:20260330T113000
            DTSTAMP:20260310T120000Z
            UID:7kukuqrfedlm2f9t3vq2a8p5d8@google.com
            RECURRENCE-ID;TZID=Europe/Berlin:20260330T090000
            CREATED:20260301T090000Z
            DESCRIPTION:Moved for the offsite
            LAST-MODIFIED:20260305T090000Z
            LOCATION:
            SEQUENCE:1
            STATUS:CONFIRMED
            SUMMARY:Planning
            TRANSP:TRANSPARENT
            END:VEVENT
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20260501
            DTEND;VALUE=DATE:20260502
            DTSTAMP:20260310T120000Z
            UID:0a1b2c3d4e5f@google.com
            ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=ada@exa
             mple.com;X-NUM-GUESTS=0:mailto:ada@example.com
            ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Gra
             ce Hopper;X-NUM-GUESTS=0:mailto:grace@example.com
            ATTENDEE;CUTYPE=RESOURCE;PARTSTAT=ACCEPTED;CN=Room:urn:uuid:12345
            SUMMARY:Labour Day picnic
            STATUS:TENTATIVE
            TRANSP:TRANSPARENT
            END:VEVENT
            BEGIN:VEVENT
            DTSTART:20260320T150000Z
            DTEND:20260320T160000Z
            DTSTAMP:20260310T120000Z
            UID:untitled@google.com
            END:VEVENT
            END:VCALENDAR
            """;

    @LocalServerPort
    int port;

    private IcsTestSupport ics;
    private String user;

    @BeforeEach
    void setUp() {
        ics = new IcsTestSupport(port);
        user = IcsTestSupport.newUser();
    }

    @Test
    void anOutlookFileWithWindowsZoneNamesImportsInIanaZones() {
        JsonNode report = ics.imported(ics.importBody(user, OUTLOOK));

        assertThat(report.get("created").asInt()).isEqualTo(4);
        assertThat(report.get("skipped")).singleElement().satisfies(skip -> {
            assertThat(skip.get("uid").asString()).isEqualTo("outlook-mars-1");
            assertThat(skip.get("reason").asString()).contains("'Mars Standard Time'");
            assertThat(skip.get("line").asInt()).isPositive();
        });
        JsonNode occurrences = ics.occurrences(user, "start=2026-03-01&end=2026-04-30");
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Weekly sync"))
                .allSatisfy(o -> {
                    assertThat(o.get("timeZone").asString()).isEqualTo("Europe/Berlin");
                    assertThat(o.get("location").asString()).isEqualTo("Room 1");
                    assertThat(o.get("description").asString()).isEqualTo("Agenda:\n1. Numbers\n2. Plans");
                    assertThat(o.get("reminders").toString())
                            .isEqualTo("{\"useDefault\":false,\"overrides\":[{\"method\":\"popup\",\"minutes\":15}]}");
                    assertThat(o.get("iCalUID").asString())
                            .startsWith("040000008200E000")
                            .endsWith("E8F9A0B1C2");
                })
                .extracting(o -> o.get("startTime").asString())
                // 09:00 in Berlin on both sides of the change on 29 March
                .containsExactly("2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z");
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Away"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.get("allDay").asBoolean()).isTrue();
                    assertThat(o.get("startDate").asString()).isEqualTo("2026-04-06");
                    assertThat(o.get("endDate").asString()).isEqualTo("2026-04-08");
                    assertThat(o.get("eventType").asString()).isEqualTo("outOfOffice");
                    assertThat(o.get("transparency").asString()).isEqualTo("opaque");
                });
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Call with Seattle"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.get("timeZone").asString()).isEqualTo("America/Los_Angeles");
                    assertThat(o.get("startTime").asString()).isEqualTo("2026-03-10T15:00:00Z"); // PDT since 8 March
                });
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Call with New York"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.get("timeZone").asString()).isEqualTo("America/New_York");
                    assertThat(o.get("startTime").asString()).isEqualTo("2026-03-10T13:00:00Z");
                    assertThat(o.get("endTime").asString()).isEqualTo("2026-03-10T13:45:00Z");
                });

        JsonNode again = ics.imported(ics.importForm(user, OUTLOOK));
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
        assertThat(again.get("created").asInt()).isZero();
    }

    @Test
    void allDaySeriesReadTheirExdatesInTheZoneTheFileMeansAndKeepNone() {
        // Outlook: midnight to midnight in W. Europe Standard Time; an ATOM export before all-day events lost their
        // zone: X-ATOM-TIMEZONE. Both exclude Berlin's 8 March, which in UTC would be 7 March (no occurrence).
        String file = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//test//EN\r
                BEGIN:VEVENT\r
                UID:outlook-runs\r
                DTSTART;TZID=W. Europe Standard Time:20260301T000000\r
                DTEND;TZID=W. Europe Standard Time:20260302T000000\r
                RRULE:FREQ=WEEKLY;COUNT=4\r
                EXDATE;TZID=W. Europe Standard Time:20260308T000000\r
                SUMMARY:Outlook run\r
                X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:atom-runs@atom\r
                DTSTART;VALUE=DATE:20260301\r
                DTEND;VALUE=DATE:20260302\r
                RRULE:FREQ=WEEKLY;COUNT=4\r
                EXDATE;TZID=Europe/Berlin:20260308T000000\r
                SUMMARY:Atom run\r
                X-ATOM-TIMEZONE:Europe/Berlin\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;

        assertThat(ics.imported(ics.importBody(user, file)).get("created").asInt())
                .isEqualTo(2);

        for (String title : List.of("Outlook run", "Atom run")) {
            assertThat(ics.occurrences(user, "start=2026-03-01&end=2026-03-31&timeZone=UTC"))
                    .filteredOn(o -> o.get("title").asString().equals(title))
                    .as(title)
                    .extracting(o -> o.get("startDate").asString())
                    .containsExactly("2026-03-01", "2026-03-15", "2026-03-22");
        }
        assertThat(ics.events(user)).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("timeZone").isNull()).isTrue();
            assertThat(e.get("recurrence").toString())
                    .isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=4\",\"EXDATE;VALUE=DATE:20260308\"]");
        });
        assertThat(ics.imported(ics.importBody(user, file)).get("unchanged").asInt())
                .isEqualTo(2);
    }

    @Test
    void aGoogleFileImportsWithItsExceptionsAttendeesAndAlarms() {
        JsonNode report = ics.imported(ics.importForm(user, GOOGLE));

        assertThat(report.get("created").asInt()).isEqualTo(4);
        assertThat(report.get("skipped")).isEmpty();
        JsonNode occurrences = ics.occurrences(user, "start=2026-03-01&end=2026-05-31");
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Planning"))
                .extracting(o -> o.get("startTime").asString() + " "
                        + o.path("description").asString("-"))
                // 23 March excluded, 30 March moved to 11:00, the rule ends before 13 April
                .containsExactly(
                        "2026-03-16T08:00:00Z -",
                        "2026-03-30T09:00:00Z Moved for the offsite",
                        "2026-04-06T07:00:00Z -");
        // TRANSP: the series opaque, its edited occurrence and the picnic transparent, no TRANSP opaque
        assertThat(occurrences)
                .extracting(o ->
                        o.get("title").asString() + " " + o.get("transparency").asString())
                .containsExactly(
                        "Planning opaque",
                        "(no title) opaque",
                        "Planning transparent",
                        "Planning opaque",
                        "Labour Day picnic transparent");
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Planning"))
                .first()
                .satisfies(o -> {
                    assertThat(o.get("location").isNull()).isTrue();
                    assertThat(o.get("reminders")
                                    .get("overrides")
                                    .get(0)
                                    .get("minutes")
                                    .asInt())
                            .isEqualTo(10);
                });
        assertThat(occurrences)
                .filteredOn(o -> o.get("title").asString().equals("Labour Day picnic"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.get("startDate").asString()).isEqualTo("2026-05-01");
                    assertThat(o.get("status").asString()).isEqualTo("tentative");
                    assertThat(o.get("attendees").toString())
                            .isEqualTo(
                                    "[{\"email\":\"ada@example.com\",\"name\":\"ada@example.com\",\"optional\":false,"
                                            + "\"responseStatus\":\"accepted\"},{\"email\":\"grace@example.com\","
                                            + "\"name\":\"Grace Hopper\",\"optional\":true,\"responseStatus\":\"needsAction\"}]");
                });
        assertThat(occurrences)
                .filteredOn(o -> o.get("iCalUID").asString().equals("untitled@google.com"))
                .singleElement()
                .satisfies(o -> assertThat(o.get("title").asString()).isEqualTo("(no title)"));

        JsonNode again = ics.imported(ics.importBody(user, GOOGLE));
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
    }

    @Test
    void transpIsReadCaseInsensitivelyAbsentOrUnknownIsOpaqueAndOutOfOfficeStaysOpaque() {
        String file = """
                BEGIN:VCALENDAR
                VERSION:2.0
                BEGIN:VEVENT
                UID:free
                SUMMARY:Free
                DTSTART:20260310T090000Z
                DTEND:20260310T100000Z
                TRANSP:TRANSPARENT
                END:VEVENT
                BEGIN:VEVENT
                UID:free-lower-case
                SUMMARY:Free too
                DTSTART:20260310T100000Z
                DTEND:20260310T110000Z
                TRANSP:transparent
                END:VEVENT
                BEGIN:VEVENT
                UID:busy
                SUMMARY:Busy
                DTSTART:20260310T110000Z
                DTEND:20260310T120000Z
                TRANSP:OPAQUE
                END:VEVENT
                BEGIN:VEVENT
                UID:no-transp
                SUMMARY:No TRANSP
                DTSTART:20260310T120000Z
                DTEND:20260310T130000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:odd-transp
                SUMMARY:Odd TRANSP
                DTSTART:20260310T130000Z
                DTEND:20260310T140000Z
                TRANSP:X-SOMETIMES
                END:VEVENT
                BEGIN:VEVENT
                UID:away
                SUMMARY:Away
                DTSTART:20260310T140000Z
                DTEND:20260310T150000Z
                TRANSP:TRANSPARENT
                X-MICROSOFT-CDO-BUSYSTATUS:OOF
                END:VEVENT
                END:VCALENDAR
                """;

        JsonNode report = ics.imported(ics.importBody(user, file));

        assertThat(report.get("created").asInt()).isEqualTo(6);
        assertThat(report.get("skipped")).isEmpty();
        assertThat(ics.occurrences(user, "start=2026-03-10&end=2026-03-10&timeZone=UTC"))
                .extracting(o ->
                        o.get("title").asString() + " " + o.get("transparency").asString())
                .containsExactly(
                        "Free transparent",
                        "Free too transparent",
                        "Busy opaque",
                        "No TRANSP opaque",
                        "Odd TRANSP opaque",
                        "Away opaque");
        // and the transparent ones leave the owner free
        HttpResponse<String> busy = ics.http()
                .get("/api/calendar/availability/free-busy?start=2026-03-10T00:00:00Z&end=2026-03-11T00:00:00Z")
                .as(user)
                .send();
        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(200);
        assertThat(IcsTestSupport.JSON.readTree(busy.body()).toString())
                .isEqualTo("[{\"start\":\"2026-03-10T11:00:00Z\",\"end\":\"2026-03-10T15:00:00Z\"}]");
    }

    @Test
    void eventsThatFailTheChecksAreSkippedWithTheReasonAndTheRestIsImported() {
        String file = """
                BEGIN:VCALENDAR
                VERSION:2.0
                BEGIN:VEVENT
                UID:backwards
                SUMMARY:Ends before it starts
                DTSTART:20260310T100000Z
                DTEND:20260310T090000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:no-start
                SUMMARY:No start
                END:VEVENT
                BEGIN:VEVENT
                UID:long
                SUMMARY:%s
                DTSTART:20260310T100000Z
                DTEND:20260310T110000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:bad-rule
                SUMMARY:Every fortnight-ish
                DTSTART;TZID=Europe/Berlin:20260310T100000
                DTEND;TZID=Europe/Berlin:20260310T110000
                RRULE:FREQ=SOMETIMES
                END:VEVENT
                BEGIN:VEVENT
                UID:orphan
                RECURRENCE-ID:20260310T100000Z
                SUMMARY:Edit of nothing
                DTSTART:20260310T100000Z
                DTEND:20260310T110000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                SUMMARY:Weekly
                DTSTART:20260310T100000Z
                DTEND:20260310T110000Z
                RRULE:FREQ=WEEKLY;COUNT=2
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                RECURRENCE-ID:20260311T100000Z
                SUMMARY:Not an occurrence
                DTSTART:20260311T120000Z
                DTEND:20260311T130000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                SUMMARY:The same UID again
                DTSTART:20260310T100000Z
                DTEND:20260310T110000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:fine
                SUMMARY:Fine
                DTSTART:20260312T100000Z
                DURATION:PT1H
                END:VEVENT
                END:VCALENDAR
                """.formatted("x".repeat(501));

        JsonNode report = ics.imported(ics.importBody(user, file));

        assertThat(report.get("created").asInt()).isEqualTo(2); // "weekly" and "fine"
        assertThat(report.get("skipped"))
                .extracting(
                        s -> s.get("uid").asString() + ": " + s.get("reason").asString())
                .containsExactly(
                        "backwards: DTEND (endTime) must be after startTime",
                        "no-start: DTSTART is missing",
                        "long: SUMMARY (title) must be at most 500 characters",
                        "bad-rule: RRULE/RDATE/EXDATE (recurrence[0]) unknown FREQ=SOMETIMES (expected DAILY, WEEKLY,"
                                + " MONTHLY or YEARLY)",
                        "weekly: an earlier VEVENT of the file has this UID",
                        "orphan: RECURRENCE-ID 20260310T100000Z: there is no recurring event with this UID, in the"
                                + " file or the calendar",
                        "weekly: RECURRENCE-ID 20260311T100000Z: the recurring event has no occurrence starting then");
        assertThat(report.get("skipped").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(ics.events(user)).extracting(e -> e.get("title").asString()).containsExactly("Weekly", "Fine");
    }

    @Test
    void aFileThatIsNotICalendarIs400NamingTheLine() {
        HttpResponse<String> json = ics.importBody(user, "{\"title\": \"Tea\"}");
        JsonNode problem = problem(json, 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("$");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .isEqualTo("line 1: an iCalendar file starts with BEGIN:VCALENDAR");

        JsonNode noColon = problem(
                ics.importForm(
                        user,
                        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY Tea\r\nEND:VEVENT\r\n"
                                + "END:VCALENDAR\r\n"),
                400);
        assertThat(noColon.get("detail").asString()).contains("line 4");
        assertThat(noColon.get("errors").get(0).get("field").asString()).isEqualTo("file");

        JsonNode unclosed = problem(ics.importBody(user, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n"), 400);
        assertThat(unclosed.get("detail").asString())
                .contains("line 4: END:VCALENDAR does not close BEGIN:VEVENT (line 2)");
        assertThat(ics.events(user)).isEmpty();
    }

    @Test
    void aFormWithoutTheFileOrAnotherContentTypeIsRefused() {
        String boundary = "b0undary";
        HttpResponse<String> noFile = ics.http()
                .post(
                        "/api/calendar/import",
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n" + "x\r\n--"
                                + boundary + "--\r\n")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .as(user)
                .send();
        assertThat(problem(noFile, 400).get("errors").get(0).get("field").asString())
                .isEqualTo("file");

        HttpResponse<String> plain = ics.http()
                .post("/api/calendar/import", GOOGLE)
                .header("Content-Type", "text/plain")
                .as(user)
                .send();
        problem(plain, 415);
    }

    @Test
    void aFileOver5MbIs413AndOneOver1MbIsFine() {
        String event = """
                BEGIN:VEVENT
                UID:big-%d
                SUMMARY:Filler %d
                DTSTART:20260310T100000Z
                DTEND:20260310T110000Z
                X-FILLER:%s
                END:VEVENT
                """;
        StringBuilder big = new StringBuilder("BEGIN:VCALENDAR\nVERSION:2.0\n");
        for (int i = 0; big.length() < 1_500_000; i++) {
            big.append(event.formatted(i, i, "x".repeat(10_000)));
        }
        big.append("END:VCALENDAR\n");
        JsonNode report = ics.imported(ics.importBody(user, big.toString()));
        assertThat(report.get("created").asInt()).isGreaterThan(100);

        String tooBig = "BEGIN:VCALENDAR\nX-FILLER:" + "x".repeat(5 * 1024 * 1024) + "\nEND:VCALENDAR\n";
        assertThat(problem(ics.importBody(user, tooBig), 413).get("detail").asString())
                .contains("5 MB");
        problem(ics.importForm(user, tooBig), 413);
        // every other request keeps the platform's 1 MB limit
        problem(
                ics.http()
                        .post("/api/calendar/events", "{\"title\": \"" + "x".repeat(1_100_000) + "\"}")
                        .as(user)
                        .send(),
                413);
    }

    @Test
    void importAndExportNeedAToken() {
        assertThat(ics.http().get("/api/calendar/export.ics").send().statusCode())
                .isEqualTo(401);
        assertThat(ics.http()
                        .post("/api/calendar/import", GOOGLE)
                        .header("Content-Type", "text/calendar")
                        .send()
                        .statusCode())
                .isEqualTo(401);
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return IcsTestSupport.JSON.readTree(response.body());
    }
}
