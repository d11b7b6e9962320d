package io.payonce.coordination;

import java.time.Duration;

/**
 * Mutual exclusion by key, to reduce contention on hot rows (one user's renewals, say). It is
 * never what makes a write correct: every caller must stay correct when the lock is not held,
 * has expired, or is held by two parties at once after a stalled holder's lease ran out.
 * In-process by default; backed by Redis (Redisson fenced locks) when payonce.redis.url is set.
 */
public interface LockService {

    /**
     * Waits at most {@code wait} for the lock on {@code key}. A distributed lock is held at most
     * {@code lease}, after which another instance may take it even if this holder has not finished.
     */
    Lease acquire(String key, Duration wait, Duration lease);

    /** Which store backs the locks ({@code local} or {@code redisson}), for metrics and logs. */
    String backend();
}
