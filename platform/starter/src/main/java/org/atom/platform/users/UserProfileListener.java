package org.atom.platform.users;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import org.atom.platform.events.CloudEvent;
import org.atom.platform.events.CloudEventCodec;
import org.atom.platform.events.InvalidEventException;
import org.atom.platform.kafka.IdempotentConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.JsonNode;

/**
 * Keeps {@code user_profile} from auth-service's user events and erases a deleted user's data. Each event has one
 * effect however often it is delivered; an event that cannot be read goes to the dead-letter topic at once.
 */
class UserProfileListener {

    static final String TOPIC = "auth-service.user.v1";
    static final String LISTENER_ID = "atom-user-profiles";
    /** The name under which processed event ids are recorded in {@code processed_event}. */
    static final String CONSUMER = "user-profiles";

    static final String REGISTERED = "atom.user.registered.v1";
    static final String UPDATED = "atom.user.updated.v1";
    static final String REACTIVATED = "atom.user.reactivated.v1";
    static final String DELETED = "atom.user.deleted.v1";

    private static final Logger log = LoggerFactory.getLogger(UserProfileListener.class);

    private final CloudEventCodec codec;
    private final IdempotentConsumer idempotent;
    private final UserProfileStore store;
    private final ObjectProvider<UserDataEraser> erasers;

    UserProfileListener(
            CloudEventCodec codec,
            IdempotentConsumer idempotent,
            UserProfileStore store,
            ObjectProvider<UserDataEraser> erasers) {
        this.codec = codec;
        this.idempotent = idempotent;
        this.store = store;
        this.erasers = erasers;
    }

    // One group per service (every service needs every event); the topic may not exist yet (auth-service declares
    // it), which the platform's missing-topics-fatal=false tolerates.
    @KafkaListener(id = LISTENER_ID, topics = TOPIC, groupId = "${spring.application.name}")
    void on(String value) {
        CloudEvent event = codec.read(value);
        switch (event.type()) {
            case REGISTERED, UPDATED, REACTIVATED -> {
                // read before the transaction: an unreadable profile is dead-lettered, not retried
                UserProfile profile = profile(event);
                if (event.time() == null) {
                    throw new InvalidEventException(event.type() + " " + event.id() + " without time");
                }
                idempotent.runOnce(CONSUMER, event.id(), () -> store.upsert(profile, event.time()));
            }
            case DELETED -> {
                String userId = userId(event);
                boolean erased = idempotent.runOnce(CONSUMER, event.id(), () -> {
                    // erasers first: they may still read the profile (e.g. the email others' grants name)
                    erasers.orderedStream().forEach(eraser -> eraser.eraseUser(userId));
                    store.delete(userId);
                });
                if (erased) {
                    log.info("Erased the data of a deleted user (event {})", event.id());
                }
            }
            default -> log.debug("Ignoring {} {}", event.type(), event.id());
        }
    }

    /** The part of the user this read model keeps (zone, locale, working hours, email); nothing else is read. */
    private static UserProfile profile(CloudEvent event) {
        JsonNode data = event.data();
        try {
            return new UserProfile(
                    userId(event),
                    ZoneId.of(string(data, "timeZone")),
                    locale(string(data, "locale")),
                    WorkingHoursJson.read(data.get("workingHours")),
                    email(data));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidEventException(
                    event.type() + " " + event.id() + " has an unreadable profile: " + e.getMessage(), e);
        }
    }

    private static String userId(CloudEvent event) {
        JsonNode id = event.data() == null ? null : event.data().get("id");
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw new InvalidEventException(event.type() + " " + event.id() + " without data.id");
        }
        return id.asString();
    }

    private static String string(JsonNode data, String member) {
        JsonNode value = data == null ? null : data.get(member);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException(member + " is not a non-empty string");
        }
        return value.asString();
    }

    /**
     * The account's email (lower-cased by {@link UserProfile}); null when absent or not a string. The contract requires
     * it, but a profile without one still serves everything else the read model is for, so it is no reason to
     * dead-letter the event.
     */
    private static String email(JsonNode data) {
        JsonNode value = data == null ? null : data.get("email");
        return value != null && value.isString() ? value.asString() : null;
    }

    private static Locale locale(String tag) {
        Locale locale = Locale.forLanguageTag(tag.replace('_', '-'));
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("locale " + tag + " is no language tag");
        }
        return locale;
    }
}
