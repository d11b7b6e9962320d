package io.payonce.payments;

import java.util.Map;
import java.util.Optional;

/**
 * A payment attempt's lifecycle. A gateway timeout is UNKNOWN, never FAILED: only the gateway's
 * own answer (a notification, or the janitor asking) settles it. SUCCEEDED and FAILED are final.
 */
public enum PaymentStatus {
    PENDING, SUCCEEDED, FAILED, UNKNOWN;

    /** What can happen to a payment attempt. */
    public enum Event {
        /** The gateway says the buyer paid. */
        SUCCEED,
        /** The gateway declined, or closed the trade unpaid. */
        FAIL,
        /** The gateway did not answer intelligibly: the trade may exist. */
        LOSE_TRACK,
        /** Asking the gateway showed the trade open and waiting for the buyer. */
        CONFIRM_OPEN
    }

    private static final Map<PaymentStatus, Map<Event, PaymentStatus>> TRANSITIONS = Map.of(
            PENDING, Map.of(Event.SUCCEED, SUCCEEDED, Event.FAIL, FAILED, Event.LOSE_TRACK, UNKNOWN),
            UNKNOWN, Map.of(Event.SUCCEED, SUCCEEDED, Event.FAIL, FAILED, Event.CONFIRM_OPEN, PENDING),
            SUCCEEDED, Map.of(),
            FAILED, Map.of());

    public Optional<PaymentStatus> on(Event event) {
        return Optional.ofNullable(TRANSITIONS.get(this).get(event));
    }

    /** Still open at the gateway: it may yet be paid. */
    public boolean live() {
        return this == PENDING || this == UNKNOWN;
    }
}
