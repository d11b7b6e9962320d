package io.payonce.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(3), Duration.ofSeconds(10));

    /** A random source that always answers the lowest value: the fixed half of each step. */
    private static final RandomGenerator LOWEST = fixed(0);
    /** One that always answers the highest value allowed: the whole step. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value;
            }
        };
    }

    private static Optional<Duration> delay(int nextAttempt, Duration retryAfter, Duration elapsed, RandomGenerator random) {
        return POLICY.delayBefore(nextAttempt, retryAfter, elapsed, random);
    }

    @Test
    void steps_double_from_the_initial_backoff_up_to_the_cap() {
        assertThat(POLICY.backoffMs(2)).isEqualTo(100);
        assertThat(POLICY.backoffMs(3)).isEqualTo(200);
        assertThat(POLICY.backoffMs(4)).isEqualTo(400);
        assertThat(POLICY.backoffMs(5)).isEqualTo(500);
    }

    @Test
    void jitter_keeps_each_wait_between_half_the_step_and_the_whole_step() {
        assertThat(delay(2, null, Duration.ZERO, LOWEST)).contains(Duration.ofMillis(50));
        assertThat(delay(2, null, Duration.ZERO, HIGHEST)).contains(Duration.ofMillis(100));
        assertThat(delay(3, null, Duration.ZERO, LOWEST)).contains(Duration.ofMillis(100));
        assertThat(delay(3, null, Duration.ZERO, HIGHEST)).contains(Duration.ofMillis(200));
        assertThat(delay(4, null, Duration.ZERO, fixed(7))).contains(Duration.ofMillis(207));
    }

    @Test
    void an_odd_step_keeps_its_larger_half_fixed() {
        RetryPolicy odd = new RetryPolicy(3, Duration.ofMillis(101), Duration.ofMillis(101), Duration.ZERO, Duration.ofSeconds(1));
        assertThat(odd.delayBefore(2, null, Duration.ZERO, LOWEST)).contains(Duration.ofMillis(51));
        assertThat(odd.delayBefore(2, null, Duration.ZERO, HIGHEST)).contains(Duration.ofMillis(101));
    }

    @Test
    void the_last_attempt_allowed_is_attempts_max() {
        assertThat(delay(5, null, Duration.ZERO, LOWEST)).isPresent();
        assertThat(delay(6, null, Duration.ZERO, LOWEST)).isEmpty();
    }

    @Test
    void retry_after_longer_than_the_backoff_is_waited_in_full() {
        assertThat(delay(2, Duration.ofSeconds(2), Duration.ZERO, HIGHEST)).contains(Duration.ofSeconds(2));
    }

    @Test
    void retry_after_shorter_than_the_backoff_does_not_shorten_it() {
        assertThat(delay(4, Duration.ofMillis(10), Duration.ZERO, LOWEST)).contains(Duration.ofMillis(200));
    }

    @Test
    void retry_after_equal_to_the_backoff_is_that_wait() {
        assertThat(delay(2, Duration.ofMillis(100), Duration.ZERO, HIGHEST)).contains(Duration.ofMillis(100));
    }

    @Test
    void retry_after_up_to_its_bound_is_honoured_and_beyond_it_the_call_stops() {
        assertThat(delay(2, Duration.ofSeconds(3), Duration.ZERO, LOWEST)).contains(Duration.ofSeconds(3));
        assertThat(delay(2, Duration.ofMillis(3001), Duration.ZERO, LOWEST)).isEmpty();
    }

    @Test
    void no_retry_starts_after_the_total_bound() {
        assertThat(delay(2, null, Duration.ofMillis(9950), LOWEST)).contains(Duration.ofMillis(50));
        assertThat(delay(2, null, Duration.ofMillis(9951), LOWEST)).isEmpty();
    }

    @Test
    void none_never_retries() {
        assertThat(RetryPolicy.none().delayBefore(2, null, Duration.ZERO, LOWEST)).isEmpty();
    }

    @Test
    void defaults_try_four_times_from_250_ms() {
        RetryPolicy defaults = RetryPolicy.defaults();
        assertThat(defaults.attemptsMax()).isEqualTo(4);
        assertThat(defaults.delayBefore(2, null, Duration.ZERO, HIGHEST)).contains(Duration.ofMillis(250));
        assertThat(defaults.backoffMax()).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.retryAfterMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.totalMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withers_change_only_their_field() {
        assertThat(POLICY.withAttemptsMax(2)).isEqualTo(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(3), Duration.ofSeconds(10)));
        assertThat(POLICY.withTotalMax(Duration.ofSeconds(1))).isEqualTo(new RetryPolicy(5, Duration.ofMillis(100),
                Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(1)));
    }

    @Test
    void attempts_are_bounded_both_ways() {
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO).attemptsMax()).isEqualTo(1);
        assertThat(POLICY.withAttemptsMax(RetryPolicy.ATTEMPTS_LIMIT).attemptsMax()).isEqualTo(32);
        assertThatThrownBy(() -> POLICY.withAttemptsMax(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> POLICY.withAttemptsMax(33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffs_must_be_ordered_and_not_negative() {
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(2), Duration.ofMillis(1), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO, Duration.ZERO).backoffMax())
                .isEqualTo(Duration.ofMillis(1));
    }
}
