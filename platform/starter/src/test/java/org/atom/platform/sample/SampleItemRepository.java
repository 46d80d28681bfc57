package org.atom.platform.sample;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SampleItemRepository extends JpaRepository<SampleItem, UUID> {

    Optional<SampleItem> findByIdAndOwnerId(UUID id, String ownerId);
}
