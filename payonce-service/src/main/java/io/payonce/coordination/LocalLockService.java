package io.payonce.coordination;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * In-process locks, striped by the key's hash: a fixed amount of memory whatever the number of
 * keys, at the price of two keys occasionally sharing a stripe (which only serialises them).
 * Cheap enough (well under a microsecond uncontended) to take on every request.
 */
public final class LocalLockService implements LockService {

    private final ReentrantLock[] stripes;
    private final LockMetrics metrics;

    public LocalLockService(int stripeCount, MeterRegistry meters) {
        if (Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("stripeCount must be a power of two, got " + stripeCount);
        }
        this.stripes = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            // Fair, so a storm on one key is served in arrival order and no waiter starves past its wait.
            stripes[i] = new ReentrantLock(true);
        }
        this.metrics = new LockMetrics(meters, backend());
    }

    @Override
    public Lease acquire(String key, Duration wait, Duration lease) {
        ReentrantLock stripe = stripeFor(key);
        long started = System.nanoTime();
        try {
            if (stripe.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                metrics.acquired(started);
                return new Lease.Held(key, null, stripe::unlock);
            }
            metrics.timedOut(started);
            return new Lease.NotHeld(key, Lease.Reason.TIMED_OUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.timedOut(started);
            return new Lease.NotHeld(key, Lease.Reason.TIMED_OUT);
        }
    }

    @Override
    public String backend() {
        return "local";
    }

    private ReentrantLock stripeFor(String key) {
        int hash = key.hashCode();
        // Spread the high bits, as HashMap does, so keys differing only at the end still spread.
        return stripes[(hash ^ (hash >>> 16)) & (stripes.length - 1)];
    }

    /** The {@code payonce.lock.wait} timer, tagged by backend and outcome. */
    static final class LockMetrics {
        private final Timer acquired;
        private final Timer timedOut;
        private final Timer unavailable;

        LockMetrics(MeterRegistry meters, String backend) {
            this.acquired = timer(meters, backend, "acquired");
            this.timedOut = timer(meters, backend, "timed_out");
            this.unavailable = timer(meters, backend, "unavailable");
        }

        void acquired(long startedNanos) {
            acquired.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        }

        void timedOut(long startedNanos) {
            timedOut.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        }

        void unavailable(long startedNanos) {
            unavailable.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        }

        private static Timer timer(MeterRegistry meters, String backend, String outcome) {
            return Timer.builder("payonce.lock.wait")
                    .description("Time spent waiting for a coordination lock")
                    .tag("backend", backend).tag("outcome", outcome)
                    .register(meters);
        }
    }
}
