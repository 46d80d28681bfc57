package org.atom.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** Says, in a client's terms, what a value of some Java type must look like ("must be an integer"). */
final class ExpectedType {

    private final JsonMapper json;

    ExpectedType(JsonMapper json) {
        this.json = json;
    }

    String describe(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of: " + enumValues(type);
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == Byte.class
                || type == byte.class
                || type == BigInteger.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return type == BigDecimal.class ? "must be a decimal number" : "must be a number";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "must be an RFC 3339 timestamp, e.g. 2025-01-10T10:00:00Z";
        }
        if (type == LocalDateTime.class) {
            return "must be a date-time, e.g. 2025-01-10T10:00:00";
        }
        if (type == LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (type == LocalTime.class) {
            return "must be a time (HH:MM or HH:MM:SS)";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "must be an IANA time zone id, e.g. Europe/Paris";
        }
        if (type == Duration.class) {
            return "must be an ISO 8601 duration, e.g. PT15M";
        }
        if (type == Currency.class) {
            return "must be an ISO 4217 currency code";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /** The constants as clients write them (honouring @JsonProperty/@JsonValue), not their Java names. */
    private String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> {
                    try {
                        return json.convertValue(constant, String.class);
                    } catch (RuntimeException notAString) {
                        return ((Enum<?>) constant).name();
                    }
                })
                .collect(Collectors.joining(", "));
    }
}
