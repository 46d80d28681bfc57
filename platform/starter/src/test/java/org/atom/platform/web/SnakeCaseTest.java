package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnakeCaseTest {

    @Test
    void camelCaseNamesGetTheirSnakeCaseSpelling() {
        assertThat(SnakeCase.fromCamel("dueDate")).isEqualTo("due_date");
        assertThat(SnakeCase.fromCamel("isImportant")).isEqualTo("is_important");
        assertThat(SnakeCase.fromCamel("userID")).isEqualTo("user_id");
        assertThat(SnakeCase.fromCamel("htmlURLValue")).isEqualTo("html_url_value");
        assertThat(SnakeCase.fromCamel("title")).isEqualTo("title");
    }

    @Test
    void snakeCaseParametersGetTheirCamelCaseSpellingAndOthersNone() {
        assertThat(SnakeCase.toCamel("start_date")).isEqualTo("startDate");
        assertThat(SnakeCase.toCamel("unread_only")).isEqualTo("unreadOnly");
        assertThat(SnakeCase.toCamel("agent_name")).isEqualTo("agentName");
        assertThat(SnakeCase.toCamel("limit")).isNull();
        assertThat(SnakeCase.toCamel("_private")).isNull();
        assertThat(SnakeCase.toCamel("Start_Date")).isNull();
        assertThat(SnakeCase.toCamel("trailing_")).isNull();
    }
}
