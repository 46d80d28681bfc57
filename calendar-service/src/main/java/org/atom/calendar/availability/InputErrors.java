package org.atom.calendar.availability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;

/** The problems found in one request's query parameters, reported together as one 400 naming each. */
final class InputErrors {

    private final List<FieldViolation> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new FieldViolation(field, message));
    }

    boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Hands each problem on, e.g. into a body's errors. */
    void forEach(BiConsumer<String, String> to) {
        errors.forEach(e -> to.accept(e.field(), e.message()));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** "Invalid {what}: 'field' message; …" when there was any problem. */
    void throwIfAny(String what) {
        if (!errors.isEmpty()) {
            throw new BadRequestException(
                    "Invalid " + what + ": "
                            + String.join(
                                    "; ",
                                    errors.stream()
                                            .map(e -> "'" + e.field() + "' " + e.message())
                                            .toList()),
                    errors);
        }
    }
}
