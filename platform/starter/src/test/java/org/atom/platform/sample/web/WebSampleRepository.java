package org.atom.platform.sample.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface WebSampleRepository extends JpaRepository<WebSample, UUID> {

    Optional<WebSample> findByIdAndOwnerId(UUID id, String ownerId);

    /** Keyset page in (createdAt, id) order, after the given position. */
    @Query("""
            select s from WebSample s
            where s.ownerId = :owner and lower(s.title) like :pattern
              and (s.createdAt > :afterCreatedAt or (s.createdAt = :afterCreatedAt and s.id > :afterId))
            order by s.createdAt, s.id""")
    List<WebSample> page(
            @Param("owner") String owner,
            @Param("pattern") String pattern,
            @Param("afterCreatedAt") Instant afterCreatedAt,
            @Param("afterId") UUID afterId,
            Limit limit);

    @Query("select count(s) from WebSample s where s.ownerId = :owner and lower(s.title) like :pattern")
    long count(@Param("owner") String owner, @Param("pattern") String pattern);
}
