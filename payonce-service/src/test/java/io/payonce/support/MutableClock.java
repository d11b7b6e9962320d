package io.payonce.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand: time passes only when a test says so. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * The same moving time seen in another zone. Returning {@code this} here made every
     * {@code LocalDate.now(clock.withZone(Asia/Shanghai))} a UTC date, so a test that reconciles
     * "today in Beijing" failed every day from 16:00 UTC, when the two dates differ.
     */
    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock moving = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return moving.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moving.withZone(other);
            }
        };
    }
}
