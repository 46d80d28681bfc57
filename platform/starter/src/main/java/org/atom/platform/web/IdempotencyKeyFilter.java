package org.atom.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atom.platform.web.IdempotencyStore.Acquired;
import org.atom.platform.web.IdempotencyStore.Claim;
import org.atom.platform.web.IdempotencyStore.InProgress;
import org.atom.platform.web.IdempotencyStore.Mismatch;
import org.atom.platform.web.IdempotencyStore.Replay;
import org.atom.platform.web.IdempotencyStore.StoredResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on authenticated POSTs: the first 2xx response per (user = JWT {@code sub}, method and
 * path, key) is stored and replayed, with {@code Idempotent-Replayed: true}, instead of running the request
 * again; the same key with another body → 422; a duplicate while the first still runs → 409. Failed attempts
 * (non-2xx, exceptions) release the key so the client can retry. Runs after Spring Security (it needs the user).
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    /** The response headers a replay repeats (besides status and body). */
    static final List<String> STORED_HEADERS =
            List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_LANGUAGE);

    private final IdempotencyStore store;

    IdempotencyKeyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || isForm(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = currentUserId();
        if (userId == null) { // anonymous routes have no user to scope keys by
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            String message = "must be 1 to " + MAX_KEY_LENGTH + " characters";
            ProblemResponses.write(
                    request,
                    response,
                    ProblemResponses.problem(
                            HttpStatus.BAD_REQUEST,
                            "Header '" + HEADER + "' " + message,
                            request,
                            List.of(new FieldViolation(HEADER, message))));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (RequestBodyTooLargeException tooLarge) {
            ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge.detail());
            return;
        }
        String route = request.getMethod() + " "
                + request.getRequestURI().substring(request.getContextPath().length());
        Claim claim = store.claim(userId, route, key, sha256(body));
        switch (claim) {
            case Acquired ignored -> runAndStore(request, response, chain, body, userId, route, key);
            case Replay replay -> replay(response, replay.response());
            case Mismatch ignored ->
                ProblemResponses.write(
                        request,
                        response,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "This Idempotency-Key was already used with a different request body");
            case InProgress ignored -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                ProblemResponses.write(
                        request,
                        response,
                        HttpStatus.CONFLICT,
                        "A request with this Idempotency-Key is still being processed; retry shortly");
            }
        }
    }

    private void runAndStore(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            byte[] body,
            String userId,
            String route,
            String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            int status = captured.getStatus();
            // an async handler has not produced its response yet: nothing to store, the key is released
            if (!request.isAsyncStarted() && status >= 200 && status < 300) {
                store.complete(
                        userId,
                        route,
                        key,
                        new StoredResponse(status, headers(captured), captured.getContentAsByteArray()));
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(userId, route, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private static void replay(HttpServletResponse response, StoredResponse stored) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                response.setContentType(value);
            } else {
                response.setHeader(name, value);
            }
        });
        response.setHeader(REPLAYED, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static Map<String, String> headers(ContentCachingResponseWrapper response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        for (String name : STORED_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static String currentUserId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getSubject()
                : null;
    }

    /** Form posts are left alone: their parameters are parsed from a stream this filter would consume. */
    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType mediaType = MediaType.parseMediaType(type);
            return MediaType.APPLICATION_FORM_URLENCODED.includes(mediaType)
                    || MediaType.MULTIPART_FORM_DATA.includes(mediaType);
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The request with its already-read body served again from memory. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
