package org.atom.realtime.delivery;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table from domain event types (ARCHITECTURE.md §3) to what clients receive: the client event names
 * the original server emitted and its clients listen for, or what the event does to the user's connections.
 * A type not in the table follows the same pattern: {@code atom.<aggregate>.<verb>.vN} becomes
 * {@code <aggregate segments joined by ':'>:<verb>}, so a new service's events reach clients without a change here.
 */
public final class ClientEvents {

    /** What a domain event does for its user's clients. */
    public enum Effect {
        /** push the event under the mapped names */
        PUSH,
        /** nothing for clients (e.g. registration: no client can be connected yet) */
        NONE,
        /** close the user's connections and refuse tokens issued before the event */
        DEACTIVATE,
        /** like {@link #DEACTIVATE}, for an erased account */
        DELETE,
        /** accept the user's tokens again */
        REACTIVATE
    }

    /** A row of the table. */
    public record Mapping(Effect effect, List<String> clientEvents) {}

    private static final Map<String, Mapping> TABLE = Map.ofEntries(
            push("atom.task.created.v1", "task:created"),
            push("atom.task.updated.v1", "task:updated"),
            push("atom.task.deleted.v1", "task:deleted"),
            // the original emitted task:updated on completion; task:completed is for clients that care
            push("atom.task.completed.v1", "task:updated", "task:completed"),
            push("atom.task.reminder.fired.v1", "task:reminder"),
            push("atom.project.created.v1", "project:created"),
            push("atom.project.updated.v1", "project:updated"),
            push("atom.project.deleted.v1", "project:deleted"),
            push("atom.note.created.v1", "note:created"),
            push("atom.note.updated.v1", "note:updated"),
            push("atom.note.deleted.v1", "note:deleted"),
            push("atom.calendar.event.created.v1", "calendar:event:created"),
            push("atom.calendar.event.updated.v1", "calendar:event:updated"),
            push("atom.calendar.event.deleted.v1", "calendar:event:deleted"),
            push("atom.user.updated.v1", "user:updated"),
            effect("atom.user.registered.v1", Effect.NONE),
            effect("atom.user.deactivated.v1", Effect.DEACTIVATE),
            effect("atom.user.deleted.v1", Effect.DELETE),
            effect("atom.user.reactivated.v1", Effect.REACTIVATE),
            // services still to come publish these types (docs/services/realtime-service.md)
            push("atom.message.received.v1", "message:new"),
            push("atom.message.read.v1", "message:read"),
            push("atom.message.deleted.v1", "message:deleted"),
            push("atom.message.sent.v1", "message:sent"),
            push("atom.message.sync.completed.v1", "communications:synced"),
            push("atom.integration.connected.v1", "integration:connected"),
            push("atom.integration.disconnected.v1", "integration:disconnected"),
            // the original emitted the first name, its README and clients the second
            push("atom.integration.sync.completed.v1", "integration:sync:completed", "integration:synced"),
            push("atom.integration.sync.failed.v1", "integration:sync:failed"),
            push("atom.workflow.execution.completed.v1", "workflow:executed", "workflow:executed:realtime"),
            push("atom.workflow.execution.failed.v1", "workflow:execution:failed"),
            push("atom.agent.run.logged.v1", "agent:log"));

    private static final Pattern TYPE = Pattern.compile("atom\\.((?:[a-z0-9-]+\\.)+)([a-z0-9-]+)\\.v[0-9]+");

    private ClientEvents() {}

    /** The row for a domain event type: from the table, else by the naming pattern, else {@link Effect#NONE}. */
    public static Mapping of(String type) {
        Mapping mapping = TABLE.get(type);
        if (mapping != null) {
            return mapping;
        }
        Matcher m = TYPE.matcher(type);
        if (!m.matches()) {
            return new Mapping(Effect.NONE, List.of());
        }
        String aggregate = m.group(1).substring(0, m.group(1).length() - 1).replace('.', ':');
        return new Mapping(Effect.PUSH, List.of(aggregate + ":" + m.group(2)));
    }

    /** Whether the type has its own row (not derived from the pattern). */
    public static boolean listed(String type) {
        return TABLE.containsKey(type);
    }

    private static Map.Entry<String, Mapping> push(String type, String... clientEvents) {
        return Map.entry(type, new Mapping(Effect.PUSH, List.of(clientEvents)));
    }

    private static Map.Entry<String, Mapping> effect(String type, Effect effect) {
        return Map.entry(type, new Mapping(effect, List.of()));
    }
}
