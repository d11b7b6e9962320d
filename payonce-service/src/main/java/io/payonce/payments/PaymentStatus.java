package io.payonce.payments;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The statuses that hold their order: at most one attempt per order is in one of them (the
     * partial unique index {@code payments_one_live_per_order} says the same, and a test keeps the
     * two equal), so a second attempt can never open a second trade and charge twice.
     */
    static final Set<PaymentStatus> HOLDING_ORDER = EnumSet.of(PENDING, UNKNOWN, SUCCEEDED);

    public Optional<PaymentStatus> on(Event event) {
        return Optional.ofNullable(TRANSITIONS.get(this).get(event));
    }

    /** The statuses that allow {@code event}, by name: the status list of a conditional UPDATE. */
    static List<String> allowing(Event event) {
        return allowingStatuses(event).stream().map(Enum::name).toList();
    }

    /** The statuses that allow {@code event}. */
    static List<PaymentStatus> allowingStatuses(Event event) {
        return Arrays.stream(values()).filter(status -> status.on(event).isPresent()).toList();
    }

    static List<String> names(Set<PaymentStatus> statuses) {
        return statuses.stream().map(Enum::name).sorted().toList();
    }
}
