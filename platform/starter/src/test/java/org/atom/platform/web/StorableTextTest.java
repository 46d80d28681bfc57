package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void ordinaryTextWithTabsLineBreaksAndEmojiIsStorable() {
        assertThat(StorableText.problem("Plan\tQ4\r\nnotes 🚀 ä")).isNull();
        assertThat(StorableText.problem("")).isNull();
    }

    @Test
    void nulOtherControlCharactersAndLoneSurrogatesAreNot() {
        assertThat(StorableText.problem("a\u0000b")).contains("control characters");
        assertThat(StorableText.problem("bell\u0007")).contains("control characters");
        assertThat(StorableText.problem("del\u007f")).contains("control characters");
        assertThat(StorableText.problem("half \uD83D")).contains("Unicode");
        assertThat(StorableText.problem("\uDE80 backwards")).contains("Unicode");
    }
}
