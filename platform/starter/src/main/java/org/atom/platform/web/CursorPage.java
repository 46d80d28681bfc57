package org.atom.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a keyset-paginated collection.
 *
 * @param items the page, in the collection's order
 * @param next where the next page starts, or null on the last page
 * @param totalCount how many items match the filters, across all pages ({@code X-Total-Count})
 */
public record CursorPage<T>(List<T> items, Cursor next, long totalCount) {

    public static final String TOTAL_COUNT = "X-Total-Count";

    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * Builds the page from rows fetched with {@link CursorPageRequest#fetchSize()} (one extra row means there is
     * a next page, which starts after the last row kept).
     *
     * @param keyOf the row's sort key, matching the query's {@code ORDER BY} (id last)
     */
    public static <T> CursorPage<T> of(
            List<T> fetched, CursorPageRequest request, Function<? super T, Cursor> keyOf, long totalCount) {
        if (fetched.size() <= request.limit()) {
            return new CursorPage<>(fetched, null, totalCount);
        }
        List<T> page = fetched.subList(0, request.limit());
        return new CursorPage<>(page, keyOf.apply(page.getLast()), totalCount);
    }

    public <R> CursorPage<R> map(Function<? super T, ? extends R> mapper) {
        return new CursorPage<>(items.stream().<R>map(mapper).toList(), next, totalCount);
    }

    /** The response for the current request: see {@link #toResponse(HttpServletRequest)}. */
    public ResponseEntity<List<T>> toResponse() {
        return toResponse(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
    }

    /**
     * 200 with the items as a bare JSON array, {@code X-Total-Count}, and {@code Link: <…>; rel="next"} unless
     * this is the last page. The link is the request's own URL (as the client called it through the gateway:
     * {@code X-Forwarded-Proto/Host/Prefix} are applied by the forwarded-header filter) with every query parameter
     * kept and only {@code cursor} replaced.
     */
    public ResponseEntity<List<T>> toResponse(HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(totalCount));
        if (next != null) {
            String url = ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam(Cursor.PARAMETER, next.encode())
                    .build(true)
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + url + ">; rel=\"next\"");
        }
        return response.body(items);
    }
}
