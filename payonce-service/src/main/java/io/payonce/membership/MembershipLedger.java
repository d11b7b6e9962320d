package io.payonce.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.payonce.webhooks.EventType;
import io.payonce.webhooks.Outbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path that grants membership days, for the signed API and for the shop's paid orders
 * alike. Exactly once per (system, order) and no lost extension, with or without any lock:
 * <ol>
 * <li>the grant row is inserted first; a concurrent call with the same order blocks on its
 *     primary key until the first commits, then reads the first's stored answer;</li>
 * <li>the member is created or extended by one upsert computing {@code max(expiresAt, now) + days}
 *     under the row lock, so two orders of one user queue in PostgreSQL and both count;</li>
 * <li>the answer is stored on the grant row in the same transaction.</li>
 * </ol>
 * Because the extension is relative to whatever the row holds when the write happens, a lock
 * holder that stalls past its lease and writes late still adds exactly its days: a fencing
 * token, which protects writes computed from a stale read, has nothing to protect here. The
 * token is stored on the grant row for diagnosis only.
 * <p>
 * Two refusals write nothing: an order seen before with another user or other days (the first
 * grant stands), and days that would carry a membership past {@link #EXPIRY_HORIZON}; the latter
 * is checked under the member row's lock, in the same upsert, so concurrent orders cannot pass
 * it together.
 */
@Service
class MembershipLedger implements MembershipGrants {

    private final MemberRepository repository;
    private final MembershipMetrics metrics;
    private final Outbox outbox;
    private final Clock clock;

    MembershipLedger(MemberRepository repository, MembershipMetrics metrics, Outbox outbox, Clock clock) {
        this.repository = repository;
        this.metrics = metrics;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What applying a command found. */
    private sealed interface Applied {
        record Done(GrantResult result) implements Applied {
        }

        /** The days would carry the membership past the horizon: nothing was written. */
        record PastHorizon(Instant limit) implements Applied {
        }

        /** The order was applied before for another user or another number of days. */
        record Conflict(MemberRepository.StoredGrant stored) implements Applied {
        }
    }

    /**
     * Runs in the caller's transaction, so the days commit or roll back with the order's own
     * change. It never throws for an order past the horizon: an exception leaving this proxy
     * would mark the caller's transaction rollback-only, and the caller must still record the
     * payment it is settling.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public OrderGrant grantForOrder(String userId, String orderId, int days) {
        requireLength("userId", userId, 128);
        requireLength("orderId", orderId, 128);
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (days > EXPIRY_HORIZON_DAYS) {
            return new OrderGrant.PastExpiryLimit(now().plus(EXPIRY_HORIZON));
        }
        return switch (apply(new GrantCommand(SHOP_SYSTEM_ID, orderId, userId, days), "SHOP", null)) {
            case Applied.Done done -> {
                metrics.granted("shop", done.result());
                yield new OrderGrant.Granted(done.result().grant().expiresAt());
            }
            case Applied.PastHorizon past -> new OrderGrant.PastExpiryLimit(past.limit());
            case Applied.Conflict conflict -> throw new IllegalStateException("Shop order " + orderId
                    + " was granted before with other terms; an order's user and days never change");
        };
    }

    @Override
    public boolean withinExpiryHorizon(String userId, int days) {
        if (days < 1 || days > EXPIRY_HORIZON_DAYS) {
            return false;
        }
        Instant now = now();
        return repository.findMember(SHOP_SYSTEM_ID, userId)
                .map(member -> !member.expiresAt().isAfter(latestStart(now, days)))
                .orElse(true);
    }

    /**
     * Applies a verified API request: its nonce is recorded in the same transaction, so a request
     * that fails afterwards leaves no trace, and two requests racing with one nonce cannot both pass.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public GrantResult applySigned(GrantCommand command, String nonce, Long lockToken) {
        if (!repository.claimNonce(command.systemId(), nonce, now())) {
            throw new MemberApiException(MemberError.REPLAYED_NONCE, "This nonce has been used already; sign again with a fresh one");
        }
        return switch (apply(command, "API", lockToken)) {
            case Applied.Done done -> done.result();
            case Applied.PastHorizon past -> throw pastHorizon(past.limit());
            case Applied.Conflict conflict -> throw orderConflict();
        };
    }

    private Applied apply(GrantCommand command, String source, Long lockToken) {
        Instant now = now();
        if (!repository.claimGrant(command, source, now)) {
            MemberRepository.StoredGrant stored = repository.findGrant(command.systemId(), command.orderNo())
                    .orElseThrow(() -> new IllegalStateException("Grant " + command.systemId() + "/" + command.orderNo()
                            + " conflicted but has no committed answer"));
            return stored.sameTerms(command)
                    ? new Applied.Done(new GrantResult.Replayed(stored.answer()))
                    : new Applied.Conflict(stored);
        }
        Optional<MemberRepository.Extension> extended = repository.extend(command.systemId(), command.userId(),
                command.days(), now, latestStart(now, command.days()));
        if (extended.isEmpty()) {
            repository.releaseGrant(command);
            return new Applied.PastHorizon(now.plus(EXPIRY_HORIZON));
        }
        MemberRepository.Extension extension = extended.get();
        repository.recordAnswer(command, extension, lockToken);
        MemberGrant grant = new MemberGrant(extension.memberId(), command.systemId(), command.userId(), extension.expiresAt());
        recordRenewed(command, grant, extension.created());
        return new Applied.Done(extension.created() ? new GrantResult.Created(grant) : new GrantResult.Renewed(grant));
    }

    /**
     * The merchant event of a grant that added days (not of a replay), in the grant's transaction;
     * for the shop's own orders too, beside their order.delivered.
     */
    private void recordRenewed(GrantCommand command, MemberGrant grant, boolean firstGrant) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", grant.memberId());
        data.put("systemId", command.systemId());
        data.put("userId", command.userId());
        data.put("orderNo", command.orderNo());
        data.put("days", command.days());
        data.put("expiresAt", grant.expiresAt().toString());
        data.put("firstGrant", firstGrant);
        outbox.record(EventType.MEMBERSHIP_RENEWED, command.systemId() + "/" + command.orderNo(), data);
    }

    /** The latest expiry that {@code days} more keep within the horizon. */
    private static Instant latestStart(Instant now, int days) {
        return now.plus(EXPIRY_HORIZON).minus(Duration.ofDays(days));
    }

    static MemberApiException pastHorizon(Instant limit) {
        return new MemberApiException(MemberError.EXPIRY_LIMIT, "These days would carry the membership past "
                + DateTimeFormatter.ISO_INSTANT.format(limit) + ", the furthest expiry granted (" + EXPIRY_HORIZON_DAYS
                + " days from now); nothing was applied");
    }

    static MemberApiException orderConflict() {
        return new MemberApiException(MemberError.ORDER_CONFLICT,
                "This orderNo was applied before for another userId or another number of days; nothing was applied");
    }

    /** Whole seconds: expiries print as plain RFC 3339 times, and nothing is lost that a member would notice. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void requireLength(String name, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1.." + max + " characters");
        }
    }
}
