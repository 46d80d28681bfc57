package org.atom.platform.web;

import java.io.IOException;

/**
 * Thrown from the request body stream once more than {@code atom.web.max-body-size} bytes were read; an
 * {@link IOException} so it travels through any reader (Jackson, Spring's converters) and is answered with 413.
 */
class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The exception somewhere in the cause chain, or null. */
    static RequestBodyTooLargeException in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    String detail() {
        return "The request body is larger than the limit of " + describe(limit);
    }

    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
