package org.atom.platform.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

@Entity
@Table(name = "sample_item")
class SampleItem {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(nullable = false)
    private String title;

    @Version
    private long version;

    protected SampleItem() {}

    SampleItem(UUID id, String ownerId, String title) {
        this.id = id;
        this.ownerId = ownerId;
        this.title = title;
    }

    UUID id() {
        return id;
    }

    String ownerId() {
        return ownerId;
    }

    String title() {
        return title;
    }

    long version() {
        return version;
    }
}
