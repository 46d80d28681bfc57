package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonFieldsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A resource with a nested object, as services extend it. */
    static final class Fields extends JsonFields {
        Fields(JsonNode body) {
            super(body, Map.of("due_date", "dueDate"));
        }

        Fields(JsonNode object, String prefix, List<FieldViolation> errors) {
            super(object, Map.of(), prefix, errors);
        }

        Fields nested(String field) {
            return new Fields(node(field), field + ".", errors());
        }
    }

    @Test
    void aFieldLeftOutIsNotStatedAndANullClearsIt() {
        Fields fields = new Fields(JSON.readTree("{\"description\":null,\"dueDate\":\"x\"}"));
        Map<String, Object> values = new LinkedHashMap<>();

        fields.text("title", 10, false, values);
        fields.text("description", 10, true, values);
        fields.tags("tags", 5, 10, values);

        assertThat(values).containsOnlyKeys("description").containsEntry("description", null);
        assertThat(fields.stated("dueDate")).isTrue();
        fields.throwIfInvalid("thing");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsField() {
        Fields fields = new Fields(JSON.readTree("""
                {"title":"  ","done":"yes","count":1.5,"id":"nope","version":-1,"tags":[""],"inner":{"rate":"x"}}"""));
        Map<String, Object> values = new LinkedHashMap<>();

        fields.text("title", 10, false, values);
        fields.bool("done", values);
        fields.integer("count", 1, 9, values);
        fields.uuid("id", "an id (UUID)", values);
        fields.tags("tags", 5, 10, values);
        fields.version();
        fields.nested("inner").number("rate", new LinkedHashMap<>());

        assertThatThrownBy(() -> fields.throwIfInvalid("thing"))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldViolation::field)
                                .containsExactly("title", "done", "count", "id", "tags", "version", "inner.rate"));
        assertThat(values).isEmpty();
    }

    @Test
    void bothSpellingsOfOneFieldAreRefusedAndANonObjectBodyIsNamed() {
        Fields twice = new Fields(JSON.readTree("{\"due_date\":\"a\",\"dueDate\":\"b\"}"));
        assertThatThrownBy(() -> twice.throwIfInvalid("thing"))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("dueDate"));
        assertThatThrownBy(() -> new Fields(JSON.readTree("[]")))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("body"));
    }
}
