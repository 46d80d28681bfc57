package org.atom.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.ETag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Optimistic concurrency over HTTP for resources with a {@code version}: {@code ETag: "<version>"} on responses,
 * {@code If-Match} checked before a change (stale → 412), a stale {@code version} in the body → 409, and
 * {@code If-None-Match} on reads → 304. Neither request header is required.
 *
 * <p>The tag is strong: one version has exactly one JSON representation, and {@code If-Match} compares strongly
 * (RFC 9110 §13.1.1), so a weak tag could never satisfy it.
 */
public final class ETags {

    private ETags() {}

    /** {@code "<version>"}. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether an {@code If-Match} header (absent = no condition) admits the current version. */
    public static boolean ifMatchHolds(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return true;
        }
        ETag current = new ETag(Long.toString(currentVersion), false);
        List<ETag> tags = ETag.parse(ifMatch);
        return tags.stream().anyMatch(tag -> tag.isWildcard() || tag.compare(current, true));
    }

    /**
     * Call before changing (or deleting) a resource, inside the transaction that loaded it.
     *
     * @throws PreconditionFailedException (412) if {@code If-Match} names another version
     */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (!ifMatchHolds(ifMatch, currentVersion)) {
            throw new PreconditionFailedException("If-Match does not match the current version " + of(currentVersion)
                    + "; reload the resource and try again");
        }
    }

    /**
     * For a {@code version} sent in a request body (absent = no condition).
     *
     * @throws ConflictException (409) if the client edited an older version
     */
    public static void checkVersion(Long sentVersion, long currentVersion) {
        if (sentVersion != null && sentVersion != currentVersion) {
            throw new ConflictException("version " + sentVersion + " is stale: the resource is at version "
                    + currentVersion + "; reload it and try again");
        }
    }

    /** 200 with the body and its ETag, or 304 (no body) if {@code If-None-Match} already names this version. */
    public static <T> ResponseEntity<T> ok(String ifNoneMatch, long version, T body) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            ETag current = new ETag(Long.toString(version), false);
            // If-None-Match compares weakly: W/"3" and "3" both mean version 3
            if (ETag.parse(ifNoneMatch).stream().anyMatch(tag -> tag.isWildcard() || tag.compare(current, false))) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                        .eTag(of(version))
                        .build();
            }
        }
        return ResponseEntity.ok().eTag(of(version)).body(body);
    }

    /** 201 with {@code Location}, the ETag and the body. */
    public static <T> ResponseEntity<T> created(URI location, long version, T body) {
        return ResponseEntity.created(location).eTag(of(version)).body(body);
    }
}
