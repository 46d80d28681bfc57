package org.atom.auth.account;

import java.time.Duration;
import java.util.List;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The account feature's deliberate error answers, as problem+json (see the service page for each). */
final class AccountProblems {

    static final String INVALID_CREDENTIALS = "Invalid email or password";

    private AccountProblems() {}

    /** 401, the same for an unknown email and a wrong password. */
    static ErrorResponseException invalidCredentials() {
        ErrorResponseException e = problem(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, List.of());
        e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return e;
    }

    /** 403 after a correct password: the account exists but is deactivated. */
    static ErrorResponseException deactivated() {
        return problem(HttpStatus.FORBIDDEN, "Account is deactivated; an administrator can reactivate it", List.of());
    }

    /** 429 + {@code Retry-After} (whole seconds, at least 1). */
    static ErrorResponseException tooManyAttempts(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ErrorResponseException e = problem(
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed sign-in attempts; try again in " + seconds + " s",
                List.of());
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return e;
    }

    /** 409: the address (in any letter case) already has an account. */
    static ErrorResponseException emailTaken(String field) {
        return problem(
                HttpStatus.CONFLICT,
                "User with this email already exists",
                List.of(new FieldViolation(field, "is already registered")));
    }

    /** 403 naming {@code currentPassword}: it is missing or wrong for an operation that needs it. */
    static ErrorResponseException currentPasswordRequired(String message) {
        return problem(
                HttpStatus.FORBIDDEN,
                "'currentPassword' " + message,
                List.of(new FieldViolation("currentPassword", message)));
    }

    private static ErrorResponseException problem(HttpStatus status, String detail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (!errors.isEmpty()) {
            problem.setProperty(ProblemResponses.ERRORS, errors);
        }
        return new ErrorResponseException(status, problem, null);
    }
}
