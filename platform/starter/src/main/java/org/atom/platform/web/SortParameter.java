package org.atom.platform.web;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a {@code sort} query parameter: the name of one of a collection's sort keys, {@code -} in front for descending. */
public final class SortParameter {

    /** The key the parameter names, and the direction. */
    public record Sort<K>(K key, boolean descending) {}

    private SortParameter() {}

    /**
     * @param value the parameter as sent (absent or blank: {@code fallback})
     * @param keys every sort key of the collection
     * @param name a key's name in the parameter ({@code dueDate})
     * @throws BadRequestException naming {@code sort} and listing the names, for any other value
     */
    public static <K> Sort<K> parse(String value, K[] keys, Function<K, String> name, Sort<K> fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        boolean descending = value.startsWith("-");
        String wanted = descending ? value.substring(1) : value;
        for (K key : keys) {
            if (name.apply(key).equals(wanted)) {
                return new Sort<>(key, descending);
            }
        }
        throw BadRequestException.of(
                "sort",
                "must be one of " + Arrays.stream(keys).map(name).collect(Collectors.joining(", "))
                        + " (- for descending)");
    }
}
