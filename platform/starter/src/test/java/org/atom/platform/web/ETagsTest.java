package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ETagsTest {

    @Test
    void theTagIsTheQuotedVersion() {
        assertThat(ETags.of(3)).isEqualTo("\"3\"");
    }

    @Test
    void ifMatchHoldsForAbsentWildcardOrCurrentVersionOnly() {
        assertThat(ETags.ifMatchHolds(null, 3)).isTrue();
        assertThat(ETags.ifMatchHolds("*", 3)).isTrue();
        assertThat(ETags.ifMatchHolds("\"3\"", 3)).isTrue();
        assertThat(ETags.ifMatchHolds("\"1\", \"3\"", 3)).isTrue();
        assertThat(ETags.ifMatchHolds("\"2\"", 3)).isFalse();
        assertThat(ETags.ifMatchHolds("W/\"3\"", 3))
                .as("If-Match compares strongly")
                .isFalse();
    }

    @Test
    void aStaleIfMatchIs412AndAStaleBodyVersion409() {
        assertThatThrownBy(() -> ETags.checkIfMatch("\"2\"", 3)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> ETags.checkVersion(2L, 3)).isInstanceOf(ConflictException.class);
        ETags.checkVersion(null, 3);
        ETags.checkVersion(3L, 3);
    }

    @Test
    void ifNoneMatchWithTheCurrentVersionAnswers304WithoutBody() {
        ResponseEntity<String> notModified = ETags.ok("W/\"3\"", 3, "body");
        ResponseEntity<String> changed = ETags.ok("\"2\"", 3, "body");

        assertThat(notModified.getStatusCode().value()).isEqualTo(304);
        assertThat(notModified.getBody()).isNull();
        assertThat(notModified.getHeaders().getETag()).isEqualTo("\"3\"");
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody()).isEqualTo("body");
    }
}
