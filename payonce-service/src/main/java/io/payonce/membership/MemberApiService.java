package io.payonce.membership;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.payonce.coordination.Lease;
import io.payonce.coordination.LockService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * createOrRenewMember and the member lookup. The checks run in the contract's order: fields
 * (done by {@link SignedRequestParser}), system and signature, timestamp window, nonce, value
 * limits, then the order. The per-user lock is taken around the transaction, so requests queued
 * behind it hold no database connection.
 */
@Service
public class MemberApiService {

    static final int DAYS_MAX = 3650;

    private final SystemRegistry systems;
    private final MemberRepository repository;
    private final MembershipLedger ledger;
    private final LockService locks;
    private final MembershipProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MemberApiService(SystemRegistry systems, MemberRepository repository, MembershipLedger ledger, LockService locks,
                     MembershipProperties properties, TransactionTemplate transactions, Clock clock) {
        this.transactions = transactions;
        this.systems = systems;
        this.repository = repository;
        this.ledger = ledger;
        this.locks = locks;
        this.properties = properties;
        this.clock = clock;
    }

    public GrantResult createOrRenew(SignedRequest request) {
        verifySignature(request);
        verifyTimestamp(request);
        GrantCommand command = new GrantCommand(request.systemId(), request.orderNo(), request.userId(), checkedDays(request));
        // An order applied before is answered without the lock: waiting for it cannot change the
        // stored answer, and the lock costs about as much as the rest of the request.
        Optional<MemberRepository.StoredGrant> stored = repository.findGrant(command.systemId(), command.orderNo());
        if (stored.isPresent()) {
            return replay(request, command, stored.get());
        }
        try (Lease lease = lockUser(command)) {
            return transactions.execute(tx -> ledger.applySigned(command, request.nonce(), lease.fencingToken()));
        }
    }

    public Optional<MemberRepository.Member> find(String systemId, String userId) {
        return repository.findMember(systemId, userId);
    }

    private void verifySignature(SignedRequest request) {
        RSAPublicKey key = systems.signingKey(request.systemId()).orElseThrow(() ->
                new MemberApiException(MemberError.UNKNOWN_SYSTEM, "Unknown systemId; register the system and its public key first"));
        if (!RsaKeys.verify(key, request.canonicalString(), request.sign())) {
            throw new MemberApiException(MemberError.BAD_SIGNATURE,
                    "The signature does not match; sign the canonical string (sorted key=value pairs joined with &) with SHA256withRSA");
        }
    }

    private void verifyTimestamp(SignedRequest request) {
        long skewMs = Math.abs(clock.millis() - request.timestampMs());
        Duration window = properties.timestampWindow();
        if (skewMs > window.toMillis()) {
            throw new MemberApiException(MemberError.STALE_TIMESTAMP,
                    "timestamp is more than " + window.toSeconds() + " s away from the server's time; check the clock and sign again");
        }
    }

    /**
     * The value limits come after the nonce check, so an out-of-range request with a used nonce
     * is a replay (401). Nothing is written either way: the nonce of a refused request is only
     * read, never recorded.
     */
    private int checkedDays(SignedRequest request) {
        long days = request.daysValue();
        if (days >= 1 && days <= DAYS_MAX) {
            return (int) days;
        }
        if (repository.nonceSeen(request.systemId(), request.nonce())) {
            throw replayedNonce();
        }
        throw new MemberApiException(MemberError.DAYS_OUT_OF_RANGE, "days must be between 1 and " + DAYS_MAX);
    }

    /**
     * The identical repeat of an applied order answers the stored success. The same orderNo with
     * another user or other days is refused and writes nothing, not even its nonce; a used nonce
     * is still a replay first, as the check order says.
     */
    private GrantResult replay(SignedRequest request, GrantCommand command, MemberRepository.StoredGrant stored) {
        if (!stored.sameTerms(command)) {
            if (repository.nonceSeen(request.systemId(), request.nonce())) {
                throw replayedNonce();
            }
            throw MembershipLedger.orderConflict();
        }
        if (!transactions.execute(tx -> repository.claimNonce(request.systemId(), request.nonce(), clock.instant()))) {
            throw replayedNonce();
        }
        return new GrantResult.Replayed(stored.answer());
    }

    private Lease lockUser(GrantCommand command) {
        if (!properties.lockEnabled()) {
            return new Lease.NotHeld(command.lockKey(), Lease.Reason.DISABLED);
        }
        return locks.acquire(command.lockKey(), properties.lockWait(), properties.lockLease());
    }

    private static MemberApiException replayedNonce() {
        return new MemberApiException(MemberError.REPLAYED_NONCE, "This nonce has been used already; sign again with a fresh one");
    }
}
