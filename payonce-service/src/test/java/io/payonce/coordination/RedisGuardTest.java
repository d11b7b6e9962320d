package io.payonce.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RedisGuardTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedisGuard guard = new RedisGuard(Duration.ofMillis(200), meters);
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void an_answer_from_redis_is_used_and_counts_no_fallback() {
        assertThat(guard.call("rate_limit", () -> "redis", () -> "local")).isEqualTo("redis");

        assertThat(guard.available()).isTrue();
        assertThat(guard.fallbacks()).isZero();
        assertThat(meters.get("payonce.redis.available").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void a_failing_call_falls_back_and_counts_it_by_use() {
        assertThat(guard.call("answer_cache", this::failing, () -> "postgresql")).isEqualTo("postgresql");

        assertThat(asked).hasValue(1);
        assertThat(meters.get("payonce.redis.fallbacks").tag("use", "answer_cache").counter().count()).isEqualTo(1.0);
        assertThat(guard.fallbacks()).isEqualTo(1);
    }

    @Test
    void after_three_failures_redis_is_not_asked_until_the_probe_interval_passed_then_it_is_used_again() {
        for (int i = 0; i < 3; i++) {
            guard.call("rate_limit", this::failing, () -> "local");
        }

        assertThat(guard.available()).isFalse();
        assertThat(guard.state()).isEqualTo("OPEN");
        assertThat(meters.get("payonce.redis.available").gauge().value()).isZero();
        assertThat(guard.call("rate_limit", this::failing, () -> "local")).isEqualTo("local");
        assertThat(asked).as("not asked while open").hasValue(3);
        assertThat(guard.fallbacks()).isEqualTo(4);

        // Redis is back: once the interval has passed, one probe goes through and closes the breaker.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "redis".equals(guard.call("rate_limit", () -> "redis", () -> "local")));
        assertThat(guard.state()).isEqualTo("CLOSED");
        assertThat(guard.available()).isTrue();
    }

    private String failing() {
        asked.incrementAndGet();
        throw new IllegalStateException("Redis is down");
    }
}
