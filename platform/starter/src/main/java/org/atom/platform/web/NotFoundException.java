package org.atom.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A resource the caller cannot see: unknown, or another user's (the two are never told apart) → 404 problem.
 */
public class NotFoundException extends ErrorResponseException {

    private final String resource;
    private final transient Object id;

    /** E.g. {@code new NotFoundException("Task", id)} → "Task 0f8f… not found". */
    public NotFoundException(String resource, Object id) {
        super(
                HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, resource + " " + id + " not found"),
                null);
        this.resource = resource;
        this.id = id;
    }

    public String resource() {
        return resource;
    }

    public Object id() {
        return id;
    }
}
