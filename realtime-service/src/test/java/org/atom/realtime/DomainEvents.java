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
        Object data = type.endsWith(".deleted.v1")
                ? Map.of("id", taskId)
                : taskData(taskId, title, type.equals("atom.task.completed.v1"));
        publish(TASKS, userId, type, taskId, data, UUID.randomUUID().toString());
        return taskId;
    }

    static Map<String, Object> taskData(String id, String title, boolean completed) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", id);
        task.put("title", title);
        task.put("status", completed ? "completed" : "pending");
        if (completed) {
            task.put("completedAt", Instant.now().toString());
        }
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

    /** A user event ({@code atom.user.updated.v1}, {@code deactivated}, ...) carrying the user's profile. */
    static void user(String userId, String type, boolean active) {
        Map<String, Object> day = Map.of("start", "09:00", "end", "17:00");
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String weekday : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            hours.put(weekday, day);
        }
        hours.put("saturday", null);
        hours.put("sunday", null);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        user.put("email", userId + "@example.org");
        user.put("name", "Test User");
        user.put("timeZone", "Europe/Berlin");
        user.put("locale", "en");
        user.put("workingHours", hours);
        user.put("roles", List.of("USER"));
        user.put("active", active);
        user.put("createdAt", Instant.now().toString());
        user.put("updatedAt", Instant.now().toString());
        Object data = type.equals("atom.user.deleted.v1") ? Map.of("id", userId) : user;
        publish(USERS, userId, type, userId, data, UUID.randomUUID().toString());
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
