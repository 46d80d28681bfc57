package org.atom.platform.web;

/**
 * One entry of a problem's {@code errors[]}: which input was wrong and why.
 *
 * @param field the JSON property path as the client sees it ({@code dueDate}, {@code items[0].title}), a query
 *     parameter or header name ({@code limit}, {@code Idempotency-Key}), or {@code $} for the body as a whole
 * @param message what is wrong with it, e.g. {@code must not be blank}
 */
public record FieldViolation(String field, String message) {}
