package org.atom.calendar.event.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsParserTest {

    private static List<IcsComponent> parse(String text) {
        return IcsParser.parse(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Test
    void readsComponentsPropertiesParametersAndLineNumbers() {
        List<IcsComponent> calendars = parse("""
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                BEGIN:VEVENT\r
                UID:1@example.com\r
                ATTENDEE;CN="Lovelace, Ada";ROLE=OPT-PARTICIPANT;MEMBER="mailto:a@x.org","mailto:b@x.org":mailto:ada@example.com\r
                summary:Tea\\, then talk\r
                BEGIN:VALARM\r
                TRIGGER:-PT10M\r
                END:VALARM\r
                END:VEVENT\r
                END:VCALENDAR\r
                """);

        IcsComponent event = calendars.getFirst().components("VEVENT").getFirst();
        assertThat(event.line()).isEqualTo(3);
        IcsProperty attendee = event.property("ATTENDEE");
        assertThat(attendee.param("CN")).isEqualTo("Lovelace, Ada");
        assertThat(attendee.params().get("MEMBER")).containsExactly("mailto:a@x.org", "mailto:b@x.org");
        assertThat(attendee.value()).isEqualTo("mailto:ada@example.com");
        assertThat(attendee.line()).isEqualTo(5);
        assertThat(event.property("SUMMARY").text()).isEqualTo("Tea, then talk");
        assertThat(event.components("VALARM").getFirst().property("TRIGGER").value())
                .isEqualTo("-PT10M");
    }

    @Test
    void unfoldsContinuationLinesEvenInsideAUtf8Sequence() {
        byte[] umlaut = "ü".getBytes(StandardCharsets.UTF_8); // two octets: folded between them
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("BEGIN:VCALENDAR\r\nX-NOTE:Gr".getBytes(StandardCharsets.UTF_8));
        file.write(umlaut[0]);
        file.writeBytes("\r\n ".getBytes(StandardCharsets.UTF_8));
        file.write(umlaut[1]);
        file.writeBytes("\n\tße\nEND:VCALENDAR\n".getBytes(StandardCharsets.UTF_8));

        IcsComponent calendar =
                IcsParser.parse(file.toByteArray(), StandardCharsets.UTF_8).getFirst();

        assertThat(calendar.property("X-NOTE").text()).isEqualTo("Grüße");
    }

    @Test
    void acceptsBomBlankLinesAndSeveralCalendars() {
        List<IcsComponent> calendars =
                parse("\uFEFFBEGIN:VCALENDAR\n\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\n");
        assertThat(calendars).hasSize(2);
    }

    @Test
    void aFileThatIsNotICalendarFailsOnLineOne() {
        assertThatThrownBy(() -> parse("{\"title\": \"not a calendar\"}"))
                .isInstanceOf(IcsSyntaxException.class)
                .hasMessage("line 1: an iCalendar file starts with BEGIN:VCALENDAR");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
    }

    @Test
    void aLineWithoutColonNamesItsLine() {
        assertThatThrownBy(() ->
                        parse("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY Tea\nEND:VEVENT\nEND:VCALENDAR"))
                .isInstanceOf(IcsSyntaxException.class)
                .hasMessage("line 4: 'SUMMARY Tea' is not a property name")
                .extracting(e -> ((IcsSyntaxException) e).line())
                .isEqualTo(4);
        assertThatThrownBy(() -> parse("BEGIN:VCALENDAR\nVERSION\nEND:VCALENDAR"))
                .hasMessage("line 2: expected NAME:VALUE, found no ':' after VERSION");
    }

    @Test
    void mismatchedAndUnclosedComponentsNameTheirLines() {
        assertThatThrownBy(() -> parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR"))
                .hasMessage("line 3: END:VTODO does not close BEGIN:VEVENT (line 2)");
        assertThatThrownBy(() -> parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n"))
                .hasMessage("line 2: BEGIN:VEVENT is never closed by END:VEVENT");
        assertThatThrownBy(() -> parse("BEGIN:VCALENDAR\nX;CN=\"open:x\nEND:VCALENDAR"))
                .hasMessage("line 2: unterminated quoted value of parameter CN");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() {
        byte[] file = "BEGIN:VCALENDAR\nSUMMARY:x\nEND:VCALENDAR\n".getBytes(StandardCharsets.UTF_8);
        file[24] = (byte) 0xff;
        assertThatThrownBy(() -> IcsParser.parse(file, StandardCharsets.UTF_8))
                .hasMessage("line 2: is not valid UTF-8 text");
    }
}
