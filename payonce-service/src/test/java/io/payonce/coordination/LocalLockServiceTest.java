package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LocalLockServiceTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LocalLockService locks = new LocalLockService(64, meters);

    @Test
    void a_held_key_is_not_given_to_another_thread_until_released() throws Exception {
        Lease first = locks.acquire("user-1", Duration.ZERO, Duration.ofSeconds(10));

        Lease whileHeld = CompletableFuture.supplyAsync(() -> locks.acquire("user-1", Duration.ofMillis(50), Duration.ofSeconds(10)))
                .get(5, TimeUnit.SECONDS);
        first.close();
        Lease afterRelease = CompletableFuture.supplyAsync(() -> {
            try (Lease lease = locks.acquire("user-1", Duration.ZERO, Duration.ofSeconds(10))) {
                return lease;
            }
        }).get(5, TimeUnit.SECONDS);

        assertThat(first.held()).isTrue();
        assertThat(whileHeld).isEqualTo(new Lease.NotHeld("user-1", Lease.Reason.TIMED_OUT));
        assertThat(afterRelease.held()).isTrue();
        assertThat(first.fencingToken()).isNull();
    }

    @Test
    void waits_are_timed_by_outcome() {
        locks.acquire("user-2", Duration.ZERO, Duration.ofSeconds(1)).close();

        assertThat(meters.find("payonce.lock.wait").tag("backend", "local").tag("outcome", "acquired").timer().count()).isEqualTo(1);
    }

    @Test
    void the_stripe_count_must_be_a_power_of_two() {
        assertThatThrownBy(() -> new LocalLockService(100, meters)).isInstanceOf(IllegalArgumentException.class);
    }
}
