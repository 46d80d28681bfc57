package org.atom.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.realtime.delivery.Subscriber.Attach.FRESH;
import static org.atom.realtime.delivery.Subscriber.Attach.RESUMED;
import static org.atom.realtime.delivery.Subscriber.Attach.RESYNC;
import static org.atom.realtime.delivery.TopicLog.TASKS;
import static org.atom.realtime.delivery.TopicLog.USERS;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.atom.platform.events.CloudEvent;
import org.atom.realtime.config.RealtimeProperties;
import org.atom.realtime.config.TestRealtimeProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class EventStreamsTest {

    private static final String ALICE = "alice";
    /** Kafka's default partitioner puts bob's records in alice's partitions */
    private static final String BOB = "bob";
    /** ... and carol's in others */
    private static final String CAROL = "carol";

    private static final String CREATED = "atom.task.created.v1";
    private static final String UPDATED = "atom.task.updated.v1";
    private static final String COMPLETED = "atom.task.completed.v1";
    private static final String DELETED = "atom.task.deleted.v1";
    private static final String USER_UPDATED = "atom.user.updated.v1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final TopicLog log = new TopicLog(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RevokedUsers revoked;
    private EventStreams streams;

    @BeforeEach
    void startInstance() {
        assertThat(TopicLog.partitionOf(TASKS, BOB)).isEqualTo(TopicLog.partitionOf(TASKS, ALICE));
        assertThat(TopicLog.partitionOf(USERS, BOB)).isEqualTo(TopicLog.partitionOf(USERS, ALICE));
        assertThat(TopicLog.partitionOf(TASKS, CAROL)).isNotEqualTo(TopicLog.partitionOf(TASKS, ALICE));
        RealtimeProperties properties = properties(1000);
        revoked = new RevokedUsers(properties, clock);
        streams = log.follow(new EventStreams(properties, revoked, new RealtimeMetrics(registry, clock), clock));
    }

    private static RealtimeProperties properties(int maxBufferedPerUser) {
        return TestRealtimeProperties.of(maxBufferedPerUser, 0);
    }

    /** Another instance, not yet reading. */
    private EventStreams newInstance(RealtimeProperties properties) {
        return new EventStreams(
                properties,
                new RevokedUsers(properties, clock),
                new RealtimeMetrics(new SimpleMeterRegistry(), clock),
                clock);
    }

    /** Another instance that reads the topics from offset 0 now and every record appended later. */
    private EventStreams anotherInstance(RealtimeProperties properties) {
        return log.follow(newInstance(properties));
    }

    private static RecordingSubscriber attach(EventStreams on, String userId, String token) {
        RecordingSubscriber subscriber = new RecordingSubscriber(userId);
        Subscriber.Attach outcome = on.attach(subscriber, token);
        assertThat(subscriber.attached().outcome()).isEqualTo(outcome);
        return subscriber;
    }

    private RecordingSubscriber attach(String userId, String token) {
        return attach(streams, userId, token);
    }

    private static Map<TopicPartition, Long> positionsIn(String token) {
        Map<Integer, String> topics = new HashMap<>();
        TopicLog.COUNTS.keySet().forEach(topic -> topics.put(topic.hashCode(), topic));
        return ResumeToken.decode(token, topics).orElseThrow();
    }

    private double consumed(String outcome) {
        return registry.get("atom.realtime.events")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void aLiveSubscriberGetsEachEventOnceInOrderAndNoOtherUsersEvents() {
        RecordingSubscriber alice = attach(ALICE, null);
        RecordingSubscriber bob = attach(BOB, null);
        RecordingSubscriber carol = attach(CAROL, null);

        log.task(ALICE, CREATED, "t1");
        log.task(BOB, CREATED, "b1");
        log.task(ALICE, UPDATED, "t2");
        log.user(ALICE, USER_UPDATED, "u1");
        log.task(ALICE, COMPLETED, "t3");
        log.task(BOB, DELETED, "b2");
        log.task(ALICE, DELETED, "t4");

        assertThat(alice.received())
                .containsExactly(
                        "task:created t1",
                        "task:updated t2",
                        "user:updated u1",
                        "task:updated t3",
                        "task:completed t3",
                        "task:deleted t4");
        assertThat(bob.received()).containsExactly("task:created b1", "task:deleted b2");
        assertThat(carol.deliveries()).isEmpty();

        List<String> tokens = alice.tokens();
        assertThat(tokens.get(3)).as("both messages of the completion").isEqualTo(tokens.get(4));
        assertThat(new HashSet<>(tokens)).as("one token per event").hasSize(5);
        assertThat(positionsIn(tokens.getLast()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        TopicLog.partitionOf(TASKS, ALICE), 6L,
                        TopicLog.partitionOf(USERS, ALICE), 1L));
        assertThat(alice.deliveries().getFirst().eventTime()).isEqualTo(clock.instant());
        assertThat(consumed("pushed")).isEqualTo(7);
    }

    @Test
    void aFreshAttachIsToldSoWithATokenAndGetsOnlyLaterEvents() {
        log.task(ALICE, CREATED, "t1");
        log.user(ALICE, USER_UPDATED, "u1");

        RecordingSubscriber alice = attach(ALICE, null);
        log.task(ALICE, UPDATED, "t2");

        assertThat(alice.attached().outcome()).isEqualTo(FRESH);
        assertThat(positionsIn(alice.attached().token()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        TopicLog.partitionOf(TASKS, ALICE), 1L,
                        TopicLog.partitionOf(USERS, ALICE), 1L));
        assertThat(alice.received()).containsExactly("task:updated t2");
    }

    @Test
    void aResumedSubscriberGetsExactlyTheEventsAfterItsTokenThenLiveOnes() {
        log.task(ALICE, CREATED, "t1");
        RecordingSubscriber first = attach(ALICE, null);
        String token = first.attached().token();
        streams.detach(first);

        log.task(ALICE, UPDATED, "t2");
        log.task(BOB, CREATED, "b1");
        log.user(ALICE, USER_UPDATED, "u1");
        log.task(ALICE, COMPLETED, "t3");
        RecordingSubscriber resumed = attach(ALICE, token);
        log.task(ALICE, DELETED, "t4");

        assertThat(resumed.attached().outcome()).isEqualTo(RESUMED);
        assertThat(positionsIn(resumed.attached().token())).isEqualTo(positionsIn(token));
        assertThat(resumed.received())
                .containsExactly(
                        "task:updated t2",
                        "user:updated u1",
                        "task:updated t3",
                        "task:completed t3",
                        "task:deleted t4");
        assertThat(first.deliveries()).isEmpty();
    }

    @Test
    void aTokenFromTheMiddleOfARunResumesWithExactlyTheRest() {
        RecordingSubscriber live = attach(ALICE, null);
        log.task(ALICE, CREATED, "t1");
        log.task(ALICE, UPDATED, "t2");
        log.task(ALICE, COMPLETED, "t3");
        log.task(BOB, CREATED, "b1");
        log.task(ALICE, DELETED, "t4");

        RecordingSubscriber resumed = attach(ALICE, live.deliveries().get(1).token());

        assertThat(resumed.attached().outcome()).isEqualTo(RESUMED);
        assertThat(resumed.received()).containsExactly("task:updated t3", "task:completed t3", "task:deleted t4");
    }

    @Test
    void everyDeliveredTokenResumesOnAnyInstanceWithExactlyTheEventsAfterIt() {
        RecordingSubscriber live = attach(ALICE, null);
        TopicPartition alicesTasks = TopicLog.partitionOf(TASKS, ALICE);
        log.task(ALICE, CREATED, "t1");
        log.task(CAROL, CREATED, "c1");
        log.task(BOB, CREATED, "b1");
        log.user(ALICE, USER_UPDATED, "u1");
        log.append(alicesTasks, null);
        log.task(ALICE, COMPLETED, "t2");
        log.user(BOB, USER_UPDATED, "u2");
        log.task(ALICE, UPDATED, "t3");
        log.user(ALICE, USER_UPDATED, "u3");
        log.task(ALICE, DELETED, "t4");
        List<String> all = live.received();
        assertThat(all)
                .containsExactly(
                        "task:created t1",
                        "user:updated u1",
                        "task:updated t2",
                        "task:completed t2",
                        "task:updated t3",
                        "user:updated u3",
                        "task:deleted t4");

        // as after a reconnect to an instance that started later and read the topics from the start
        EventStreams other = anotherInstance(properties(1000));

        for (EventStreams instance : List.of(streams, other)) {
            RecordingSubscriber fromAttach =
                    attach(instance, ALICE, live.attached().token());
            assertThat(fromAttach.attached().outcome()).isEqualTo(RESUMED);
            assertThat(fromAttach.received()).containsExactlyElementsOf(all);
            instance.detach(fromAttach);
            for (int i = 0; i < all.size(); i++) {
                String token = live.deliveries().get(i).token();
                List<String> after = all.subList(live.tokens().lastIndexOf(token) + 1, all.size());

                RecordingSubscriber resumed = attach(instance, ALICE, token);

                assertThat(resumed.attached().outcome()).isEqualTo(RESUMED);
                assertThat(resumed.received())
                        .as("resuming from delivery %d (%s)", i, all.get(i))
                        .containsExactlyElementsOf(after);
                instance.detach(resumed);
            }
        }

        RecordingSubscriber moved =
                attach(other, ALICE, live.deliveries().get(2).token());
        log.task(ALICE, CREATED, "t5");
        assertThat(moved.received())
                .containsExactly("task:updated t3", "user:updated u3", "task:deleted t4", "task:created t5");
        assertThat(live.received()).last().isEqualTo("task:created t5");
        assertThat(live.received()).hasSize(all.size() + 1);
    }

    @Test
    void anInstanceBehindTheTokenDoesNotRedeliverWhatTheClientHad() {
        RecordingSubscriber live = attach(ALICE, null);
        log.task(ALICE, CREATED, "t1");
        log.task(ALICE, UPDATED, "t2");
        log.task(ALICE, DELETED, "t3");
        List<TopicLog.Record> records = log.records();
        EventStreams lagging = newInstance(properties(1000));
        TopicLog.assignAll(lagging);
        TopicLog.feed(lagging, records.get(0));

        RecordingSubscriber resumed =
                attach(lagging, ALICE, live.deliveries().get(1).token());
        assertThat(resumed.attached().outcome()).isEqualTo(RESUMED);
        assertThat(resumed.deliveries()).isEmpty();
        records.subList(1, records.size()).forEach(record -> TopicLog.feed(lagging, record));

        assertThat(resumed.received()).containsExactly("task:deleted t3");
    }

    @Test
    void anEventIdSeenTwiceIsDeliveredOnce() {
        RecordingSubscriber live = attach(ALICE, null);
        CloudEvent created = log.event(CREATED, ALICE, "evt-1", "t1");
        log.append(TASKS, created);
        log.task(ALICE, UPDATED, "t2");
        log.append(TASKS, created); // the outbox published it again, at a later offset
        log.task(ALICE, DELETED, "t3");

        RecordingSubscriber resumed = attach(ALICE, live.attached().token());

        assertThat(live.received()).containsExactly("task:created t1", "task:updated t2", "task:deleted t3");
        assertThat(resumed.received()).containsExactly("task:created t1", "task:updated t2", "task:deleted t3");
        assertThat(streams.buffered()).isEqualTo(3);
        assertThat(consumed("duplicate")).isEqualTo(1);
    }

    @Test
    void eventsOlderThanTheReplayWindowAreEvictedAndAnEarlierTokenResyncs() {
        RecordingSubscriber live = attach(ALICE, null);
        String fresh = live.attached().token();
        RecordingSubscriber bobBefore = attach(BOB, null);
        streams.detach(bobBefore);
        log.task(ALICE, CREATED, "t1");
        log.task(BOB, CREATED, "b1");
        log.task(ALICE, UPDATED, "t2");
        clock.advance(Duration.ofMinutes(10));
        log.task(ALICE, COMPLETED, "t3");
        clock.advance(Duration.ofMinutes(6));

        streams.evictExpired();

        assertThat(streams.buffered()).as("t3 only").isEqualTo(1);
        RecordingSubscriber fromAttach = attach(ALICE, fresh);
        RecordingSubscriber afterT1 = attach(ALICE, live.deliveries().get(0).token());
        RecordingSubscriber afterT2 = attach(ALICE, live.deliveries().get(1).token());
        RecordingSubscriber bob = attach(BOB, bobBefore.attached().token());
        assertThat(fromAttach.attached().outcome()).isEqualTo(RESYNC);
        assertThat(afterT1.attached().outcome()).isEqualTo(RESYNC);
        assertThat(afterT2.attached().outcome()).isEqualTo(RESUMED);
        assertThat(bob.attached().outcome()).isEqualTo(RESYNC);
        assertThat(fromAttach.deliveries()).isEmpty();
        assertThat(afterT1.deliveries()).isEmpty();
        assertThat(bob.deliveries()).isEmpty();
        assertThat(afterT2.received()).containsExactly("task:updated t3", "task:completed t3");

        log.task(ALICE, DELETED, "t4");
        log.task(BOB, DELETED, "b2");

        assertThat(fromAttach.received()).containsExactly("task:deleted t4");
        assertThat(afterT1.received()).containsExactly("task:deleted t4");
        assertThat(afterT2.received()).containsExactly("task:updated t3", "task:completed t3", "task:deleted t4");
        assertThat(bob.received()).containsExactly("task:deleted b2");
        assertThat(live.received())
                .containsExactly(
                        "task:created t1",
                        "task:updated t2",
                        "task:updated t3",
                        "task:completed t3",
                        "task:deleted t4");
        // the token a resync hands out resumes
        RecordingSubscriber again = attach(ALICE, fromAttach.attached().token());
        assertThat(again.attached().outcome()).isEqualTo(RESUMED);
        assertThat(again.received()).containsExactly("task:deleted t4");
    }

    @Test
    void aLiveTokenCoversTheUsersQuietPartitionsSoEvictionsThereDoNotResyncIt() {
        RecordingSubscriber live = attach(ALICE, null);
        log.user(BOB, USER_UPDATED, "u1"); // in alice's user partition, which stays quiet for her
        clock.advance(Duration.ofMinutes(10));
        log.task(ALICE, CREATED, "t1");
        clock.advance(Duration.ofMinutes(6));
        streams.evictExpired(); // u1: nothing of alice's in that partition is held below offset 1 now

        String afterT1 = live.tokens().getFirst();
        RecordingSubscriber resumed = attach(ALICE, afterT1);
        log.task(ALICE, UPDATED, "t2");

        assertThat(positionsIn(afterT1)).containsEntry(TopicLog.partitionOf(USERS, ALICE), 1L);
        assertThat(resumed.attached().outcome()).isEqualTo(RESUMED);
        assertThat(resumed.received()).containsExactly("task:updated t2");
    }

    @Test
    void theOldestEventsBeyondTheUserCapAreDroppedAndATokenBeforeThemResyncs() {
        EventStreams capped = anotherInstance(properties(3));
        RecordingSubscriber live = attach(capped, ALICE, null);
        RecordingSubscriber bobBefore = attach(capped, BOB, null);
        capped.detach(bobBefore);
        log.task(ALICE, CREATED, "t1");
        log.task(BOB, CREATED, "b1");
        log.task(ALICE, UPDATED, "t2");
        log.task(ALICE, UPDATED, "t3");
        log.task(BOB, UPDATED, "b2");
        log.task(ALICE, UPDATED, "t4");
        log.task(ALICE, DELETED, "t5");

        assertThat(capped.buffered()).as("alice's last 3 and bob's 2").isEqualTo(5);
        assertThat(live.received())
                .containsExactly(
                        "task:created t1", "task:updated t2", "task:updated t3", "task:updated t4", "task:deleted t5");
        RecordingSubscriber fromAttach = attach(capped, ALICE, live.attached().token());
        RecordingSubscriber afterT1 =
                attach(capped, ALICE, live.deliveries().get(0).token());
        RecordingSubscriber afterT2 =
                attach(capped, ALICE, live.deliveries().get(1).token());
        RecordingSubscriber afterT4 =
                attach(capped, ALICE, live.deliveries().get(3).token());
        RecordingSubscriber bob = attach(capped, BOB, bobBefore.attached().token());

        assertThat(fromAttach.attached().outcome()).isEqualTo(RESYNC);
        assertThat(fromAttach.deliveries()).isEmpty();
        assertThat(afterT1.attached().outcome()).isEqualTo(RESYNC);
        assertThat(afterT1.deliveries()).isEmpty();
        assertThat(afterT2.attached().outcome()).isEqualTo(RESUMED);
        assertThat(afterT2.received()).containsExactly("task:updated t3", "task:updated t4", "task:deleted t5");
        assertThat(afterT4.attached().outcome()).isEqualTo(RESUMED);
        assertThat(afterT4.received()).containsExactly("task:deleted t5");
        assertThat(bob.attached().outcome())
                .as("bob's buffer is within the cap")
                .isEqualTo(RESUMED);
        assertThat(bob.received()).containsExactly("task:created b1", "task:updated b2");
    }

    @Test
    void anUnreadableTokenResyncsAndTheTokenItGetsResumes() {
        log.task(ALICE, CREATED, "t1");

        RecordingSubscriber alice = attach(ALICE, "not a token");
        log.task(ALICE, UPDATED, "t2");

        assertThat(alice.attached().outcome()).isEqualTo(RESYNC);
        assertThat(alice.received()).containsExactly("task:updated t2");
        RecordingSubscriber again = attach(ALICE, alice.attached().token());
        assertThat(again.attached().outcome()).isEqualTo(RESUMED);
        assertThat(again.received()).containsExactly("task:updated t2");
    }

    @Test
    void aTokenNamingNoneOfTheUsersPartitionsResyncsOnceEventsWereEvicted() {
        log.task(ALICE, CREATED, "t1");
        clock.advance(Duration.ofMinutes(16));
        log.task(ALICE, UPDATED, "t2");
        streams.evictExpired();

        // a version byte and no positions: it claims nothing, so t1 may be missing
        RecordingSubscriber empty = attach(ALICE, ResumeToken.encode(java.util.Map.of()));

        assertThat(empty.attached().outcome()).isEqualTo(RESYNC);
        assertThat(empty.deliveries()).isEmpty();
    }

    @Test
    void aDeactivatedUserIsDisconnectedAndItsEarlierTokensRefusedUntilReactivated() {
        RecordingSubscriber phone = attach(ALICE, null);
        RecordingSubscriber laptop = attach(ALICE, null);
        RecordingSubscriber bob = attach(BOB, null);
        Instant deactivatedAt = clock.instant();

        log.user(ALICE, "atom.user.deactivated.v1", "d1");

        assertThat(phone.closes()).containsExactly(CloseReason.USER_DEACTIVATED);
        assertThat(laptop.closes()).containsExactly(CloseReason.USER_DEACTIVATED);
        assertThat(phone.deliveries()).isEmpty();
        assertThat(bob.closes()).isEmpty();
        assertThat(revoked.isRevoked(ALICE, deactivatedAt.minusSeconds(60))).isTrue();
        assertThat(revoked.isRevoked(ALICE, deactivatedAt)).isTrue();
        assertThat(revoked.isRevoked(ALICE, deactivatedAt.plusSeconds(1))).isFalse();
        assertThat(revoked.isRevoked(BOB, deactivatedAt.minusSeconds(60))).isFalse();

        clock.advance(Duration.ofMinutes(1));
        log.user(ALICE, "atom.user.reactivated.v1", "r1");

        assertThat(revoked.isRevoked(ALICE, deactivatedAt.minusSeconds(60))).isFalse();
        assertThat(phone.closes()).containsExactly(CloseReason.USER_DEACTIVATED);
    }

    @Test
    void aDeletedUserIsDisconnectedAsDeleted() {
        RecordingSubscriber alice = attach(ALICE, null);
        RecordingSubscriber bob = attach(BOB, null);
        Instant deletedAt = clock.instant();

        log.user(ALICE, "atom.user.deleted.v1", "x1");

        assertThat(alice.closes()).containsExactly(CloseReason.USER_DELETED);
        assertThat(alice.deliveries()).isEmpty();
        assertThat(bob.closes()).isEmpty();
        assertThat(revoked.isRevoked(ALICE, deletedAt.minusSeconds(1))).isTrue();
    }

    @Test
    void aRecordWithoutAReadableEventOrAnOwnerOnlyMovesThePositionOn() {
        RecordingSubscriber live = attach(ALICE, null);
        TopicPartition alicesTasks = TopicLog.partitionOf(TASKS, ALICE);

        log.append(alicesTasks, null);
        log.append(alicesTasks, log.event(CREATED, null, "evt-ownerless", "x"));
        log.task(ALICE, CREATED, "t1");

        assertThat(live.received()).containsExactly("task:created t1");
        assertThat(streams.position(alicesTasks)).isEqualTo(3);
        assertThat(positionsIn(live.tokens().getFirst())).containsEntry(alicesTasks, 3L);
        assertThat(consumed("invalid")).isEqualTo(1);
        assertThat(consumed("ownerless")).isEqualTo(1);
        assertThat(streams.buffered()).isEqualTo(1);
        RecordingSubscriber resumed = attach(ALICE, live.attached().token());
        assertThat(resumed.received()).containsExactly("task:created t1");
    }

    @Test
    void aDetachedSubscriberGetsNothingMore() {
        RecordingSubscriber leaving = attach(ALICE, null);
        RecordingSubscriber staying = attach(ALICE, null);
        log.task(ALICE, CREATED, "t1");

        streams.detach(leaving);
        log.task(ALICE, UPDATED, "t2");
        streams.detach(leaving); // twice: nothing happens

        assertThat(leaving.received()).containsExactly("task:created t1");
        assertThat(staying.received()).containsExactly("task:created t1", "task:updated t2");
    }

    @Test
    void anInstanceIsOutOfServiceUntilItHasReadTheReplayWindow() {
        EventStreams starting = newInstance(properties(1000));

        assertThat(starting.isCaughtUp()).isFalse();
        assertThat(starting.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(starting.health().getDetails()).containsKey("reason");

        starting.caughtUp();

        assertThat(starting.isCaughtUp()).isTrue();
        assertThat(starting.health().getStatus()).isEqualTo(Status.UP);
    }
}
