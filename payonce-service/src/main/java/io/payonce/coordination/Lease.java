package io.payonce.coordination;

/**
 * The outcome of asking {@link LockService} for a lock: held until {@link #close()}, or not held,
 * in which case the caller goes on without it. Nothing payonce guarantees rests on a lock, so
 * "not held" is a slower path, never an error.
 */
public sealed interface Lease extends AutoCloseable {

    String key();

    /** The distributed lock's fencing token (monotonic per key), or null when there is none. */
    Long fencingToken();

    /** Releases the lock if held; never throws, also when the lease ran out meanwhile. */
    @Override
    void close();

    default boolean held() {
        return this instanceof Held;
    }

    /** The lock is held until {@link #close()} or until its lease runs out, whichever comes first. */
    record Held(String key, Long fencingToken, Runnable release) implements Lease {
        @Override
        public void close() {
            release.run();
        }
    }

    /** The lock was not taken; the caller proceeds unlocked. */
    record NotHeld(String key, Reason reason) implements Lease {
        @Override
        public Long fencingToken() {
            return null;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /** Why a lock was not taken. */
    enum Reason {
        /** Locking is switched off by configuration. */
        DISABLED,
        /** Another holder kept it past the wait. */
        TIMED_OUT,
        /** The lock store did not answer (Redis down); the local lock may still be held. */
        UNAVAILABLE
    }
}
