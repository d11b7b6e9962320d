package io.payonce.gateway.notify;

import java.time.Duration;
import java.util.List;

/**
 * The waits before each retry of one gateway's notifications, as this sandbox runs them: the
 * {@code payonce.gateway.notify-retry-delays} when set, else the format's real schedule times
 * {@code payonce.gateway.notify-time-scale} (1.0 = the real ~25 h of Alipay, ~24 h of WeChat Pay;
 * 0.0005 plays a day in about 45 s).
 */
public record RetrySchedule(List<Duration> delays) {

    /** No scaled wait is shorter than this: a zero wait would retry in a busy loop. */
    static final Duration DELAY_MIN = Duration.ofMillis(1);

    public RetrySchedule {
        delays = List.copyOf(delays);
    }

    public static RetrySchedule of(NotificationFormat format, double timeScale, List<Duration> override) {
        if (!override.isEmpty()) {
            return new RetrySchedule(override);
        }
        return new RetrySchedule(format.retrySchedule().stream().map(delay -> scaled(delay, timeScale)).toList());
    }

    /** Attempts per notification: the first one plus one per retry. */
    public int attemptsMax() {
        return delays.size() + 1;
    }

    /** The wait after failed attempt number {@code attempt} (1 = the first), or null after the last one. */
    public Duration afterAttempt(int attempt) {
        return attempt >= 1 && attempt <= delays.size() ? delays.get(attempt - 1) : null;
    }

    static Duration scaled(Duration delay, double timeScale) {
        Duration scaled = Duration.ofNanos(Math.round(delay.toNanos() * timeScale));
        return scaled.compareTo(DELAY_MIN) < 0 ? DELAY_MIN : scaled;
    }
}
