package org.atom.auth.publishing;

import java.util.Map;
import java.util.UUID;
import org.atom.auth.account.UserView;
import org.atom.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Account changes → {@code atom.user.*.v1} events on {@value #TOPIC}, through the outbox (so each commits with
 * its change). Keyed by the user id; {@code data} is the user as {@code GET /api/auth/profile} shows it, or
 * {@code {id}} for a deletion.
 */
@Component
public class UserEvents {

    public static final String TOPIC = "auth-service.user.v1";
    public static final String REGISTERED = "atom.user.registered.v1";
    public static final String UPDATED = "atom.user.updated.v1";
    public static final String DEACTIVATED = "atom.user.deactivated.v1";
    public static final String REACTIVATED = "atom.user.reactivated.v1";
    public static final String DELETED = "atom.user.deleted.v1";

    private final Outbox outbox;

    UserEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void registered(UserView user) {
        publish(REGISTERED, user.id(), user);
    }

    public void updated(UserView user) {
        publish(UPDATED, user.id(), user);
    }

    public void deactivated(UserView user) {
        publish(DEACTIVATED, user.id(), user);
    }

    public void reactivated(UserView user) {
        publish(REACTIVATED, user.id(), user);
    }

    public void deleted(UUID userId) {
        publish(DELETED, userId, Map.of("id", userId.toString()));
    }

    private void publish(String type, UUID userId, Object data) {
        outbox.publish(TOPIC, type, userId.toString(), userId.toString(), data);
    }
}
