package org.atom.calendar.share;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.atom.platform.users.UserProfile;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Share use cases: grant, list (given and received), revoke. Owners see only their own grants. */
@Service
class ShareService {

    private final ShareRepository shares;
    private final UserProfiles profiles;
    private final Clock clock;

    ShareService(ShareRepository shares, UserProfiles profiles, Clock clock) {
        this.shares = shares;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The share and whether this call created it (granting the same address and scope again answers the first). */
    record Granted(ShareView share, boolean created) {}

    @Transactional
    Granted grant(String ownerId, ShareInput input) {
        if (input.granteeEmail().equals(profiles.of(ownerId).email())) {
            throw BadRequestException.of(
                    ShareInput.GRANTEE_EMAIL, "is your own address; you always see your own calendar");
        }
        Share share = new Share(UUID.randomUUID(), ownerId, input.granteeEmail(), input.scope(), now());
        Optional<Share> created = shares.insertIfAbsent(share);
        if (created.isPresent()) {
            return new Granted(ShareView.of(created.get()), true);
        }
        // a grant committed before (or concurrently, which ON CONFLICT waited for): this statement sees it
        return new Granted(
                ShareView.of(shares.find(ownerId, input.granteeEmail(), input.scope())
                        .orElseThrow()),
                false);
    }

    @Transactional(readOnly = true)
    ShareView get(String ownerId, UUID id) {
        return shares.find(ownerId, id).map(ShareView::of).orElseThrow(() -> new NotFoundException("Share", id));
    }

    /** The owner's grants, oldest first. */
    @Transactional(readOnly = true)
    CursorPage<ShareView> given(String ownerId, CursorPageRequest page) {
        List<Share> rows = shares.owned(ownerId, after(page), afterId(page), page.fetchSize());
        long total = page.isFirst() && rows.size() <= page.limit() ? rows.size() : shares.countOwned(ownerId);
        return CursorPage.of(rows, page, Share::cursor, total).map(ShareView::of);
    }

    /**
     * The grants made to the caller's address, oldest first, each with its owner's address (one statement for the
     * page's owners). Nothing while the read model does not know the caller's address.
     */
    @Transactional(readOnly = true)
    CursorPage<ReceivedShareView> received(String granteeId, CursorPageRequest page) {
        String email = profiles.of(granteeId).email();
        if (email == null) {
            return new CursorPage<>(List.of(), null, 0);
        }
        List<Share> rows = shares.grantedTo(email, after(page), afterId(page), page.fetchSize());
        long total = page.isFirst() && rows.size() <= page.limit() ? rows.size() : shares.countGrantedTo(email);
        CursorPage<Share> found = CursorPage.of(rows, page, Share::cursor, total);
        Map<String, UserProfile> owners = profiles.findAll(
                found.items().stream().map(Share::ownerId).distinct().toList());
        return found.map(share -> new ReceivedShareView(
                share.id().toString(),
                Optional.ofNullable(owners.get(share.ownerId()))
                        .map(UserProfile::email)
                        .orElse(null),
                share.scope().value(),
                share.createdAt()));
    }

    @Transactional
    void revoke(String ownerId, UUID id) {
        if (!shares.delete(ownerId, id)) {
            throw new NotFoundException("Share", id);
        }
    }

    private static Instant after(CursorPageRequest page) {
        return page.isFirst() ? null : page.after().instant(0);
    }

    private static UUID afterId(CursorPageRequest page) {
        return page.isFirst() ? null : page.after().uuid(1);
    }

    private Instant now() {
        // the database keeps microseconds: what is returned is what is stored
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
