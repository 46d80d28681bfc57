package org.atom.platform.sample.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.atom.platform.web.Cursor;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.ETags;
import org.atom.platform.web.NotFoundException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class WebSampleService {

    /** Before every real row: the position of the first page. */
    private static final Cursor START = Cursor.of(Instant.EPOCH, new UUID(0, 0));

    private final WebSampleRepository samples;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate separateTransaction;

    WebSampleService(
            WebSampleRepository samples, Clock clock, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.samples = samples;
        this.clock = clock;
        this.jdbc = jdbc;
        this.separateTransaction = new TransactionTemplate(transactions);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    record View(UUID id, String title, Priority priority, Instant dueDate, Instant createdAt, long version) {
        static View of(WebSample s) {
            return new View(s.id(), s.title(), s.priority(), s.dueDate(), s.createdAt(), s.version());
        }
    }

    @Transactional
    View create(String owner, String title, Priority priority, Instant dueDate) {
        WebSample sample = new WebSample(
                UUID.randomUUID(),
                owner,
                title,
                priority,
                dueDate,
                // the database keeps microseconds: cursors must hold what it holds
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return View.of(samples.saveAndFlush(sample));
    }

    @Transactional(readOnly = true)
    View get(String owner, UUID id) {
        return View.of(find(owner, id));
    }

    @Transactional(readOnly = true)
    CursorPage<View> list(String owner, String titleContains, CursorPageRequest page) {
        String pattern = "%" + (titleContains == null ? "" : titleContains.toLowerCase(Locale.ROOT)) + "%";
        Cursor after = page.isFirst() ? START : page.after();
        return CursorPage.of(
                        samples.page(owner, pattern, after.instant(0), after.uuid(1), Limit.of(page.fetchSize())),
                        page,
                        s -> Cursor.of(s.createdAt(), s.id()),
                        samples.count(owner, pattern))
                .map(View::of);
    }

    /**
     * Partial update: absent fields stay.
     *
     * @param simulateConcurrentWrite test hook: another transaction bumps the row's version first, so this update
     *     loses the optimistic-lock race
     */
    @Transactional
    View update(
            String owner,
            UUID id,
            String ifMatch,
            Long version,
            String title,
            Priority priority,
            Instant dueDate,
            boolean simulateConcurrentWrite) {
        WebSample sample = find(owner, id);
        ETags.checkIfMatch(ifMatch, sample.version());
        ETags.checkVersion(version, sample.version());
        if (title != null) {
            sample.rename(title);
        }
        if (priority != null) {
            sample.prioritise(priority);
        }
        if (dueDate != null) {
            sample.due(dueDate);
        }
        if (simulateConcurrentWrite) {
            separateTransaction.executeWithoutResult(
                    tx -> jdbc.update("UPDATE web_sample SET version = version + 1 WHERE id = ?", id));
        }
        return View.of(samples.saveAndFlush(sample));
    }

    @Transactional
    void delete(String owner, UUID id, String ifMatch) {
        WebSample sample = find(owner, id);
        ETags.checkIfMatch(ifMatch, sample.version());
        samples.delete(sample);
    }

    private WebSample find(String owner, UUID id) {
        return samples.findByIdAndOwnerId(id, owner).orElseThrow(() -> new NotFoundException("WebSample", id));
    }
}
