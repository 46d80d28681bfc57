package org.atom.task.task;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.ProblemResponses;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/tasks/bulk}: up to {@value #MAX_OPERATIONS} creates, updates, completions and deletions in one
 * request. Each operation runs in a transaction of its own, so some may succeed while others fail; the response
 * has one result per operation, in order, with the status and body the single-task endpoint would have given.
 */
@RestController
@RequestMapping("/api/tasks/bulk")
class TaskBulkController {

    static final int MAX_OPERATIONS = 100;

    private final TaskService service;

    TaskBulkController(TaskService service) {
        this.service = service;
    }

    /**
     * One operation's outcome: {@code ref} echoes the client's own reference (e.g. to match created tasks), and
     * either {@code task} (201/200; absent after a delete) or {@code error} (the problem the single endpoint gives).
     */
    record Result(int index, String ref, int status, TaskView task, ProblemDetail error) {}

    record Response(int succeeded, int failed, List<Result> results) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Response bulk(@RequestBody JsonNode body) {
        JsonNode operations = body.path("operations");
        if (!operations.isArray() || operations.isEmpty() || operations.size() > MAX_OPERATIONS) {
            throw BadRequestException.of("operations", "must be an array of 1 to " + MAX_OPERATIONS + " operations");
        }
        String owner = CurrentUser.id();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            results.add(run(owner, i, operations.get(i)));
        }
        int succeeded = (int) results.stream().filter(r -> r.error() == null).count();
        return new Response(succeeded, results.size() - succeeded, results);
    }

    private Result run(String owner, int index, JsonNode operation) {
        String ref = operation.path("ref").isString() ? operation.path("ref").asString() : null;
        try {
            String op = operation.path("op").asString("");
            return switch (op) {
                case "create" ->
                    new Result(index, ref, 201, service.create(owner, TaskInput.parse(operation.path("task"))), null);
                case "update" ->
                    new Result(
                            index,
                            ref,
                            200,
                            service.update(owner, id(operation), TaskInput.parse(operation.path("task")), null),
                            null);
                case "complete" ->
                    new Result(
                            index, ref, 200, service.update(owner, id(operation), completion(operation), null), null);
                case "delete" -> {
                    service.delete(owner, id(operation), null);
                    yield new Result(index, ref, 204, null, null);
                }
                default -> throw BadRequestException.of("op", "must be create, update, complete or delete");
            };
        } catch (ErrorResponseException failed) {
            ProblemDetail problem = failed.getBody();
            if (problem.getProperties() == null || !problem.getProperties().containsKey(ProblemResponses.ERROR)) {
                problem.setProperty(
                        ProblemResponses.ERROR, problem.getDetail()); // as every problem of the API carries it
            }
            return new Result(index, ref, problem.getStatus(), null, problem);
        }
    }

    /** Completing is an update of the status (with the optional {@code version} check). */
    private static TaskInput completion(JsonNode operation) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put(TaskInput.STATUS, TaskStatus.COMPLETED.value());
        if (operation.has(TaskInput.VERSION)) {
            status.set(TaskInput.VERSION, operation.get(TaskInput.VERSION));
        }
        return TaskInput.parse(status);
    }

    private static UUID id(JsonNode operation) {
        JsonNode id = operation.path("id");
        try {
            if (id.isString() && id.asString().length() == 36) {
                return UUID.fromString(id.asString());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequestException(
                "'id' must be the task's id (UUID)", List.of(new FieldViolation("id", "must be the task's id (UUID)")));
    }
}
