package org.atom.calendar.share;

import java.time.Instant;

/** A share as its owner sees it. */
record ShareView(String id, String granteeEmail, String scope, Instant createdAt) {

    static ShareView of(Share share) {
        return new ShareView(
                share.id().toString(), share.granteeEmail(), share.scope().value(), share.createdAt());
    }
}
