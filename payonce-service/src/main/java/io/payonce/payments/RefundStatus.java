package io.payonce.payments;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A refund's lifecycle. PENDING while the amount is set aside and the channel is asked; the
 * channel's answer settles it. SUCCEEDED and FAILED are final.
 */
public enum RefundStatus {
    PENDING, SUCCEEDED, FAILED;

    /** What can happen to a refund. */
    public enum Event {
        /** The channel confirmed the money went back. */
        SUCCEED,
        /** The channel refused the refund: the amount set aside is given back to the order. */
        FAIL
    }

    private static final Map<RefundStatus, Map<Event, RefundStatus>> TRANSITIONS = Map.of(
            PENDING, Map.of(Event.SUCCEED, SUCCEEDED, Event.FAIL, FAILED),
            SUCCEEDED, Map.of(),
            FAILED, Map.of());

    public Optional<RefundStatus> on(Event event) {
        return Optional.ofNullable(TRANSITIONS.get(this).get(event));
    }

    /** No event can change it any more. */
    public boolean terminal() {
        return TRANSITIONS.get(this).isEmpty();
    }

    /** The statuses that allow {@code event}, by name: the status list of a conditional UPDATE. */
    static List<String> allowing(Event event) {
        return Arrays.stream(values()).filter(status -> status.on(event).isPresent()).map(Enum::name).toList();
    }
}
