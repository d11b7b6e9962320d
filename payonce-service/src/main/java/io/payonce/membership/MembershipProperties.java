package io.payonce.membership;

import java.time.Duration;

import io.payonce.config.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the membership API ({@code payonce.membership.*}, env PAYONCE_MEMBERSHIP_*).
 *
 * @param lockEnabled     take the per-user lock around a renewal; off, correctness is unchanged
 *                        (the database serialises the write) and only contention grows
 * @param lockWait        how long a renewal waits for the per-user lock before going on without it
 * @param lockLease       how long a distributed lock is held at most: longer than any renewal
 *                        transaction, short enough that a crashed holder does not block the user long
 * @param timestampWindow how far a signed request's timestamp may be from now, either way
 * @param nonceRetention  how long nonces are remembered; at least twice the window, because a
 *                        request is acceptable from {@code timestamp - window} to {@code timestamp + window}
 */
@Validated
@ConfigurationProperties("payonce.membership")
public record MembershipProperties(
        @DefaultValue("true") boolean lockEnabled,
        @DefaultValue("5s") @PositiveDuration Duration lockWait,
        @DefaultValue("10s") @PositiveDuration Duration lockLease,
        @DefaultValue("5m") @PositiveDuration Duration timestampWindow,
        @DefaultValue("15m") @PositiveDuration Duration nonceRetention) {

    public MembershipProperties {
        if (timestampWindow != null && nonceRetention != null && nonceRetention.compareTo(timestampWindow.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("payonce.membership.nonce-retention (" + nonceRetention
                    + ") must be at least twice payonce.membership.timestamp-window (" + timestampWindow
                    + "), or a replay could outlive its nonce");
        }
        if (lockLease != null && (lockLease.isNegative() || lockLease.isZero())) {
            throw new IllegalArgumentException("payonce.membership.lock-lease must be positive, got " + lockLease);
        }
    }
}
