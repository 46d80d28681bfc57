package org.atom.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that shapes RFC 9457 problem documents: {@code type, title, status, detail, instance} plus the
 * {@code error} member that the original ATOM clients read, and {@code errors[]} ({@link FieldViolation}) when
 * particular inputs were wrong.
 */
public final class ProblemResponses {

    /** Extension member holding the field violations. */
    public static final String ERRORS = "errors";
    /** Extension member repeating {@code detail}, for clients of the original API. */
    public static final String ERROR = "error";

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    /** A problem for the status with the given human-readable detail. */
    public static ProblemDetail problem(HttpStatusCode status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return complete(problem, request);
    }

    /** A problem naming the inputs that were wrong; the violations go to {@code errors[]}. */
    public static ProblemDetail problem(
            HttpStatusCode status, String detail, HttpServletRequest request, List<FieldViolation> errors) {
        ProblemDetail problem = problem(status, detail, request);
        if (!errors.isEmpty()) {
            problem.setProperty(ERRORS, List.copyOf(errors));
        }
        return problem;
    }

    /**
     * Fills what every ATOM problem carries and Spring may have left out: a title, a detail (the status' reason
     * if none), the {@code instance} (the path the client called, also on an error dispatch) and {@code error}.
     */
    public static ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getType() == null) {
            // RFC 9457's default, written out: clients may rely on every member being present
            problem.setType(ABOUT_BLANK);
        }
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        String reason = status != null ? status.getReasonPhrase() : "Error";
        if (problem.getTitle() == null) {
            problem.setTitle(reason);
        }
        if (problem.getDetail() == null || problem.getDetail().isBlank()) {
            problem.setDetail(reason);
        }
        if (problem.getInstance() == null && request != null) {
            problem.setInstance(instance(request));
        }
        problem.setProperty(ERROR, problem.getDetail());
        return problem;
    }

    /** Writes a problem directly to the response, for filters and security handlers outside Spring MVC. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String detail)
            throws IOException {
        write(request, response, problem(status, detail, request));
    }

    /** Writes a prepared problem directly to the response (its status becomes the response status). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        complete(problem, request);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), asMap(problem));
    }

    /** The problem as a flat JSON object (its extra properties as top-level members, as RFC 9457 wants). */
    public static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", (problem.getType() != null ? problem.getType() : ABOUT_BLANK).toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** The path the client asked for: on an error dispatch that is the original one, not {@code /error}. */
    private static URI instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String s ? s : request.getRequestURI();
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
