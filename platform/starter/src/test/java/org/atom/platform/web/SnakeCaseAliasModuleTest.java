package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.atom.platform.web.SnakeCaseAliasModule.DuplicateAliasException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SnakeCaseAliasModuleTest {

    private final JsonMapper json =
            JsonMapper.builder().addModule(new SnakeCaseAliasModule()).build();

    record Task(String title, Instant dueDate, Boolean isImportant, List<Subtask> subtasks) {}

    record Subtask(String title, Boolean isDone) {}

    record Renamed(
            @JsonProperty("startsAt") Instant start,
            @JsonAlias("legacyName") String displayName) {}

    static class Bean {
        private String firstName;
        public String lastName;

        public void setFirstName(String firstName) {
            this.firstName = firstName;
        }

        public String getFirstName() {
            return firstName;
        }
    }

    @Test
    void recordsAcceptSnakeCaseNamesAtEveryLevel() {
        Task task = json.readValue("""
                {"title": "t", "due_date": "2025-01-10T10:00:00Z", "is_important": true,
                 "subtasks": [{"title": "s", "is_done": false}]}""", Task.class);

        assertThat(task.dueDate()).isEqualTo(Instant.parse("2025-01-10T10:00:00Z"));
        assertThat(task.isImportant()).isTrue();
        assertThat(task.subtasks().getFirst().isDone()).isFalse();
    }

    @Test
    void camelCaseNamesStillWorkAndOutputStaysCamelCase() {
        Task task = json.readValue("{\"title\": \"t\", \"isImportant\": true}", Task.class);

        assertThat(task.isImportant()).isTrue();
        assertThat(json.writeValueAsString(task)).contains("\"isImportant\"").doesNotContain("is_important");
    }

    @Test
    void settersAndFieldsAcceptSnakeCaseNames() {
        Bean bean = json.readValue("{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}", Bean.class);

        assertThat(bean.getFirstName()).isEqualTo("Ada");
        assertThat(bean.lastName).isEqualTo("Lovelace");
    }

    @Test
    void explicitNamesAndAliasesKeepWorkingAndGetTheirSnakeCaseSpelling() {
        Renamed renamed =
                json.readValue("{\"starts_at\": \"2025-01-10T10:00:00Z\", \"legacyName\": \"x\"}", Renamed.class);
        Renamed snake = json.readValue("{\"display_name\": \"y\"}", Renamed.class);

        assertThat(renamed.start()).isEqualTo(Instant.parse("2025-01-10T10:00:00Z"));
        assertThat(renamed.displayName()).isEqualTo("x");
        assertThat(snake.displayName()).isEqualTo("y");
    }

    @Test
    void bothSpellingsOfOneFieldAreRejectedWithItsPath() {
        assertThatThrownBy(() -> json.readValue("{\"subtasks\": [{\"isDone\": true, \"is_done\": false}]}", Task.class))
                .isInstanceOf(DuplicateAliasException.class)
                .satisfies(e -> assertThat(((DuplicateAliasException) e).getPathReference())
                        .contains("subtasks")
                        .contains("isDone"));
    }
}
