package org.atom.calendar.share;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.atom.contracts.EventContracts;
import org.atom.platform.users.UserProfiles;
import org.atom.testkit.TestKafka;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users for calendar integration tests, made as auth-service makes them: an {@code atom.user.registered.v1} event
 * (valid by its contract) on {@code auth-service.user.v1}, then waiting until the service's read model has it.
 */
public final class CalendarUsers {

    public static final String TOPIC = "auth-service.user.v1";
    private static final EventContracts CONTRACTS = new EventContracts();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DAYS =
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private final UserProfiles profiles;

    public CalendarUsers(UserProfiles profiles) {
        this.profiles = profiles;
    }

    /** A registered user: their id (the JWT subject) and email (lower-case). */
    public record User(String id, String email) {}

    /** The same hours Monday to Friday, weekends off (auth-service's default is 09:00–17:00). */
    public static String[][] weekdays(String start, String end) {
        return new String[][] {{start, end}, {start, end}, {start, end}, {start, end}, {start, end}, null, null};
    }

    /** The same hours every day of the week. */
    public static String[][] everyDay(String start, String end) {
        String[] hours = {start, end};
        return new String[][] {hours, hours, hours, hours, hours, hours, hours};
    }

    /** Registers a user with the zone and working hours (Monday first; null: a day off) and waits for the profile. */
    public User register(String timeZone, String[][] workingHours) {
        String id = UUID.randomUUID().toString();
        String email = "user-" + UUID.randomUUID() + "@example.org";
        publish(id, registered(id, email.toUpperCase(Locale.ROOT), timeZone, workingHours));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> profiles.find(id).map(p -> email.equals(p.email())).orElse(false));
        return new User(id, email);
    }

    /** A user with the default profile: UTC, Monday to Friday 09:00–17:00. */
    public User register() {
        return register("UTC", weekdays("09:00", "17:00"));
    }

    /** auth-service deleted the account; waits until the read model forgot it (erasers ran in that transaction). */
    public void delete(User user) {
        ObjectNode event = envelope("atom.user.deleted.v1", user.id(), Instant.now());
        event.withObject("data").put("id", user.id());
        publish(user.id(), event);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> profiles.find(user.id()).isEmpty());
    }

    private static ObjectNode registered(String id, String email, String timeZone, String[][] workingHours) {
        ObjectNode event = envelope("atom.user.registered.v1", id, Instant.now());
        ObjectNode data = event.withObject("data")
                .put("id", id)
                .put("email", email)
                .put("name", "Test User")
                .put("timeZone", timeZone)
                .put("locale", "en-US");
        ObjectNode hours = data.putObject("workingHours");
        for (int i = 0; i < DAYS.size(); i++) {
            if (workingHours[i] == null) {
                hours.putNull(DAYS.get(i));
            } else {
                hours.putObject(DAYS.get(i)).put("start", workingHours[i][0]).put("end", workingHours[i][1]);
            }
        }
        data.putArray("roles").add("USER");
        data.put("active", true)
                .put("createdAt", Instant.now().toString())
                .put("updatedAt", Instant.now().toString());
        return event;
    }

    private static ObjectNode envelope(String type, String user, Instant time) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("source", "/auth-service")
                .put("subject", user)
                .put("time", time.toString())
                .put("datacontenttype", "application/json")
                .put("userid", user);
        event.putObject("data");
        return event;
    }

    private static void publish(String user, ObjectNode event) {
        CONTRACTS.assertValid(event.toString());
        TestKafka.broker().send(TOPIC, user, event.toString());
    }
}
