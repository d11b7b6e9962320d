package io.payonce.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the janitor next asks a gateway about a payment or a refund whose outcome it does not
 * know. The first question comes {@code firstUnknown} after an answer was lost (a timeout), or
 * {@code firstPending} after a trade opened (the buyer may still be paying); after the n-th
 * inconclusive answer the next comes {@code backoff[n-1]} later, the last delay repeating
 * (5 s, then 30 s, 2 min, 10 min, then hourly by default). The {@code attemptsMax}-th inconclusive
 * answer makes the row a money exception, and it is still asked about hourly. An unpaid order is
 * asked about {@code beforeExpiry} before it expires, so a payment whose notification was lost is
 * found before the expiry closes its trade. Pure: no clock, no database.
 */
record QuerySchedule(Duration firstUnknown, Duration firstPending, List<Duration> backoff, int attemptsMax,
                     Duration beforeExpiry) {

    QuerySchedule {
        backoff = List.copyOf(backoff);
        if (backoff.isEmpty() || attemptsMax < 1) {
            throw new IllegalArgumentException("A query schedule needs at least one backoff delay and one attempt");
        }
        if (backoff.stream().anyMatch(delay -> delay.isZero() || delay.isNegative())) {
            throw new IllegalArgumentException("payonce.janitor.query-backoff: every delay must be a positive duration, got " + backoff);
        }
    }

    /** The first question about a payment that just lost track of its trade. */
    Instant firstAfterLostAnswer(Instant now) {
        return now.plus(firstUnknown);
    }

    /** The first question about a payment whose trade is opening. */
    Instant firstAfterOpening(Instant now) {
        return now.plus(firstPending);
    }

    /** The next question after {@code attemptsMade} (at least 1) inconclusive answers. */
    Instant next(Instant now, int attemptsMade) {
        int index = Math.min(Math.max(attemptsMade, 1), backoff.size()) - 1;
        return now.plus(backoff.get(index));
    }

    /**
     * The next question about a payment of an unpaid order that expires at {@code expiresAt}: no
     * later than {@code beforeExpiry} ahead of it, while that is still in the future.
     */
    Instant next(Instant now, int attemptsMade, Instant expiresAt) {
        Instant scheduled = next(now, attemptsMade);
        Instant lastChance = expiresAt.minus(beforeExpiry);
        return lastChance.isAfter(now) && lastChance.isBefore(scheduled) ? lastChance : scheduled;
    }

    /** True exactly once: when the answers so far reach the limit, and the row becomes a money exception. */
    boolean limitReachedAt(int attemptsMade) {
        return attemptsMade == attemptsMax;
    }
}
