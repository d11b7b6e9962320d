package io.payonce.intake;

/**
 * Told after an order was queued and committed, to get it to a worker sooner than the next poll.
 * It carries no guarantee: the QUEUED row in PostgreSQL is the order's place in the queue, and the
 * poller takes any order this signal failed to pass on.
 */
public interface IntakeSignal {

    /** The order {@code orderId} is queued (its transaction committed). Never throws. */
    void queued(String orderId);

    /** Whether a broker carries the signals (the poller then only sweeps what it left). */
    boolean brokered();

    /** Without a broker: the poller finds every queued order by itself. */
    IntakeSignal POLL_ONLY = new IntakeSignal() {
        @Override
        public void queued(String orderId) {
        }

        @Override
        public boolean brokered() {
            return false;
        }
    };
}
