package org.atom.platform.sample.web;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A tiny user-owned resource with a version, to exercise the starter's HTTP API conventions. */
@Entity
@Table(name = "web_sample")
class WebSample {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(nullable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Priority priority;

    @Column(name = "due_date")
    private Instant dueDate;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected WebSample() {}

    WebSample(UUID id, String ownerId, String title, Priority priority, Instant dueDate, Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.title = title;
        this.priority = priority;
        this.dueDate = dueDate;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String title() {
        return title;
    }

    Priority priority() {
        return priority;
    }

    Instant dueDate() {
        return dueDate;
    }

    Instant createdAt() {
        return createdAt;
    }

    long version() {
        return version;
    }

    void rename(String title) {
        this.title = title;
    }

    void prioritise(Priority priority) {
        this.priority = priority;
    }

    void due(Instant dueDate) {
        this.dueDate = dueDate;
    }
}
