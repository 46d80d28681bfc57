package org.atom.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atom.platform.web.FieldViolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code PUT}/{@code PATCH /api/auth/profile} body split into the profile fields it changes (top-level names in
 * camelCase, the original snake_case names accepted) and its two controls: {@code currentPassword} (needed for a
 * new email) and {@code version} (optimistic concurrency). Anything else is refused by name, so a client that
 * tries to set the password or roles here learns where that is done instead of being silently ignored.
 */
record ProfileChanges(ObjectNode fields, String currentPassword, Long version) {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("name", "name"),
            Map.entry("email", "email"),
            Map.entry("timeZone", "timeZone"),
            Map.entry("time_zone", "timeZone"),
            Map.entry("locale", "locale"),
            Map.entry("workingHours", "workingHours"),
            Map.entry("working_hours", "workingHours"),
            Map.entry("preferences", "preferences"),
            Map.entry("advancedSettings", "advancedSettings"),
            Map.entry("advanced_settings", "advancedSettings"),
            Map.entry("currentPassword", "currentPassword"),
            Map.entry("current_password", "currentPassword"),
            Map.entry("version", "version"));

    private static final Map<String, String> ELSEWHERE = Map.of(
            "password", "cannot be changed here; use POST /api/auth/change-password",
            "newPassword", "cannot be changed here; use POST /api/auth/change-password",
            "new_password", "cannot be changed here; use POST /api/auth/change-password",
            "roles", "are managed by administrators (PUT /api/auth/admin/users/{id}/roles)",
            "active", "cannot be changed here; use POST /api/auth/deactivate",
            "is_active", "cannot be changed here; use POST /api/auth/deactivate");

    static ProfileChanges read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AccountService.invalid(List.of(new FieldViolation("$", "must be a JSON object")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        String currentPassword = null;
        Long version = null;
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String sent = member.getKey();
            String name = NAMES.get(sent);
            if (name == null) {
                String elsewhere = ELSEWHERE.get(sent);
                violations.add(new FieldViolation(sent, elsewhere != null ? elsewhere : "is not a known field"));
                continue;
            }
            if (seen.contains(name)) {
                violations.add(new FieldViolation(name, "was sent twice (camelCase and snake_case); send one"));
                continue;
            }
            seen.add(name);
            JsonNode value = member.getValue();
            switch (name) {
                case "currentPassword" -> {
                    if (value.isString()) {
                        currentPassword = value.asString();
                    } else if (!value.isNull()) {
                        violations.add(new FieldViolation(name, "must be a string"));
                    }
                }
                case "version" -> {
                    if (value.isIntegralNumber() && value.canConvertToLong()) {
                        version = value.asLong();
                    } else if (!value.isNull()) {
                        violations.add(new FieldViolation(name, "must be an integer"));
                    }
                }
                default -> fields.set(name, value);
            }
        }
        if (!violations.isEmpty()) {
            throw AccountService.invalid(violations);
        }
        return new ProfileChanges(fields, currentPassword, version);
    }
}
