package org.atom.calendar.share;

import java.time.Instant;

/**
 * A share as its grantee sees it: who shared ({@code ownerEmail}, the address to ask free/busy or suggestions with;
 * null while the read model does not know the owner's address) and what.
 */
record ReceivedShareView(String id, String ownerEmail, String scope, Instant createdAt) {}
