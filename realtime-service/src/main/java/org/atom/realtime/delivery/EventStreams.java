package org.atom.realtime.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.atom.platform.events.CloudEvent;
import org.atom.realtime.config.RealtimeProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Every user's recent events and connected clients. Consumed records come in one at a time from
 * {@link DomainEventConsumer}; each is kept in its owner's buffer for the replay window and handed to the owner's
 * subscribers. A subscriber's position is a Kafka position per topic partition (see {@link ResumeToken}), so a
 * client resumes on any instance: it gets the buffered events it has not received, each once and in order, or a
 * {@link Subscriber.Attach#RESYNC} when its position is older than what this instance holds.
 *
 * <p>One lock guards everything: the consumer's dispatch, attaching and detaching clients and eviction. Work
 * under it only queues frames, so it is short; the lock makes "replay, then live" exact for a client that
 * attaches while events flow.
 */
@Component("replay")
public class EventStreams implements HealthIndicator {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, UserStream> users = new HashMap<>();
    /** next offset to process, per partition this instance reads */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** buffers hold every owned event from this offset on (where this instance started, or past evictions) */
    private final Map<TopicPartition, Long> completeFrom = new HashMap<>();

    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final Map<Integer, String> topicsByHash = new HashMap<>();
    private final RealtimeProperties properties;
    private final RevokedUsers revoked;
    private final RealtimeMetrics metrics;
    private final Clock clock;
    private volatile boolean caughtUp;
    private int buffered;

    public EventStreams(RealtimeProperties properties, RevokedUsers revoked, RealtimeMetrics metrics, Clock clock) {
        this.properties = properties;
        this.revoked = revoked;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The consumer now reads these partitions from these offsets (partitions read before keep their place). */
    void assigned(Map<TopicPartition, Long> starts, Map<String, Integer> counts) {
        lock.lock();
        try {
            partitionCounts.putAll(counts);
            counts.keySet().forEach(topic -> topicsByHash.put(topic.hashCode(), topic));
            starts.forEach((tp, offset) -> {
                positions.putIfAbsent(tp, offset);
                completeFrom.putIfAbsent(tp, offset);
            });
        } finally {
            lock.unlock();
        }
    }

    /** Where the consumer continues reading a partition it reads again after a rebalance; null if new to it. */
    Long position(TopicPartition tp) {
        lock.lock();
        try {
            return positions.get(tp);
        } finally {
            lock.unlock();
        }
    }

    /** The consumer has read up to the end offsets it saw on start: clients may connect. */
    void caughtUp() {
        caughtUp = true;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public Health health() {
        return caughtUp
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("reason", "reading the replay window from Kafka")
                        .build();
    }

    /** One consumed record: {@code event} is null when the record is not a readable CloudEvent. */
    void accept(TopicPartition tp, long offset, Instant recordTime, CloudEvent event) {
        List<Subscriber> toClose = List.of();
        CloseReason reason = null;
        lock.lock();
        try {
            positions.put(tp, offset + 1);
            if (event == null) {
                metrics.consumed("invalid");
                return;
            }
            if (event.userid() == null) {
                metrics.consumed("ownerless");
                return;
            }
            ClientEvents.Mapping mapping = ClientEvents.of(event.type());
            Instant eventTime = event.time() != null ? event.time() : recordTime;
            switch (mapping.effect()) {
                case PUSH -> push(tp, offset, recordTime, eventTime, event, mapping);
                case DEACTIVATE, DELETE -> {
                    revoked.revoke(event.userid(), eventTime);
                    UserStream user = users.get(event.userid());
                    toClose = user == null ? List.of() : List.copyOf(user.subscribers);
                    reason = mapping.effect() == ClientEvents.Effect.DELETE
                            ? CloseReason.USER_DELETED
                            : CloseReason.USER_DEACTIVATED;
                    metrics.consumed("other");
                }
                case REACTIVATE -> {
                    revoked.restore(event.userid());
                    metrics.consumed("other");
                }
                case NONE -> metrics.consumed("other");
            }
        } finally {
            lock.unlock();
        }
        for (Subscriber subscriber : toClose) {
            subscriber.close(reason);
        }
    }

    private void push(
            TopicPartition tp,
            long offset,
            Instant recordTime,
            Instant eventTime,
            CloudEvent event,
            ClientEvents.Mapping mapping) {
        UserStream user = users.computeIfAbsent(event.userid(), UserStream::new);
        if (!user.ids.add(event.id())) {
            // the outbox publishes at least once: a second copy is neither kept nor sent
            metrics.consumed("duplicate");
            return;
        }
        List<ClientMessage> messages = mapping.clientEvents().stream()
                .map(name -> new ClientMessage(name, event.data()))
                .toList();
        Buffered entry = new Buffered(tp, offset, event.id(), recordTime, eventTime, messages);
        user.events.addLast(entry);
        buffered++;
        if (user.events.size() > properties.maxBufferedPerUser()) {
            evict(user, user.events.removeFirst(), user.evictedBelow);
        }
        for (Subscriber subscriber : user.subscribers) {
            deliver(subscriber, user.userId, entry, true);
        }
        metrics.consumed("pushed");
    }

    private void deliver(Subscriber subscriber, String userId, Buffered entry, boolean live) {
        Map<TopicPartition, Long> seen = subscriber.positions();
        if (entry.offset < seen.getOrDefault(entry.tp, 0L)) {
            return; // it had this one before it resumed here
        }
        seen.put(entry.tp, entry.offset + 1);
        if (live) {
            // live, the subscriber has had everything this instance read: its token may say so
            advance(seen, userId);
        }
        String token = ResumeToken.encode(seen);
        for (ClientMessage message : entry.messages) {
            subscriber.deliver(message, token, entry.eventTime);
        }
    }

    /**
     * Attaches a connected client to its user's stream, resuming from {@code resumeToken} when given: the client
     * gets {@link Subscriber#attached} first, then the buffered events it missed, then live ones.
     */
    public Subscriber.Attach attach(Subscriber subscriber, String resumeToken) {
        lock.lock();
        try {
            UserStream user = users.computeIfAbsent(subscriber.userId(), UserStream::new);
            Map<TopicPartition, Long> seen = subscriber.positions();
            Subscriber.Attach outcome = Subscriber.Attach.FRESH;
            List<Buffered> missed = List.of();
            if (resumeToken != null) {
                Optional<Map<TopicPartition, Long>> from = ResumeToken.decode(resumeToken, topicsByHash);
                if (from.isPresent() && covers(user, from.get())) {
                    outcome = Subscriber.Attach.RESUMED;
                    seen.putAll(from.get());
                    missed = user.events.stream()
                            .filter(e -> e.offset >= seen.getOrDefault(e.tp, 0L))
                            .toList();
                } else {
                    outcome = Subscriber.Attach.RESYNC;
                }
            }
            if (outcome != Subscriber.Attach.RESUMED) {
                advance(seen, subscriber.userId());
            }
            subscriber.attached(outcome, ResumeToken.encode(seen));
            for (Buffered entry : missed) {
                deliver(subscriber, user.userId, entry, false);
            }
            advance(seen, subscriber.userId());
            user.subscribers.add(subscriber);
            metrics.attached(outcome);
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether this instance still holds every event of the user after the given positions; a partition of the
     * user's that the token does not name counts as position 0.
     */
    private boolean covers(UserStream user, Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> positions = new HashMap<>(from);
        userPartitions(user.userId).forEach(tp -> positions.putIfAbsent(tp, 0L));
        for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
            TopicPartition tp = position.getKey();
            long complete =
                    Math.max(completeFrom.getOrDefault(tp, Long.MAX_VALUE), user.evictedBelow.getOrDefault(tp, 0L));
            if (position.getValue() < complete) {
                return false;
            }
        }
        return true;
    }

    /** Moves the positions of the user's partitions up to what this instance has read. */
    private void advance(Map<TopicPartition, Long> seen, String userId) {
        for (TopicPartition tp : userPartitions(userId)) {
            Long position = positions.get(tp);
            if (position != null) {
                seen.merge(tp, position, Math::max);
            }
        }
    }

    /** Per topic this instance reads, the partition the producers' default partitioner puts the user's records in. */
    private List<TopicPartition> userPartitions(String userId) {
        int hash = Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8)));
        return partitionCounts.entrySet().stream()
                .map(topic -> new TopicPartition(topic.getKey(), hash % topic.getValue()))
                .toList();
    }

    public void detach(Subscriber subscriber) {
        lock.lock();
        try {
            UserStream user = users.get(subscriber.userId());
            if (user != null) {
                user.subscribers.remove(subscriber);
                dropIfIdle(user);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops events older than the replay window, and streams with nothing left. */
    void evictExpired() {
        Instant horizon = clock.instant().minus(properties.replayWindow());
        lock.lock();
        try {
            for (UserStream user : List.copyOf(users.values())) {
                while (!user.events.isEmpty()
                        && user.events.peekFirst().recordTime.isBefore(horizon)) {
                    evict(user, user.events.removeFirst(), completeFrom);
                }
                dropIfIdle(user);
            }
        } finally {
            lock.unlock();
        }
        revoked.forgetOld();
    }

    private void evict(UserStream user, Buffered entry, Map<TopicPartition, Long> incompleteBelow) {
        user.ids.remove(entry.eventId);
        incompleteBelow.merge(entry.tp, entry.offset + 1, Math::max);
        buffered--;
    }

    private void dropIfIdle(UserStream user) {
        boolean evictionsCovered = user.evictedBelow.entrySet().stream()
                .allMatch(e -> e.getValue() <= completeFrom.getOrDefault(e.getKey(), 0L));
        if (user.events.isEmpty() && user.subscribers.isEmpty() && evictionsCovered) {
            users.remove(user.userId);
        }
    }

    /** Events held in all buffers. */
    public int buffered() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    private record Buffered(
            TopicPartition tp,
            long offset,
            String eventId,
            Instant recordTime,
            Instant eventTime,
            List<ClientMessage> messages) {}

    private static final class UserStream {
        final String userId;
        final ArrayDeque<Buffered> events = new ArrayDeque<>();
        final Set<String> ids = new HashSet<>();
        /** per partition, below which the user's own buffer dropped events (size cap) */
        final Map<TopicPartition, Long> evictedBelow = new HashMap<>();

        final Set<Subscriber> subscribers = new LinkedHashSet<>();

        UserStream(String userId) {
            this.userId = userId;
        }
    }
}
