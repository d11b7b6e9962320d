package io.payonce.access;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts login attempts of one subject (an account, or a client address) and locks it out once it
 * reaches its limit within a window. An attempt is counted <em>before</em> its password is checked,
 * under the subject's row lock, so however many guesses arrive at once on however many instances,
 * at most {@code failuresMax} passwords are checked per window; a right password clears the count.
 *
 * @param failuresMax attempts without a right password before the lock-out
 * @param window      how long attempts are remembered, counted from the first of them
 * @param lockout     how long a subject stays locked out once it reached the limit
 */
public record LoginThrottle(int failuresMax, Duration window, Duration lockout) {

    public LoginThrottle {
        if (failuresMax < 1) {
            throw new IllegalArgumentException("failuresMax must be at least 1, got " + failuresMax);
        }
        if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("window and lockout must be positive");
        }
    }

    /** What is remembered of a subject: attempts not (yet) proven right, since when, and a lock-out's end. */
    public record Failures(int failures, Instant windowStartedAt, Instant lockedUntil) {
        static Failures none(Instant now) {
            return new Failures(0, now, null);
        }
    }

    /** Whether an attempt may check its password now. */
    public sealed interface Decision {
        /** Checked; {@code next} is the subject's count with this attempt in it, locked if it was the last allowed. */
        record Admitted(Failures next) implements Decision {
        }

        /** Refused without looking at the password, until {@code until}. */
        record Locked(Instant until) implements Decision {
        }
    }

    /** Counts one attempt of a subject whose record is {@code current} (null: none yet). */
    public Decision admit(Failures current, Instant now) {
        Failures live = current == null || expired(current, now) ? Failures.none(now) : current;
        if (live.lockedUntil() != null) {
            return new Decision.Locked(live.lockedUntil());
        }
        int failures = live.failures() + 1;
        Instant lockedUntil = failures >= failuresMax ? now.plus(lockout) : null;
        return new Decision.Admitted(new Failures(failures, live.windowStartedAt(), lockedUntil));
    }

    /** A lock-out that has ended, or a window that has passed, is forgotten with its count. */
    private boolean expired(Failures failures, Instant now) {
        if (failures.lockedUntil() != null) {
            return !now.isBefore(failures.lockedUntil());
        }
        return !now.isBefore(failures.windowStartedAt().plus(window));
    }

    /** Whole seconds until {@code until}, at least one: what {@code Retry-After} says. */
    public static long secondsUntil(Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
