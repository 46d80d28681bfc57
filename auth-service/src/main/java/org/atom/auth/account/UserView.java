package org.atom.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A user as the API shows it ({@code GET /api/auth/profile}, the admin list, login and registration) and as the
 * {@code atom.user.*} events carry it. Never any password data.
 */
public record UserView(
        UUID id,
        String email,
        String name,
        String timeZone,
        String locale,
        WorkingHours.View workingHours,
        JsonNode preferences,
        JsonNode advancedSettings,
        List<Role> roles,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt,
        long version) {}
