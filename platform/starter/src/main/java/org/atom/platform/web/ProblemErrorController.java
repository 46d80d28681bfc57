package org.atom.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.atom.platform.observability.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's {@code BasicErrorController}: whatever reaches the container's error page (an exception
 * thrown by a filter, a {@code sendError} outside Spring MVC) is answered with the same problem+json as
 * everything else, whatever the client accepts, and never with the exception's message.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String detail;
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(error);
        if (tooLarge != null) {
            status = HttpStatus.CONTENT_TOO_LARGE;
            detail = tooLarge.detail();
        } else {
            detail = switch (status) {
                case UNAUTHORIZED -> "A valid access token is required";
                case FORBIDDEN -> "Not allowed";
                case NOT_FOUND -> "No endpoint " + request.getMethod() + " " + originalPath(request);
                case INTERNAL_SERVER_ERROR -> ProblemExceptionHandler.UNEXPECTED;
                default -> status.getReasonPhrase();
            };
        }
        ProblemDetail problem = ProblemResponses.problem(status, detail, request);
        if (status.is5xxServerError()) {
            String requestId = requestId(response);
            problem.setProperty(ProblemExceptionHandler.REQUEST_ID, requestId);
            if (error != null) {
                log.error(
                        "Request {} {} failed outside Spring MVC (request id {})",
                        request.getMethod(),
                        originalPath(request),
                        requestId,
                        error);
            } else {
                log.warn(
                        "Request {} {} answered {} outside Spring MVC (request id {})",
                        request.getMethod(),
                        originalPath(request),
                        status.value(),
                        requestId);
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String s ? s : request.getRequestURI();
    }

    private static String requestId(HttpServletResponse response) {
        String id = response.getHeader(RequestIdFilter.HEADER);
        return id != null ? id : MDC.get(RequestIdFilter.MDC_KEY);
    }
}
