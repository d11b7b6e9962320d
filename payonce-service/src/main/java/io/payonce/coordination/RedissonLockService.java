package io.payonce.coordination;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks shared by every instance, as Redisson fenced locks: each acquisition gets a token larger
 * than every earlier one for the same key, and the lock expires after its lease even when the
 * holder stalls. The local stripe for the key is taken first, so at most one thread per instance
 * talks to Redis about a key at a time and the others queue in memory instead of on Redis.
 * When Redis does not answer, the caller keeps the local lock and goes on: availability first,
 * since correctness never rests on this lock. A circuit breaker stops asking a Redis that keeps
 * failing, so an outage costs each request nothing rather than a timeout.
 */
public final class RedissonLockService implements LockService {

    private static final Logger log = LoggerFactory.getLogger(RedissonLockService.class);

    private final RedissonClient redisson;
    private final LocalLockService local;
    private final String keyPrefix;
    private final LocalLockService.LockMetrics metrics;
    private final Counter leasesLost;
    private final CircuitBreaker breaker;

    public RedissonLockService(RedissonClient redisson, LocalLockService local, String keyPrefix, MeterRegistry meters) {
        this.redisson = redisson;
        this.local = local;
        this.keyPrefix = keyPrefix;
        this.metrics = new LocalLockService.LockMetrics(meters, backend());
        this.leasesLost = Counter.builder("payonce.lock.leases.lost")
                .description("Distributed locks whose lease ran out before their holder released them")
                .register(meters);
        this.breaker = CircuitBreaker.of("redis-lock", CircuitBreakerConfig.custom()
                // Five failures among the last twenty calls open it; one probe per ten seconds then.
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(25)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    @Override
    public Lease acquire(String key, Duration wait, Duration lease) {
        long started = System.nanoTime();
        Lease localLease = local.acquire(key, wait, lease);
        if (!localLease.held()) {
            return localLease;
        }
        Duration left = wait.minusNanos(System.nanoTime() - started);
        return acquireDistributed(key, left.isNegative() ? Duration.ZERO : left, lease, localLease, started);
    }

    @Override
    public String backend() {
        return "redisson";
    }

    private Lease acquireDistributed(String key, Duration wait, Duration lease, Lease localLease, long started) {
        if (!breaker.tryAcquirePermission()) {
            metrics.unavailable(started);
            return new Lease.Held(key, null, localLease::close);
        }
        RFencedLock lock = redisson.getFencedLock(keyPrefix + key);
        long asked = System.nanoTime();
        try {
            Long token = lock.tryLockAndGetToken(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
            breaker.onSuccess(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
            if (token == null) {
                metrics.timedOut(started);
                localLease.close();
                return new Lease.NotHeld(key, Lease.Reason.TIMED_OUT);
            }
            metrics.acquired(started);
            return new Lease.Held(key, token, () -> release(lock, localLease));
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - asked, TimeUnit.NANOSECONDS, e);
            metrics.unavailable(started);
            log.warn("Redis lock {} unavailable, going on with the local lock only: {}", key, e.toString());
            return new Lease.Held(key, null, localLease::close);
        }
    }

    private void release(RFencedLock lock, Lease localLease) {
        try {
            lock.unlock();
        } catch (IllegalMonitorStateException e) {
            // The lease ran out and someone else may hold the lock now: releasing it would be
            // wrong, and the work done meanwhile was safe because it never trusted the lock.
            leasesLost.increment();
            log.warn("Lock {} expired before its holder released it", lock.getName());
        } catch (RuntimeException e) {
            log.warn("Could not release lock {} (it expires after its lease): {}", lock.getName(), e.toString());
        } finally {
            localLease.close();
        }
    }
}
