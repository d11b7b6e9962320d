package io.payonce.client;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a logical call is tried again, and after how long: exponential backoff with "equal jitter"
 * (half the step fixed, half random, so waits grow and concurrent clients spread out), never
 * shorter than the server's {@code Retry-After}, and bounded three ways: attempts, the longest
 * {@code Retry-After} worth waiting for, and the total time the call may take.
 *
 * @param attemptsMax      tries in all, the first included (1: never retry)
 * @param initialBackoff   the step before the second attempt; doubled before each next one
 * @param backoffMax       the step's cap
 * @param retryAfterMax    a longer {@code Retry-After} is given back to the caller instead of waited
 *                         for (a reservation limit says 540 s: a person should decide, not a loop)
 * @param totalMax         no retry starts later than this after the first attempt
 */
public record RetryPolicy(int attemptsMax, Duration initialBackoff, Duration backoffMax, Duration retryAfterMax,
                          Duration totalMax) {

    /** 32 attempts is far beyond any sane policy; a larger number is a typo, and 2^31 ms overflows the step. */
    static final int ATTEMPTS_LIMIT = 32;

    public RetryPolicy {
        if (attemptsMax < 1 || attemptsMax > ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("attemptsMax must be 1 to " + ATTEMPTS_LIMIT + ", was " + attemptsMax);
        }
        if (initialBackoff.isNegative() || backoffMax.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= backoffMax");
        }
    }

    /**
     * Four attempts, 250 ms doubling to at most 4 s, a Retry-After up to 10 s honoured, 30 s in
     * all: a payment call outlives a server restart or a short overload, and gives up well before a
     * person would.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** One attempt, no retry: for load measurement, where a hidden retry would falsify the figures. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The same policy with another number of attempts. */
    public RetryPolicy withAttemptsMax(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, backoffMax, retryAfterMax, totalMax);
    }

    /** The same policy with another total time bound. */
    public RetryPolicy withTotalMax(Duration total) {
        return new RetryPolicy(attemptsMax, initialBackoff, backoffMax, retryAfterMax, total);
    }

    /**
     * How long to wait before attempt {@code nextAttempt} (2 for the first retry), or empty when
     * the call must stop here.
     *
     * @param retryAfter the server's {@code Retry-After}, or null when it sent none
     * @param elapsed    time since the first attempt began
     */
    public Optional<Duration> delayBefore(int nextAttempt, Duration retryAfter, Duration elapsed, RandomGenerator random) {
        if (nextAttempt > attemptsMax || retryAfter != null && retryAfter.compareTo(retryAfterMax) > 0) {
            return Optional.empty();
        }
        long stepMs = backoffMs(nextAttempt);
        long halfMs = stepMs / 2;
        long jitteredMs = stepMs - halfMs + random.nextLong(halfMs + 1);
        Duration delay = Duration.ofMillis(retryAfter == null ? jitteredMs : Math.max(jitteredMs, retryAfter.toMillis()));
        return elapsed.plus(delay).compareTo(totalMax) > 0 ? Optional.empty() : Optional.of(delay);
    }

    /** initialBackoff * 2^(nextAttempt - 2), capped. */
    long backoffMs(int nextAttempt) {
        long step = initialBackoff.toMillis() << (nextAttempt - 2);
        return Math.min(step, backoffMax.toMillis());
    }
}
