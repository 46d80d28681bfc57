package org.atom.calendar.share;

import java.util.LinkedHashMap;
import java.util.Map;
import org.atom.platform.users.EmailAddress;
import org.atom.platform.web.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/calendar/shares}: {@code granteeEmail} (also {@code grantee_email}), required, and
 * {@code scope}, {@code free_busy} when left out. Every problem is reported at once, each naming its field.
 */
record ShareInput(String granteeEmail, ShareScope scope) {

    static final String GRANTEE_EMAIL = "granteeEmail", SCOPE = "scope";

    static ShareInput parse(JsonNode body) {
        JsonFields fields = new JsonFields(body, Map.of("grantee_email", GRANTEE_EMAIL)) {};
        Map<String, Object> values = new LinkedHashMap<>();
        String email = null;
        if (!fields.stated(GRANTEE_EMAIL)) {
            fields.fail(GRANTEE_EMAIL, "is required");
        } else if (fields.present(GRANTEE_EMAIL, false, values)) {
            JsonNode node = fields.node(GRANTEE_EMAIL);
            email = node.isString() ? EmailAddress.parse(node.asString()).orElse(null) : null;
            if (email == null) {
                fields.fail(GRANTEE_EMAIL, EmailAddress.RULE);
            }
        }
        fields.choice(SCOPE, ShareScope::of, ShareScope.allowed().toString(), values);
        fields.throwIfInvalid("share");
        return new ShareInput(email, (ShareScope) values.getOrDefault(SCOPE, ShareScope.FREE_BUSY));
    }
}
