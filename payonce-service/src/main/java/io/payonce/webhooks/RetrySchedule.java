package io.payonce.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * When a failed delivery is tried again. The first attempt is immediate; after the n-th failed
 * attempt the delivery waits the n-th delay, stretched or shrunk by up to {@code jitter} (so that
 * deliveries failed together by one outage do not all return together); after the last delay's
 * attempt it gives up. The default delays add up to about a day (23 h 52 min):
 * 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h, so 12 attempts in all.
 */
public final class RetrySchedule {

    public static final List<Duration> DEFAULT_DELAYS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(8));
    /** More delays than this is a typo, not a schedule: each one is a row's attempt kept forever. */
    public static final int DELAYS_MAX = 50;

    private final List<Duration> delays;
    private final double jitter;

    /** {@code jitter} is a fraction from 0 (none) to 0.5 (each delay 50 % to 150 % of itself). */
    public RetrySchedule(List<Duration> delays, double jitter) {
        if (delays.isEmpty() || delays.size() > DELAYS_MAX) {
            throw new IllegalArgumentException("payonce.webhooks.retry-delays must list 1 to " + DELAYS_MAX + " delays");
        }
        if (delays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("payonce.webhooks.retry-delays must all be positive");
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("payonce.webhooks.retry-jitter must be from 0 to 0.5, got " + jitter);
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
    }

    /** Attempts in all before a delivery gives up: the first, and one after each delay. */
    public int attemptsMax() {
        return delays.size() + 1;
    }

    /**
     * The wait after {@code failedAttempts} failed attempts (1 after the first), or null when that
     * was the last attempt. {@code random} is a number from 0 (inclusive) to 1 (exclusive); 0.5
     * gives the delay exactly.
     */
    public Duration delayAfter(int failedAttempts, double random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("A delay follows a failed attempt; got " + failedAttempts + " attempts");
        }
        if (failedAttempts >= attemptsMax()) {
            return null;
        }
        Duration delay = delays.get(failedAttempts - 1);
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    /** The sum of the delays: how long after the first attempt the last one comes, without jitter. */
    public Duration span() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
