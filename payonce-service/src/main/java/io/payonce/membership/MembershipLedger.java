package io.payonce.membership;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
 */
@Service
class MembershipLedger implements MembershipGrants {

    /** membershipDays (at most 3650) times an order's quantity (at most 1000). */
    static final int SHOP_DAYS_MAX = 3_650_000;

    private final MemberRepository repository;
    private final MembershipMetrics metrics;
    private final Clock clock;

    MembershipLedger(MemberRepository repository, MembershipMetrics metrics, Clock clock) {
        this.repository = repository;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs in the caller's transaction, so the days commit or roll back with the order's own change. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant grantForOrder(String userId, String orderId, int days) {
        requireLength("userId", userId, 128);
        requireLength("orderId", orderId, 128);
        if (days < 1 || days > SHOP_DAYS_MAX) {
            throw new IllegalArgumentException("days must be 1.." + SHOP_DAYS_MAX + ", got " + days);
        }
        GrantResult result = apply(new GrantCommand(SHOP_SYSTEM_ID, orderId, userId, days), "SHOP", null);
        metrics.granted("shop", result);
        return result.grant().expiresAt();
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
        return apply(command, "API", lockToken);
    }

    private GrantResult apply(GrantCommand command, String source, Long lockToken) {
        Instant now = now();
        if (!repository.claimGrant(command, source, now)) {
            return new GrantResult.Replayed(repository.findGrant(command.systemId(), command.orderNo())
                    .orElseThrow(() -> new IllegalStateException("Grant " + command.systemId() + "/" + command.orderNo()
                            + " conflicted but has no committed answer")));
        }
        MemberRepository.Extension extension = repository.extend(command.systemId(), command.userId(), command.days(), now);
        repository.recordAnswer(command, extension, lockToken);
        MemberGrant grant = new MemberGrant(extension.memberId(), command.systemId(), command.userId(), extension.expiresAt());
        return extension.created() ? new GrantResult.Created(grant) : new GrantResult.Renewed(grant);
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
