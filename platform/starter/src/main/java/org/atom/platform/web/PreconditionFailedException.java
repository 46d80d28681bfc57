package org.atom.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A conditional request's precondition (e.g. {@code If-Match}) does not hold → 412 problem. */
public class PreconditionFailedException extends ErrorResponseException {

    public PreconditionFailedException(String detail) {
        super(
                HttpStatus.PRECONDITION_FAILED,
                ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, detail),
                null);
    }
}
