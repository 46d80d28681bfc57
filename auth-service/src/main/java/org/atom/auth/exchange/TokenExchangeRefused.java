package org.atom.auth.exchange;

import java.util.List;
import org.atom.platform.web.FieldViolation;
import org.springframework.http.HttpStatus;

/**
 * A refused token request, as RFC 6749 §5.2 names it: the OAuth {@code error} code, the HTTP status, a
 * description for humans (never echoing a secret or token) and the parameter at fault, if one is.
 */
class TokenExchangeRefused extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_CLIENT = "invalid_client";
    static final String INVALID_GRANT = "invalid_grant";
    static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    static final String INVALID_SCOPE = "invalid_scope";
    /** RFC 8693 §2.2.2: an {@code audience} or {@code resource} this server does not issue tokens for. */
    static final String INVALID_TARGET = "invalid_target";

    private final String error;
    private final HttpStatus status;
    private final List<FieldViolation> violations;

    private TokenExchangeRefused(String error, HttpStatus status, String description, List<FieldViolation> violations) {
        super(description, null, false, false); // an answer to the client, not a failure: no stack trace
        this.error = error;
        this.status = status;
        this.violations = violations;
    }

    /** 401 {@code invalid_client}: no, unknown or wrong client credentials. */
    static TokenExchangeRefused invalidClient(String description) {
        return new TokenExchangeRefused(INVALID_CLIENT, HttpStatus.UNAUTHORIZED, description, List.of());
    }

    /** 400 {@code invalid_grant}: the subject cannot get a token (unknown or deactivated user, invalid token). */
    static TokenExchangeRefused invalidGrant(String description) {
        return new TokenExchangeRefused(INVALID_GRANT, HttpStatus.BAD_REQUEST, description, List.of());
    }

    /** 400 with the code, naming the parameter at fault in {@code errors[]}. */
    static TokenExchangeRefused badParameter(String error, String parameter, String message) {
        return new TokenExchangeRefused(
                error,
                HttpStatus.BAD_REQUEST,
                "'" + parameter + "' " + message,
                List.of(new FieldViolation(parameter, message)));
    }

    /** 400 {@code invalid_request} about the request as a whole. */
    static TokenExchangeRefused invalidRequest(String description) {
        return new TokenExchangeRefused(INVALID_REQUEST, HttpStatus.BAD_REQUEST, description, List.of());
    }

    String error() {
        return error;
    }

    HttpStatus status() {
        return status;
    }

    List<FieldViolation> violations() {
        return violations;
    }
}
