package org.atom.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Input the generic checks let through but the service rejects → 400 problem naming the inputs. */
public class BadRequestException extends ErrorResponseException {

    private final List<FieldViolation> errors;

    public BadRequestException(String detail, List<FieldViolation> errors) {
        super(HttpStatus.BAD_REQUEST, body(detail, errors), null);
        this.errors = List.copyOf(errors);
    }

    /** One wrong input: {@code BadRequestException.of("limit", "must be between 1 and 200")}. */
    public static BadRequestException of(String field, String message) {
        return new BadRequestException("'" + field + "' " + message, List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    private static ProblemDetail body(String detail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (!errors.isEmpty()) {
            problem.setProperty(ProblemResponses.ERRORS, List.copyOf(errors));
        }
        return problem;
    }
}
