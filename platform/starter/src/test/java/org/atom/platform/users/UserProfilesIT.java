package org.atom.platform.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.atom.contracts.EventContracts;
import org.atom.platform.kafka.TopicDeclarations;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.platform.sample.SampleUserDataEraser;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The user read model in a real service: real CloudEvents on {@code auth-service.user.v1}, as auth-service sends them. */
@SampleServiceContext
class UserProfilesIT {

    private static final String TOPIC = UserProfileListener.TOPIC;
    private static final String DLT = TOPIC + TopicDeclarations.DLT_SUFFIX;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventContracts CONTRACTS = new EventContracts();
    private static final WorkingHours.Hours NINE_TO_FIVE =
            new WorkingHours.Hours(LocalTime.of(9, 0), LocalTime.of(17, 0));

    private static Admin admin;

    @Autowired
    UserProfiles profiles;

    @Autowired
    SampleUserDataEraser eraser;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${spring.application.name}")
    String group;

    @BeforeAll
    static void connect() {
        String bootstrap = TestKafka.broker().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void aUserNoEventToldAboutHasTheDefaults() {
        String user = newUser();

        assertThat(profiles.find(user)).isEmpty();
        UserProfile profile = profiles.of(user);
        assertThat(profile.userId()).isEqualTo(user);
        assertThat(profile.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(profile.locale()).isEqualTo(Locale.US);
        assertThat(profile.workingHours().days())
                .containsOnlyKeys(
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                .allSatisfy((day, hours) -> assertThat(hours).isEqualTo(NINE_TO_FIVE));
    }

    @Test
    void aRegisteredUsersTimeZoneLocaleAndWorkingHoursAreStored() {
        String user = newUser();
        ObjectNode registered = userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE");
        ObjectNode hours = registered.withObject("data").withObject("workingHours");
        hours.putObject("saturday").put("start", "10:00").put("end", "14:00");
        hours.putNull("friday");

        send(user, registered);

        UserProfile profile = awaitProfile(user);
        assertThat(profile.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(profile.locale()).isEqualTo(Locale.GERMANY);
        assertThat(profile.workingHours().on(DayOfWeek.MONDAY)).contains(NINE_TO_FIVE);
        assertThat(profile.workingHours().isWorkingDay(DayOfWeek.FRIDAY)).isFalse();
        assertThat(profile.workingHours().on(DayOfWeek.SATURDAY))
                .contains(new WorkingHours.Hours(LocalTime.of(10, 0), LocalTime.of(14, 0)));
        assertThat(profile.workingHours().isWorkingDay(DayOfWeek.SUNDAY)).isFalse();
    }

    @Test
    void theReadModelKeepsTheEmailAndNoOtherPersonalData() {
        String user = newUser();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Asia/Tokyo", "ja-JP"));
        awaitProfile(user);

        assertThat(jdbc.queryForList(
                        "SELECT column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND table_name = 'user_profile'",
                        String.class))
                .containsExactlyInAnyOrder(
                        "user_id", "time_zone", "locale", "working_hours", "email", "event_time", "updated_at");
        String row = jdbc.queryForObject(
                "SELECT row_to_json(p)::text FROM user_profile p WHERE user_id = ?", String.class, user);
        assertThat(row).doesNotContain("Ada", "USER", "preferences", "dark");
    }

    @Test
    void aUserIsFoundByEmailInAnyLetterCase() {
        String user = newUser();
        String local = "Ada.Lovelace-" + UUID.randomUUID();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE", local + "@Example.ORG"));

        UserProfile profile = awaitProfile(user);

        assertThat(profile.email()).isEqualTo(local.toLowerCase(Locale.ROOT) + "@example.org");
        assertThat(profiles.findByEmail(local.toUpperCase(Locale.ROOT) + "@EXAMPLE.org"))
                .map(UserProfile::userId)
                .contains(user);
        assertThat(profiles.findByEmail(" " + local + "@example.org ")).isPresent();
        assertThat(profiles.findByEmail("nobody-" + UUID.randomUUID() + "@example.org"))
                .isEmpty();
        assertThat(profiles.findByEmail(" ")).isEmpty();
    }

    @Test
    void anEmailChangeMovesTheLookupToTheNewAddress() {
        String user = newUser();
        String before = "before-" + UUID.randomUUID() + "@example.org";
        String after = "after-" + UUID.randomUUID() + "@example.org";
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE", before));
        awaitProfile(user);

        send(user, userEvent("atom.user.updated.v1", user, T0.plusSeconds(60), "Europe/Berlin", "de-DE", after));

        await().atMost(WAIT).until(() -> profiles.findByEmail(after).isPresent());
        assertThat(profiles.findByEmail(before)).isEmpty();
        assertThat(profiles.of(user).email()).isEqualTo(after);
    }

    @Test
    void whileTwoProfilesCarryOneEmailTheLaterEventsUserIsFound() {
        String leaving = newUser();
        String taking = newUser();
        String email = "shared-" + UUID.randomUUID() + "@example.org";
        // the second user took the address; the first user's change away from it has not arrived yet
        send(leaving, userEvent("atom.user.registered.v1", leaving, T0, "Europe/Berlin", "de-DE", email));
        send(taking, userEvent("atom.user.registered.v1", taking, T0.plusSeconds(60), "Asia/Tokyo", "ja-JP", email));
        awaitProfile(leaving);
        awaitProfile(taking);

        assertThat(profiles.findByEmail(email)).map(UserProfile::userId).contains(taking);
    }

    @Test
    void severalProfilesAreReadAtOnce() {
        String berlin = newUser();
        String tokyo = newUser();
        String unknown = newUser();
        send(berlin, userEvent("atom.user.registered.v1", berlin, T0, "Europe/Berlin", "de-DE"));
        send(tokyo, userEvent("atom.user.registered.v1", tokyo, T0, "Asia/Tokyo", "ja-JP"));
        awaitProfile(berlin);
        awaitProfile(tokyo);

        Map<String, UserProfile> found = profiles.findAll(List.of(berlin, tokyo, unknown, berlin));

        assertThat(found).containsOnlyKeys(berlin, tokyo);
        assertThat(found.get(berlin).timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(found.get(tokyo).timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(profiles.findAll(List.of())).isEmpty();
    }

    @Test
    void anUpdateChangesTheProfile() {
        String user = newUser();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE"));
        awaitProfile(user);

        ObjectNode updated = userEvent("atom.user.updated.v1", user, T0.plusSeconds(60), "America/New_York", "en-US");
        updated.withObject("data")
                .withObject("workingHours")
                .putObject("monday")
                .put("start", "07:30")
                .put("end", "12:00");
        send(user, updated);

        await().atMost(WAIT).until(() -> profiles.of(user).timeZone().equals(ZoneId.of("America/New_York")));
        UserProfile profile = profiles.of(user);
        assertThat(profile.locale()).isEqualTo(Locale.US);
        assertThat(profile.workingHours().on(DayOfWeek.MONDAY))
                .contains(new WorkingHours.Hours(LocalTime.of(7, 30), LocalTime.of(12, 0)));
        assertThat(profile.workingHours().on(DayOfWeek.TUESDAY)).contains(NINE_TO_FIVE);
    }

    @Test
    void aReactivationRestatesTheProfile() {
        String user = newUser();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE"));
        awaitProfile(user);

        send(user, userEvent("atom.user.reactivated.v1", user, T0.plusSeconds(60), "Europe/Paris", "fr-FR"));

        await().atMost(WAIT).until(() -> profiles.of(user).timeZone().equals(ZoneId.of("Europe/Paris")));
        assertThat(profiles.of(user).locale()).isEqualTo(Locale.FRANCE);
    }

    @Test
    void anOlderEventArrivingAfterANewerOneDoesNotOverwriteIt() {
        String user = newUser();
        send(user, userEvent("atom.user.updated.v1", user, T0.plusSeconds(120), "Asia/Tokyo", "ja-JP"));
        awaitProfile(user);

        ObjectNode older = userEvent("atom.user.updated.v1", user, T0.plusSeconds(60), "America/Lima", "es-PE");
        RecordMetadata sent = send(user, older);
        awaitConsumed(sent);

        assertThat(processed(older))
                .as("the older event was handled, not failed")
                .isTrue();
        UserProfile profile = profiles.of(user);
        assertThat(profile.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(profile.locale()).isEqualTo(Locale.JAPAN);
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        String user = newUser();
        ObjectNode registered = userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE");
        send(user, registered);
        awaitProfile(user);
        Instant firstWrite = updatedAt(user);

        awaitConsumed(send(user, registered));

        assertThat(updatedAt(user)).as("the row was not written again").isEqualTo(firstWrite);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                        Integer.class,
                        UserProfileListener.CONSUMER,
                        registered.path("id").asString()))
                .isOne();
    }

    @Test
    void aDeletedUsersProfileIsRemovedAndEveryEraserErasesTheUsersData() {
        String user = newUser();
        String neighbour = newUser();
        String email = "leaving-" + UUID.randomUUID() + "@example.org";
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE", email));
        awaitProfile(user);
        storeItemOf(user);
        storeItemOf(user);
        storeItemOf(neighbour);

        send(user, deleted(user));

        await().atMost(WAIT).until(() -> profiles.find(user).isEmpty());
        assertThat(eraser.calls(user)).isOne();
        assertThat(eraser.emailSeen(user))
                .as("erasers run while the profile can still be read")
                .contains(email);
        assertThat(itemsOf(user))
                .as("the eraser's effect committed with the deletion")
                .isZero();
        assertThat(itemsOf(neighbour)).isOne();
        assertThat(profiles.of(user)).isEqualTo(UserProfile.defaults(user));
    }

    @Test
    void aDeletionDeliveredTwiceErasesOnce() {
        String user = newUser();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE"));
        awaitProfile(user);
        ObjectNode deleted = deleted(user);

        send(user, deleted);
        awaitConsumed(send(user, deleted));

        assertThat(profiles.find(user)).isEmpty();
        assertThat(eraser.calls(user)).isOne();
    }

    @Test
    void aFailingEraserUndoesTheWholeErasureAndTheDeletionIsDeadLettered() {
        String user = SampleUserDataEraser.FAILING_USER_PREFIX + UUID.randomUUID();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE"));
        awaitProfile(user);
        storeItemOf(user);
        ObjectNode deleted = deleted(user);

        try (EventCapture dlt = EventCapture.on(DLT)) {
            send(user, deleted);

            await().atMost(WAIT)
                    .until(() -> dlt.records().stream()
                            .anyMatch(r -> r.value().contains(deleted.path("id").asString())));
        }
        assertThat(eraser.calls(user)).as("first attempt and the retries").isGreaterThan(1);
        assertThat(profiles.find(user)).as("the profile's deletion rolled back").isPresent();
        assertThat(itemsOf(user)).as("the eraser's own deletion rolled back").isOne();
        assertThat(processed(deleted)).isFalse();
    }

    @Test
    void typesTheReadModelDoesNotHandleAreIgnored() {
        String user = newUser();
        send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE"));
        awaitProfile(user);

        ObjectNode unknown = event("atom.user.logged-in.v1", user, T0.plusSeconds(60));
        unknown.withObject("data").put("id", user).put("ip", "192.0.2.1");
        ObjectNode deactivated =
                userEvent("atom.user.deactivated.v1", user, T0.plusSeconds(120), "Asia/Tokyo", "ja-JP");
        deactivated.withObject("data").put("active", false);
        send(user, unknown);
        awaitConsumed(send(user, deactivated));

        assertThat(processed(unknown)).isFalse();
        assertThat(processed(deactivated)).isFalse();
        assertThat(profiles.of(user).timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String user = newUser();
        String poison = "{ not a cloud event " + UUID.randomUUID();
        try (EventCapture dlt = EventCapture.on(DLT)) {
            sendRaw(user, poison);
            send(user, userEvent("atom.user.registered.v1", user, T0, "Europe/Berlin", "de-DE"));

            awaitProfile(user);
            await().atMost(WAIT).until(() -> dlt.records().stream().anyMatch(r -> poison.equals(r.value())));
            var dead = dlt.records().stream()
                    .filter(r -> poison.equals(r.value()))
                    .findFirst()
                    .orElseThrow();
            assertThat(dead.key()).isEqualTo(user);
            assertThat(new String(dead.headers()
                            .lastHeader("kafka_dlt-original-topic")
                            .value()))
                    .isEqualTo(TOPIC);
        }
    }

    @Test
    void aProfileThisServiceCannotReadIsDeadLetteredAtOnce() {
        String user = newUser();
        // valid by the contract (an IANA-shaped id), but no time zone this JVM knows
        ObjectNode registered = userEvent("atom.user.registered.v1", user, T0, "Mars/Olympus_Mons", "en-US");
        try (EventCapture dlt = EventCapture.on(DLT)) {
            send(user, registered);

            await().atMost(WAIT)
                    .until(() -> dlt.records().stream()
                            .anyMatch(r ->
                                    r.value().contains(registered.path("id").asString())));
        }
        assertThat(profiles.find(user)).isEmpty();
        assertThat(processed(registered)).isFalse();
    }

    @Test
    void theListenerConsumesInTheServicesOwnGroupAndToleratesAMissingTopic() {
        MessageListenerContainer container = listeners.getListenerContainer(UserProfileListener.LISTENER_ID);

        assertThat(container).isNotNull();
        assertThat(container.getGroupId()).isEqualTo(group).isEqualTo("sample-service");
        assertThat(container.getContainerProperties().getTopics()).containsExactly(TOPIC);
        assertThat(container.getContainerProperties().isMissingTopicsFatal()).isFalse();
    }

    // --- events as auth-service publishes them ---------------------------------------------------------------

    private static ObjectNode userEvent(String type, String user, Instant time, String timeZone, String locale) {
        return userEvent(type, user, time, timeZone, locale, "ada-" + UUID.randomUUID() + "@example.org");
    }

    private static ObjectNode userEvent(
            String type, String user, Instant time, String timeZone, String locale, String email) {
        ObjectNode event = event(type, user, time);
        ObjectNode data = event.withObject("data")
                .put("id", user)
                .put("email", email)
                .put("name", "Ada")
                .put("timeZone", timeZone)
                .put("locale", locale);
        ObjectNode hours = data.putObject("workingHours");
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            hours.putObject(day).put("start", "09:00").put("end", "17:00");
        }
        hours.putNull("saturday");
        hours.putNull("sunday");
        data.putArray("roles").add("USER");
        data.put("active", true)
                .put("createdAt", T0.toString())
                .put("updatedAt", time.toString())
                .putNull("lastLoginAt");
        data.putObject("preferences").put("theme", "dark");
        return event;
    }

    private static ObjectNode deleted(String user) {
        ObjectNode event = event("atom.user.deleted.v1", user, T0.plusSeconds(3600));
        event.withObject("data").put("id", user);
        return event;
    }

    private static ObjectNode event(String type, String user, Instant time) {
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

    // --- helpers ---------------------------------------------------------------------------------------------

    private static String newUser() {
        return UUID.randomUUID().toString();
    }

    /** Publishes an event that satisfies its contract, keyed by the user as auth-service's relay does. */
    private static RecordMetadata send(String user, ObjectNode event) {
        CONTRACTS.assertValid(event.toString());
        return sendRaw(user, event.toString());
    }

    private static RecordMetadata sendRaw(String key, String value) {
        return TestKafka.broker().send(TOPIC, key, value);
    }

    /** Waits until the service's group committed past the record: it was handled (or dead-lettered). */
    private void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(WAIT).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            OffsetAndMetadata offset = committed.get(partition);
            return offset != null && offset.offset() > record.offset();
        });
    }

    private UserProfile awaitProfile(String user) {
        await().atMost(WAIT).until(() -> profiles.find(user).isPresent());
        return profiles.find(user).orElseThrow();
    }

    private boolean processed(ObjectNode event) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?",
                        Integer.class,
                        UserProfileListener.CONSUMER,
                        event.path("id").asString())
                .isEmpty();
    }

    private Instant updatedAt(String user) {
        return jdbc.queryForObject("SELECT updated_at FROM user_profile WHERE user_id = ?", Timestamp.class, user)
                .toInstant();
    }

    private void storeItemOf(String user) {
        jdbc.update(
                "INSERT INTO sample_item (id, owner_id, title, version) VALUES (?, ?, 'mine', 0)",
                UUID.randomUUID(),
                user);
    }

    private int itemsOf(String user) {
        return jdbc.queryForObject("SELECT count(*) FROM sample_item WHERE owner_id = ?", Integer.class, user);
    }
}
