package org.atom.calendar.event.ics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsTextTest {

    @Test
    void textEscapesBackslashSemicolonCommaAndLineBreaks() {
        assertThat(IcsText.escape("a\\b;c,d\ne\r\nf\rg")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    }

    @Test
    void unescapingUndoesEscapingAndKeepsUnknownEscapes() {
        String text = "Agenda; part 1, part 2\nC:\\temp \\ end";
        assertThat(IcsText.unescape(IcsText.escape(text))).isEqualTo(text);
        assertThat(IcsText.unescape("line\\Nbreak \\x \\")).isEqualTo("line\nbreak \\x \\");
    }

    @Test
    void parameterValuesAreQuotedWhenTheyHoldSeparatorsAndCaretEncoded() {
        assertThat(IcsText.paramValue("Ada")).isEqualTo("Ada");
        assertThat(IcsText.paramValue("Lovelace, Ada")).isEqualTo("\"Lovelace, Ada\"");
        assertThat(IcsText.paramValue("Ada \"The Countess\" ^ L.")).isEqualTo("Ada ^'The Countess^' ^^ L.");
        assertThat(IcsText.decodeParam("Ada ^'The Countess^' ^^ L.^n2")).isEqualTo("Ada \"The Countess\" ^ L.\n2");
    }

    @Test
    void longLinesFoldAt75OctetsAndUnfoldToTheOriginal() {
        String line = "DESCRIPTION:" + "x".repeat(200);
        String folded = IcsText.fold(line);

        List<String> physical = Arrays.asList(folded.split("\r\n"));
        assertThat(folded).endsWith("\r\n");
        assertThat(physical)
                .allSatisfy(l ->
                        assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(physical.get(0)).hasSize(75);
        assertThat(physical.subList(1, physical.size()))
                .allSatisfy(l -> assertThat(l).startsWith(" "));
        assertThat(folded.replace("\r\n ", "").replace("\r\n", "")).isEqualTo(line);
    }

    @Test
    void foldingNeverSplitsAMultiByteCharacter() throws CharacterCodingException {
        String line = "SUMMARY:" + "Grüße 👋 日本語 ".repeat(30);
        String folded = IcsText.fold(line);

        for (String physical : folded.split("\r\n")) {
            byte[] octets = physical.getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).isLessThanOrEqualTo(75);
            // each physical line is whole UTF-8 on its own: no sequence (or surrogate pair) was cut
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets));
        }
        assertThat(folded.replace("\r\n ", "").replace("\r\n", "")).isEqualTo(line);
    }

    @Test
    void aShortLineIsLeftWhole() {
        assertThat(IcsText.fold("VERSION:2.0")).isEqualTo("VERSION:2.0\r\n");
        assertThat(IcsText.fold("X:" + "y".repeat(73))).doesNotContain("\r\n ");
    }
}
