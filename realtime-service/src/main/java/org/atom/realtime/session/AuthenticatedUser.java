package org.atom.realtime.session;

import java.time.Instant;

/** Who a connection belongs to, from its verified access token, and until when the token is valid. */
public record AuthenticatedUser(String userId, Instant expiresAt) {}
