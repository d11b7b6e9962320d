package io.payonce.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), Duration.ofMinutes(10));

    @Test
    void a_first_attempt_is_admitted_and_counted_from_now() {
        assertThat(throttle.admit(null, T0)).isEqualTo(new LoginThrottle.Decision.Admitted(new LoginThrottle.Failures(1, T0, null)));
    }

    @Test
    void the_last_allowed_attempt_is_admitted_and_locks_the_subject_out_from_then() {
        LoginThrottle.Failures two = new LoginThrottle.Failures(2, T0, null);
        Instant now = T0.plusSeconds(60);
        assertThat(throttle.admit(two, now)).isEqualTo(new LoginThrottle.Decision.Admitted(
                new LoginThrottle.Failures(3, T0, now.plus(Duration.ofMinutes(10)))));
    }

    @Test
    void an_attempt_before_the_limit_is_admitted_without_a_lock() {
        LoginThrottle.Failures one = new LoginThrottle.Failures(1, T0, null);
        assertThat(throttle.admit(one, T0.plusSeconds(1))).isEqualTo(new LoginThrottle.Decision.Admitted(
                new LoginThrottle.Failures(2, T0, null)));
    }

    @Test
    void a_locked_subject_is_refused_until_the_lock_out_ends_and_counted_afresh_from_then() {
        Instant until = T0.plus(Duration.ofMinutes(10));
        LoginThrottle.Failures locked = new LoginThrottle.Failures(3, T0, until);
        assertThat(throttle.admit(locked, until.minusMillis(1))).isEqualTo(new LoginThrottle.Decision.Locked(until));
        assertThat(throttle.admit(locked, until)).isEqualTo(new LoginThrottle.Decision.Admitted(new LoginThrottle.Failures(1, until, null)));
    }

    @Test
    void failures_older_than_the_window_are_forgotten() {
        LoginThrottle.Failures two = new LoginThrottle.Failures(2, T0, null);
        Instant windowEnd = T0.plus(Duration.ofMinutes(15));
        assertThat(throttle.admit(two, windowEnd.minusMillis(1))).isInstanceOf(LoginThrottle.Decision.Admitted.class)
                .extracting(d -> ((LoginThrottle.Decision.Admitted) d).next().lockedUntil()).isNotNull();
        assertThat(throttle.admit(two, windowEnd)).isEqualTo(new LoginThrottle.Decision.Admitted(new LoginThrottle.Failures(1, windowEnd, null)));
    }

    @Test
    void a_limit_of_one_locks_at_the_first_attempt() {
        LoginThrottle strict = new LoginThrottle(1, Duration.ofMinutes(1), Duration.ofMinutes(1));
        assertThat(strict.admit(null, T0)).isEqualTo(new LoginThrottle.Decision.Admitted(
                new LoginThrottle.Failures(1, T0, T0.plus(Duration.ofMinutes(1)))));
    }

    @Test
    void settings_that_would_never_lock_or_never_forget_are_refused() {
        assertThatThrownBy(() -> new LoginThrottle(0, Duration.ofMinutes(1), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(1, Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(1, Duration.ofMinutes(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(1, Duration.ofMinutes(-1), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(1, Duration.ofMinutes(1), Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retry_after_rounds_up_to_whole_seconds_and_is_at_least_one() {
        assertThat(LoginThrottle.secondsUntil(T0.plusMillis(1001), T0)).isEqualTo(2);
        assertThat(LoginThrottle.secondsUntil(T0.plusMillis(1000), T0)).isEqualTo(1);
        assertThat(LoginThrottle.secondsUntil(T0.plusMillis(999), T0)).isEqualTo(1);
        assertThat(LoginThrottle.secondsUntil(T0, T0)).isEqualTo(1);
        assertThat(LoginThrottle.secondsUntil(T0.minusSeconds(5), T0)).isEqualTo(1);
        assertThat(LoginThrottle.secondsUntil(T0.plusSeconds(600), T0)).isEqualTo(600);
    }
}
