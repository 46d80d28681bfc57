package org.atom.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    Optional<UserAccount> findByEmailKey(String emailKey);

    boolean existsByEmailKey(String emailKey);

    /** Bookkeeping that is not a profile change: no version bump, no {@code updatedAt}. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update UserAccount a set a.lastLoginAt = :at where a.id = :id")
    int recordLogin(@Param("id") UUID id, @Param("at") Instant at);

    /** A transparent re-hash with today's parameters: the profile does not change. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update UserAccount a set a.passwordHash = :hash where a.id = :id and a.passwordHash = :old")
    int upgradeHash(@Param("id") UUID id, @Param("old") String oldHash, @Param("hash") String newHash);

    /**
     * The admin list in its order (created, then id), after a keyset position; {@code pattern} is a lower-case
     * {@code LIKE} pattern matched against email and name; {@code active} null means either.
     */
    @Query("""
            select a from UserAccount a
            where (a.createdAt > :afterCreated or (a.createdAt = :afterCreated and a.id > :afterId))
              and (:active is null or a.active = :active)
              and (:pattern is null or a.emailKey like :pattern escape '\\' or lower(a.name) like :pattern escape '\\')
            order by a.createdAt, a.id
            """)
    List<UserAccount> page(
            @Param("afterCreated") Instant afterCreated,
            @Param("afterId") UUID afterId,
            @Param("active") Boolean active,
            @Param("pattern") String pattern,
            Limit limit);

    @Query("""
            select count(a) from UserAccount a
            where (:active is null or a.active = :active)
              and (:pattern is null or a.emailKey like :pattern escape '\\' or lower(a.name) like :pattern escape '\\')
            """)
    long count(@Param("active") Boolean active, @Param("pattern") String pattern);
}
