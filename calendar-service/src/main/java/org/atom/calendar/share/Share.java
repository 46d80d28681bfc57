package org.atom.calendar.share;

import java.time.Instant;
import java.util.UUID;
import org.atom.platform.web.Cursor;

/** A stored grant: the owner lets whoever has {@code granteeEmail} see their calendar within {@code scope}. */
record Share(UUID id, String ownerId, String granteeEmail, ShareScope scope, Instant createdAt) {

    /** The position of this share in a list (by {@code createdAt}, then id). */
    Cursor cursor() {
        return Cursor.of(createdAt, id);
    }
}
