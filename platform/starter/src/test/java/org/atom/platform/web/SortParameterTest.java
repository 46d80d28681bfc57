package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SortParameterTest {

    enum Key {
        DUE("dueDate"),
        CREATED("createdAt");

        final String name;

        Key(String name) {
            this.name = name;
        }
    }

    private static final SortParameter.Sort<Key> FALLBACK = new SortParameter.Sort<>(Key.CREATED, true);

    @Test
    void aNameSortsAscendingAndAMinusDescending() {
        assertThat(SortParameter.parse("dueDate", Key.values(), k -> k.name, FALLBACK))
                .isEqualTo(new SortParameter.Sort<>(Key.DUE, false));
        assertThat(SortParameter.parse("-dueDate", Key.values(), k -> k.name, FALLBACK))
                .isEqualTo(new SortParameter.Sort<>(Key.DUE, true));
        assertThat(SortParameter.parse(" ", Key.values(), k -> k.name, FALLBACK))
                .isEqualTo(FALLBACK);
    }

    @Test
    void anUnknownNameIsA400NamingSortAndListingTheNames() {
        assertThatThrownBy(() -> SortParameter.parse("title", Key.values(), k -> k.name, FALLBACK))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.errors().getFirst())
                                .isEqualTo(new FieldViolation(
                                        "sort", "must be one of dueDate, createdAt (- for descending)")));
    }
}
