package org.atom.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.atom.platform.observability.RequestIdFilter;
import org.atom.platform.web.SnakeCaseAliasModule.DuplicateAliasException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every exception a controller lets out into an RFC 9457 problem (see {@link ProblemResponses}): 400 with
 * {@code errors[]} naming the field for validation, unreadable JSON, wrong types and unknown enum values; 404 for
 * unknown paths and {@link NotFoundException}; 409 for optimistic-lock failures; anything unexpected → 500 with a
 * generic detail and the request id, the exception itself only in the log.
 *
 * <p>Lowest precedence: a service's own advice (registered before auto-configuration) is asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    static final String UNEXPECTED = "An unexpected error occurred";
    static final String REQUEST_ID = "requestId";
    /** errors[].field for the request body as a whole. */
    static final String WHOLE_BODY = "$";

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final JsonFieldNames fieldNames;
    private final ExpectedType expectedType;

    ProblemExceptionHandler(JsonMapper json) {
        this.fieldNames = new JsonFieldNames(json);
        this.expectedType = new ExpectedType(json);
    }

    // ---- validation ---------------------------------------------------------------------------------------

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        MethodParameter parameter = ex.getParameter();
        Class<?> body = parameter.hasParameterAnnotation(RequestBody.class) ? parameter.getParameterType() : null;
        return invalid(ex, violations(ex.getBindingResult(), body, ""), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.isForReturnValue()) { // our own output is wrong: not the client's fault
            return handleExceptionInternal(ex, null, headers, HttpStatus.INTERNAL_SERVER_ERROR, request);
        }
        List<FieldViolation> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            MethodParameter parameter = result.getMethodParameter();
            String index = result.getContainerIndex() != null
                    ? "[" + result.getContainerIndex() + "]"
                    : result.getContainerKey() != null ? "[" + result.getContainerKey() + "]" : "";
            if (result instanceof ParameterErrors parameterErrors) {
                boolean isBody = parameter.hasParameterAnnotation(RequestBody.class);
                Object argument = parameterErrors.getArgument();
                Class<?> type = isBody && argument != null ? argument.getClass() : null;
                String prefix = isBody ? index : parameterName(parameter) + index;
                errors.addAll(violations(parameterErrors, type, prefix));
            } else {
                String name = parameter.hasParameterAnnotation(RequestBody.class)
                        ? WHOLE_BODY
                        : parameterName(parameter) + index;
                result.getResolvableErrors()
                        .forEach(error -> errors.add(new FieldViolation(name, error.getDefaultMessage())));
            }
        }
        ex.getCrossParameterValidationResults()
                .forEach(error -> errors.add(new FieldViolation(WHOLE_BODY, error.getDefaultMessage())));
        return invalid(ex, errors, headers, request);
    }

    /** From {@code @Validated} beans (method validation outside Spring MVC's own). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldViolation> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldOf(v), v.getMessage()))
                .toList();
        return invalid(ex, errors, new HttpHeaders(), request);
    }

    // ---- unreadable input ---------------------------------------------------------------------------------

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(ex);
        if (tooLarge != null) {
            return tooLarge(ex, tooLarge, request);
        }
        JacksonException json = jacksonCause(ex);
        if (json == null) {
            // Spring's own wording for an empty body; nothing else reaches here without a cause
            String message = ex.getMessage();
            if (message != null && message.startsWith("Required request body is missing")) {
                return badRequest(
                        ex,
                        "A request body is required",
                        List.of(new FieldViolation(WHOLE_BODY, "is required")),
                        headers,
                        request);
            }
            return badRequest(ex, "The request body could not be read", List.of(), headers, request);
        }
        if (json instanceof StreamReadException malformed) {
            String field = fieldAt(malformed);
            String where =
                    malformed.getLocation() != null && malformed.getLocation().getLineNr() > 0
                            ? " at line %d, column %d"
                                    .formatted(
                                            malformed.getLocation().getLineNr(),
                                            malformed.getLocation().getColumnNr())
                            : "";
            return badRequest(
                    ex,
                    "The request body is not valid JSON" + where
                            + (field.equals(WHOLE_BODY) ? "" : " (in '" + field + "')"),
                    List.of(new FieldViolation(field, "is not valid JSON")),
                    headers,
                    request);
        }
        String field = json instanceof DatabindException databind ? pathOf(databind) : WHOLE_BODY;
        String message = switch (json) {
            case DuplicateAliasException duplicate -> duplicate.getOriginalMessage();
            case InvalidNullException ignored -> "must not be null";
            case UnrecognizedPropertyException ignored -> "is not a known field";
            case MismatchedInputException mismatch -> expectedType.describe(mismatch.getTargetType());
            default -> "is invalid";
        };
        String detail = field.equals(WHOLE_BODY)
                ? "The request body " + message
                : "Invalid request body: '" + field + "' " + message;
        return badRequest(ex, detail, List.of(new FieldViolation(field, message)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument
                ? parameterName(argument.getParameter())
                : ex.getPropertyName();
        String message = expectedType.describe(ex.getRequiredType());
        return badRequest(
                ex, "'" + name + "' " + message, List.of(new FieldViolation(name, message)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String name = ex.getParameterName();
        return badRequest(
                ex,
                "Query parameter '" + name + "' is required",
                List.of(new FieldViolation(name, "is required")),
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            String name = missing.getHeaderName();
            return badRequest(
                    ex,
                    "Header '" + name + "' is required",
                    List.of(new FieldViolation(name, "is required")),
                    headers,
                    request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    // ---- routing ------------------------------------------------------------------------------------------

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring calls it a "static resource"; for an API client it is simply an unknown endpoint
        return noEndpoint(ex, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return noEndpoint(ex, headers, request);
    }

    // ---- state --------------------------------------------------------------------------------------------

    /** A concurrent update won (JPA {@code @Version}): the client should reload and retry. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex, WebRequest request) {
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.CONFLICT,
                "The resource was changed by another request; reload it and try again",
                servletRequest(request));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    /** Spring Security answers these itself (401 with {@code WWW-Authenticate}, 403), after the MVC layer. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void handleSecurity(RuntimeException ex) {
        throw ex;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(ex);
        if (tooLarge != null) {
            return tooLarge(ex, tooLarge, request);
        }
        return handleExceptionInternal(ex, null, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Every response of this handler passes here: the one place that completes the problem's shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        ProblemDetail problem;
        if (body instanceof ProblemDetail p) {
            problem = p;
        } else if (ex instanceof ErrorResponse errorResponse) {
            // Spring leaves the body to us for ErrorResponse exceptions (ours, ResponseStatusException, 405 …)
            problem = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        } else {
            problem = ProblemDetail.forStatus(status);
        }
        if (status.is5xxServerError()) {
            String requestId = requestId(request);
            if (deliberate(ex)) {
                log.warn(
                        "Request {} {} answered {} (request id {}): {}",
                        method(servletRequest),
                        path(servletRequest),
                        status.value(),
                        requestId,
                        problem.getDetail());
            } else {
                log.error(
                        "Request {} {} failed (request id {})",
                        method(servletRequest),
                        path(servletRequest),
                        requestId,
                        ex);
                // messages of unexpected exceptions are for the log only: they may reveal internals
                problem.setDetail(status.value() == 500 ? UNEXPECTED : null);
            }
            problem.setProperty(REQUEST_ID, requestId);
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} → {}: {}", method(servletRequest), path(servletRequest), status.value(), ex.toString());
        }
        ProblemResponses.complete(problem, servletRequest);
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ResponseEntity<Object> invalid(
            Exception ex, List<FieldViolation> errors, HttpHeaders headers, WebRequest request) {
        String detail = errors.isEmpty()
                ? "The request is invalid"
                : "The request is invalid: "
                        + errors.stream()
                                .map(e -> "'" + e.field() + "' " + e.message())
                                .collect(Collectors.joining("; "));
        return badRequest(ex, detail, errors, headers, request);
    }

    private ResponseEntity<Object> badRequest(
            Exception ex, String detail, List<FieldViolation> errors, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem =
                ProblemResponses.problem(HttpStatus.BAD_REQUEST, detail, servletRequest(request), errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> tooLarge(Exception ex, RequestBodyTooLargeException tooLarge, WebRequest request) {
        ProblemDetail problem =
                ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.detail(), servletRequest(request));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
    }

    private ResponseEntity<Object> noEndpoint(Exception ex, HttpHeaders headers, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.NOT_FOUND,
                "No endpoint " + method(servletRequest) + " " + path(servletRequest),
                servletRequest);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    private List<FieldViolation> violations(Errors errors, Class<?> bodyType, String prefix) {
        List<FieldViolation> result = new ArrayList<>();
        for (FieldError error : errors.getFieldErrors()) {
            String field = bodyType != null ? fieldNames.toJsonPath(bodyType, error.getField()) : error.getField();
            String message = error.isBindingFailure() && error.contains(TypeMismatchException.class)
                    ? expectedType.describe(
                            error.unwrap(TypeMismatchException.class).getRequiredType())
                    : error.getDefaultMessage();
            result.add(new FieldViolation(join(prefix, field), message));
        }
        for (ObjectError error : errors.getGlobalErrors()) {
            result.add(new FieldViolation(prefix.isEmpty() ? WHOLE_BODY : prefix, error.getDefaultMessage()));
        }
        return result;
    }

    private static String join(String prefix, String field) {
        if (prefix.isEmpty()) {
            return field;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    /** The name the client used for a parameter: the one in its annotation, else the Java parameter name. */
    private static String parameterName(MethodParameter parameter) {
        String name = null;
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        CookieValue cookie = parameter.getParameterAnnotation(CookieValue.class);
        if (param != null) {
            name = param.name();
        } else if (path != null) {
            name = path.name();
        } else if (header != null) {
            name = header.name();
        } else if (cookie != null) {
            name = cookie.name();
        }
        if (name == null || name.isEmpty()) {
            name = parameter.getParameterName();
        }
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    /**
     * The path of a violation as the client names it: {@code attendees[2].email}, {@code tags[1]}, {@code email[0]}
     * (a list parameter), {@code labels[home]}. Bean Validation puts an element's index or key on the node that
     * follows its container — a property of the element, or a container-element node that Hibernate Validator names
     * {@code <list element>}, {@code <map value>} … —: the index goes after the container's name, and those
     * synthetic names are left out. A method's parameter names the path only when nothing inside it does (a bean's
     * properties are named from the bean, as a request body's are).
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder parameterIndexes = new StringBuilder();
        List<StringBuilder> segments = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT) {
                continue; // the method, a return value, a cross-parameter or class-level constraint
            }
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                String index = at == null ? "" : "[" + at + "]"; // a Set's elements have no index
                (segments.isEmpty() ? parameterIndexes : segments.getLast()).append(index);
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                segments.add(new StringBuilder(name));
            }
        }
        if (segments.isEmpty()) {
            return parameter != null ? parameter + parameterIndexes : WHOLE_BODY;
        }
        String path = String.join(".", segments);
        return parameterIndexes.isEmpty() ? path : parameterIndexes + "." + path;
    }

    private static JacksonException jacksonCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    /** {@code items[0].title} from Jackson's reference chain (JSON names, as matched). */
    private static String pathOf(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? WHOLE_BODY : path.toString();
    }

    /** Where the parser was when the JSON broke, as sent ({@code /items/0/title} → {@code items[0].title}). */
    private static String fieldAt(StreamReadException ex) {
        if (!(ex.processor() instanceof JsonParser parser) || parser.streamReadContext() == null) {
            return WHOLE_BODY;
        }
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = parser.streamReadContext().pathAsPointer(); p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.isEmpty() ? WHOLE_BODY : path.toString();
    }

    /** Problems a developer raised on purpose (their detail is meant for the client), not failures. */
    private static boolean deliberate(Exception ex) {
        return ex instanceof ResponseStatusException;
    }

    static String requestId(WebRequest request) {
        String id = MDC.get(RequestIdFilter.MDC_KEY);
        if (id == null && request != null) {
            HttpServletResponse response =
                    request instanceof NativeWebRequest n ? n.getNativeResponse(HttpServletResponse.class) : null;
            id = response != null ? response.getHeader(RequestIdFilter.HEADER) : null;
        }
        return id;
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    }

    private static String method(HttpServletRequest request) {
        return request == null ? "?" : request.getMethod();
    }

    private static String path(HttpServletRequest request) {
        return request == null ? "?" : request.getRequestURI();
    }
}
