package io.payonce.bench.load;

/**
 * One iteration as the calls inside it see it. The first call's latency counts from the
 * iteration's intended start (open model), so time spent waiting for the harness or for earlier
 * requests is charged to the service, as a real client would experience it; later calls depend
 * on earlier answers and count from their own send.
 */
public final class Session {

    private final long sequence;
    private final long intendedStartNanos;
    private final boolean measured;
    private boolean firstCallPending = true;

    public Session(long sequence, long intendedStartNanos, boolean measured) {
        this.sequence = sequence;
        this.intendedStartNanos = intendedStartNanos;
        this.measured = measured;
    }

    /** Unique across the run and never reused: scenarios derive order numbers and keys from it. */
    public long sequence() {
        return sequence;
    }

    public long intendedStartNanos() {
        return intendedStartNanos;
    }

    /** False during the warm-up: calls still run and are journaled for the audit, but not timed. */
    public boolean measured() {
        return measured;
    }

    /** The instant a call's latency counts from; see the class comment. */
    synchronized long latencyOrigin(long sendNanos) {
        if (firstCallPending) {
            firstCallPending = false;
            return Math.min(intendedStartNanos, sendNanos);
        }
        return sendNanos;
    }
}
