package org.atom.platform.web;

/**
 * One page of a collection, from the {@code limit} (1..200, default 50) and {@code cursor} query parameters.
 * Controllers declare {@code @RequestParam(required = false) Integer limit, @RequestParam(required = false)
 * String cursor} and call {@link #of(Integer, String)}; the service fetches {@link #fetchSize()} rows after
 * {@link #after()} in its documented order and builds a {@link CursorPage}.
 *
 * @param limit the page size
 * @param after where the previous page ended; null for the first page
 */
public record CursorPageRequest(int limit, Cursor after) {

    public static final String LIMIT = "limit";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public CursorPageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BadRequestException.of(LIMIT, "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Validates the raw parameters: a bad limit or cursor → 400 naming it. */
    public static CursorPageRequest of(Integer limit, String cursor) {
        return new CursorPageRequest(
                limit == null ? DEFAULT_LIMIT : limit,
                cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor));
    }

    /** The first page with the default size. */
    public static CursorPageRequest first() {
        return new CursorPageRequest(DEFAULT_LIMIT, null);
    }

    /** Rows to fetch: one more than the page, which tells whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    public boolean isFirst() {
        return after == null;
    }
}
