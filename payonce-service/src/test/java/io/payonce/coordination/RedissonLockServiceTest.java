package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;

/** The Redisson lock's failure handling, with Redis replaced by mocks (the real one is in RedissonRenewalIT). */
class RedissonLockServiceTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedissonClient redisson = mock(RedissonClient.class);
    private final RFencedLock lock = mock(RFencedLock.class);
    private final RedissonLockService locks = new RedissonLockService(redisson, new LocalLockService(16, meters), "p:", meters);

    @Test
    void a_lock_whose_lease_ran_out_is_counted_and_not_released_twice() {
        when(redisson.getFencedLock("p:k")).thenReturn(lock);
        when(lock.tryLockAndGetToken(anyLong(), anyLong(), eq(TimeUnit.MILLISECONDS))).thenReturn(7L);
        doThrow(new IllegalMonitorStateException("not locked by current thread")).when(lock).unlock();

        Lease lease = locks.acquire("k", Duration.ofSeconds(1), Duration.ofSeconds(1));
        lease.close();

        assertThat(lease.fencingToken()).isEqualTo(7L);
        assertThat(meters.counter("payonce.lock.leases.lost").count()).isEqualTo(1);
        assertThat(locks.acquire("k", Duration.ZERO, Duration.ofSeconds(1)).held()).isTrue();
    }

    @Test
    void when_redis_fails_the_caller_keeps_the_local_lock_and_the_breaker_stops_asking() {
        when(redisson.getFencedLock(anyString())).thenReturn(lock);
        when(lock.tryLockAndGetToken(anyLong(), anyLong(), eq(TimeUnit.MILLISECONDS)))
                .thenThrow(new RedisConnectionException("connection refused"));

        for (int i = 0; i < 50; i++) {
            try (Lease lease = locks.acquire("user-" + i, Duration.ofSeconds(1), Duration.ofSeconds(1))) {
                assertThat(lease.held()).isTrue();
                assertThat(lease.fencingToken()).isNull();
            }
        }

        verify(lock, atMost(5)).tryLockAndGetToken(anyLong(), anyLong(), eq(TimeUnit.MILLISECONDS));
        assertThat(meters.find("payonce.lock.wait").tag("backend", "redisson").tag("outcome", "unavailable").timer().count())
                .isEqualTo(50);
    }
}
