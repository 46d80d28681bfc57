package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonFieldNamesTest {

    private final JsonFieldNames names = new JsonFieldNames(JsonMapper.builder().build());

    record Order(@JsonProperty("ref") String reference, List<Line> lines) {}

    record Line(@JsonProperty("qty") Integer quantity, String note) {}

    @Test
    void javaPathsBecomeTheJsonNamesTheClientSent() {
        assertThat(names.toJsonPath(Order.class, "reference")).isEqualTo("ref");
        assertThat(names.toJsonPath(Order.class, "lines[2].quantity")).isEqualTo("lines[2].qty");
        assertThat(names.toJsonPath(Order.class, "lines[0].note")).isEqualTo("lines[0].note");
    }

    @Test
    void unknownPathsAreLeftAsTheyAre() {
        assertThat(names.toJsonPath(Order.class, "nothing.here")).isEqualTo("nothing.here");
        assertThat(names.toJsonPath(null, "x")).isEqualTo("x");
    }
}
