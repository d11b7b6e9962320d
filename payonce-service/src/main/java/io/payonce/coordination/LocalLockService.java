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

    /** The {@code payonce.lock.wait} timer, tagged by backend and outcome (registered on first use). */
    static final class LockMetrics {
        private final MeterRegistry meters;
        private final String backend;

        LockMetrics(MeterRegistry meters, String backend) {
            this.meters = meters;
            this.backend = backend;
        }

        void acquired(long startedNanos) {
            record("acquired", startedNanos);
        }

        void timedOut(long startedNanos) {
            record("timed_out", startedNanos);
        }

        void unavailable(long startedNanos) {
            record("unavailable", startedNanos);
        }

        private void record(String outcome, long startedNanos) {
            Timer.builder("payonce.lock.wait")
                    .description("Time spent waiting for a coordination lock")
                    .tag("backend", backend).tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        }
    }
}
