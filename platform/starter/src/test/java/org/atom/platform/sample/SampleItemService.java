package org.atom.platform.sample;

import java.util.Map;
import java.util.UUID;
import org.atom.platform.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class SampleItemService {

    static final String TOPIC = "sample-service.item.v1";
    static final String CREATED = "atom.sample.item.created.v1";
    static final String SEQUENCED = "atom.sample.item.sequenced.v1";

    private final SampleItemRepository items;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    SampleItemService(SampleItemRepository items, Outbox outbox, JdbcTemplate jdbc) {
        this.items = items;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    record ItemView(UUID id, String title, long version) {}

    @Transactional
    ItemView create(String userId, String title) {
        SampleItem item = items.saveAndFlush(new SampleItem(UUID.randomUUID(), userId, title));
        ItemView view = new ItemView(item.id(), item.title(), item.version());
        outbox.publish(TOPIC, CREATED, item.id().toString(), userId, view);
        return view;
    }

    /** Records an event under a given id (an occurrence the caller identifies), without changing anything. */
    @Transactional
    void announce(UUID eventId, String userId, String subject) {
        outbox.publish(
                eventId, TOPIC, CREATED, subject, userId, Map.of("id", subject, "title", "announced", "version", 0));
    }

    /** Writes an item and its event, then fails: neither may survive. */
    @Transactional
    ItemView createThenFail(String userId, String title) {
        create(userId, title);
        throw new IllegalStateException("simulated failure after the event was recorded");
    }

    /**
     * Publishes the user's next sequence number. The counter row's lock makes the number the commit order of
     * concurrent writers, which the relay must preserve.
     */
    @Transactional
    long sequence(String userId) {
        Long n = jdbc.queryForObject(
                "INSERT INTO sample_sequence (user_id, n) VALUES (?, 1)"
                        + " ON CONFLICT (user_id) DO UPDATE SET n = sample_sequence.n + 1 RETURNING n",
                Long.class,
                userId);
        outbox.publish(TOPIC, SEQUENCED, userId, userId, Map.of("seq", n));
        return n;
    }
}
