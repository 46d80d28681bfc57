package org.atom.realtime;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atom.contracts.EventContracts;
import org.atom.testkit.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes domain events the way producers do (CloudEvents keyed by the owner's id on the aggregate's topic),
 * each checked against its contract first.
 */
final class DomainEvents {

    static final String TASKS = "task-service.task.v1";
    static final String USERS = "auth-service.user.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventContracts CONTRACTS = new EventContracts();

    private DomainEvents() {}

    /** A task event whose data is a minimal valid task with this title; returns the task id. */
    static String task(String userId, String type, String title) {
        String id = UUID.randomUUID().toString();
        return task(userId, type, id, title);
    }

    static String task(String userId, String type, String taskId, String title) {
        Object data = type.endsWith(".deleted.v1") ? Map.of("id", taskId) : taskData(taskId, title);
        publish(TASKS, userId, type, taskId, data, UUID.randomUUID().toString());
        return taskId;
    }

    static Map<String, Object> taskData(String id, String title) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", id);
        task.put("title", title);
        task.put("status", "pending");
        task.put("priority", "medium");
        task.put("isImportant", false);
        task.put("tags", List.of());
        task.put("position", 0);
        task.put("subtasks", List.of());
        task.put("version", 1);
        task.put("createdAt", Instant.now().toString());
        task.put("updatedAt", Instant.now().toString());
        return task;
    }

    /** Publishes one event with the given envelope id (the same id twice: an outbox re-delivery). */
    static void publish(String topic, String userId, String type, String subject, Object data, String eventId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("type", type);
        event.put("source", "/" + topic.substring(0, topic.indexOf('.')));
        event.put("subject", subject);
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("userid", userId);
        event.put("data", data);
        String json = JSON.writeValueAsString(event);
        var violations = CONTRACTS.violations(json);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("test event breaks its contract: " + violations);
        }
        TestKafka.broker().send(topic, userId, json);
    }
}
