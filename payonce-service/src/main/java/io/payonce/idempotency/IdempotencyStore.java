package io.payonce.idempotency;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.payonce.config.PayonceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stored idempotency keys in PostgreSQL. The primary key (scope, key) is what makes a key's first
 * request unique across threads and instances; the lease lets a retry take over from a request
 * that crashed. Leases are measured by the database's clock ({@code now()}), as ShedLock's are,
 * so instances whose clocks disagree still agree on when a lease ran out.
 */
@Repository
class IdempotencyStore {

    private final JdbcClient jdbc;
    private final long leaseMs;

    IdempotencyStore(JdbcClient jdbc, PayonceProperties properties) {
        this.jdbc = jdbc;
        this.leaseMs = properties.idempotency().lease().toMillis();
    }

    /**
     * Claims the key in one statement: inserts it, or takes over an in-flight claim whose lease
     * ran out (its request crashed). Anything else is decided by reading the row.
     */
    Claim claim(IdempotentRequest request) {
        Optional<Claim> acquired = jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, idem_key, fingerprint, state, locked_until, created_at)
                        VALUES (:scope, :key, :fingerprint, 'IN_FLIGHT', now() + :leaseMs * interval '1 millisecond', now())
                        ON CONFLICT (scope, idem_key) DO UPDATE SET locked_until = EXCLUDED.locked_until,
                                                                attempt = idempotency_keys.attempt + 1
                         WHERE idempotency_keys.state = 'IN_FLIGHT'
                           AND idempotency_keys.locked_until < now()
                           AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
                        RETURNING recovery_point, recovery_ref, attempt
                        """)
                .param("scope", request.scope()).param("key", request.key())
                .param("fingerprint", request.fingerprint()).param("leaseMs", leaseMs)
                .query((rs, n) -> (Claim) new Claim.Acquired(request, rs.getInt(3), rs.getString(1), rs.getString(2)))
                .optional();
        return acquired.orElseGet(() -> existing(request));
    }

    private Claim existing(IdempotentRequest request) {
        return jdbc.sql("""
                        SELECT fingerprint, state, response_status, response_type, response_body
                          FROM idempotency_keys WHERE scope = :scope AND idem_key = :key
                        """)
                .param("scope", request.scope()).param("key", request.key())
                .query((rs, n) -> {
                    if (!Arrays.equals(rs.getBytes(1), request.fingerprint())) {
                        return (Claim) new Claim.Mismatch();
                    }
                    if ("DONE".equals(rs.getString(2))) {
                        return new Claim.Replay(new StoredResponse(rs.getInt(3), rs.getString(4), rs.getBytes(5)));
                    }
                    return new Claim.InFlight();
                })
                .optional()
                // Released between our insert attempt and this read: the caller may simply retry.
                .orElseGet(Claim.InFlight::new);
    }

    /** Records how far the request got and renews its lease, in the caller's transaction. */
    void checkpoint(Claim.Acquired claim, String recoveryPoint, String recoveryRef) {
        int updated = jdbc.sql("""
                        UPDATE idempotency_keys SET recovery_point = :point, recovery_ref = :ref,
                                                    locked_until = now() + :leaseMs * interval '1 millisecond'
                         WHERE scope = :scope AND idem_key = :key AND state = 'IN_FLIGHT' AND attempt = :attempt
                        """)
                .param("point", recoveryPoint).param("ref", recoveryRef).param("leaseMs", leaseMs)
                .param("scope", claim.request().scope()).param("key", claim.request().key())
                .param("attempt", claim.attempt())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Idempotency key " + claim.request().scope() + " was taken over by a later attempt");
        }
    }

    /** Stores the final answer; in the transaction of the side effect it answers for, when there is one. */
    void complete(Claim.Acquired claim, StoredResponse response) {
        IdempotentRequest request = claim.request();
        Optional<Boolean> waiters = jdbc.sql("""
                        UPDATE idempotency_keys
                           SET state = 'DONE', response_status = :status, response_type = :type,
                               response_body = :body, completed_at = now(), locked_until = NULL
                         WHERE scope = :scope AND idem_key = :key AND state = 'IN_FLIGHT' AND attempt = :attempt
                        RETURNING waiters
                        """)
                .param("attempt", claim.attempt())
                .param("status", response.status()).param("type", response.contentType()).param("body", response.body())
                .param("scope", request.scope()).param("key", request.key())
                .query(Boolean.class)
                .optional();
        if (waiters.isEmpty()) {
            // Another attempt completed this key after our lease ran out: roll our work back.
            throw new IllegalStateException("Idempotency key " + request.scope() + " was completed by another attempt");
        }
        notifyWaiters(request, waiters.get());
    }

    /** Forgets a claim whose request did nothing (it failed validation): a corrected retry is processed afresh. */
    void release(Claim.Acquired claim) {
        jdbc.sql("""
                        DELETE FROM idempotency_keys WHERE scope = :scope AND idem_key = :key AND state = 'IN_FLIGHT' AND attempt = :attempt
                        RETURNING waiters""")
                .param("scope", claim.request().scope()).param("key", claim.request().key())
                .param("attempt", claim.attempt())
                .query(Boolean.class)
                .optional()
                .ifPresent(waiters -> notifyWaiters(claim.request(), waiters));
    }

    /** Ends the lease of a claim whose request failed midway, keeping its recovery point for the retry. */
    void unlock(Claim.Acquired claim) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET locked_until = now() - interval '1 millisecond'
                         WHERE scope = :scope AND idem_key = :key AND state = 'IN_FLIGHT' AND attempt = :attempt
                        RETURNING waiters""")
                .param("scope", claim.request().scope()).param("key", claim.request().key())
                .param("attempt", claim.attempt())
                .query(Boolean.class)
                .optional()
                .ifPresent(waiters -> notifyWaiters(claim.request(), waiters));
    }

    /**
     * Marks an in-flight key as waited on from another instance, so its first request notifies
     * when it settles (see {@link KeyNotifications}). Returns false when the key is no longer in
     * flight under a live lease: look again at once instead of waiting.
     */
    boolean markWaited(IdempotentRequest request) {
        return jdbc.sql("""
                        UPDATE idempotency_keys SET waiters = true
                         WHERE scope = :scope AND idem_key = :key AND state = 'IN_FLIGHT' AND locked_until >= now()""")
                .param("scope", request.scope()).param("key", request.key())
                .update() == 1;
    }

    /**
     * Sent only for a key someone waits on: a NOTIFY serializes the commits of all notifying
     * transactions, which the common, unwaited key must not pay for. Delivered when the caller's
     * transaction commits, never for one that rolls back.
     */
    private void notifyWaiters(IdempotentRequest request, boolean waiters) {
        if (waiters) {
            jdbc.sql("SELECT pg_notify(:channel, :id)")
                    .param("channel", KeyNotifications.CHANNEL).param("id", LocalFlights.id(request))
                    .query((rs, n) -> n).list();
        }
    }

    /** A key whose request died and was not retried, as the completer finds it. */
    record Abandoned(IdempotentRequest request, String recoveryPoint) {
        /** The key's row id in job_row_failures. */
        String rowId() {
            return request.scope() + "\n" + request.key();
        }
    }

    /**
     * Keys IN_FLIGHT whose lease ran out more than {@code afterMs} ago (by the database's clock):
     * their request died and nobody retried. Oldest first; keys the completer is backing off from
     * ({@code :job}, {@code :now}) are left out.
     */
    java.util.List<Abandoned> abandoned(long afterMs, int limit, String job, java.time.Instant now) {
        return jdbc.sql("""
                        SELECT scope, idem_key, fingerprint, recovery_point FROM idempotency_keys
                         WHERE state = 'IN_FLIGHT' AND locked_until < now() - :afterMs * interval '1 millisecond'
                           AND\s""" + io.payonce.jobs.RowRetries.NOT_BACKING_OFF.formatted("scope || chr(10) || idem_key") + """

                         ORDER BY locked_until LIMIT :limit""")
                .param("afterMs", afterMs).param("limit", limit).param("job", job).param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new Abandoned(new IdempotentRequest(rs.getString(1), rs.getString(2), rs.getBytes(3)), rs.getString(4)))
                .list();
    }

    /** Deletes finished keys older than the retention (by the database's clock); returns how many. */
    int deleteCompletedOlderThan(Duration retention, int batchMax) {
        return jdbc.sql("""
                        DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM idempotency_keys
                             WHERE created_at < now() - :retentionMs * interval '1 millisecond' AND state = 'DONE'
                             LIMIT :batch))
                        """)
                .param("retentionMs", retention.toMillis()).param("batch", batchMax)
                .update();
    }
}
