package io.payonce.channels.sim;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Plays the buyer who always pays: trades opened while {@code payonce.sim.autopay-ms} was above 0
 * carry an {@code autopay_at}, and this loop pays them once it has passed. It runs on every
 * instance whatever its own setting, so a trade's promise to pay itself survives a restart; the
 * instances share the due trades through SKIP LOCKED.
 */
// Sandbox only: PAYONCE_SIM_ENABLED, on by default in sandbox mode, refused in production.
@ConditionalOnBooleanProperty("payonce.sim.enabled")
@Component
class Autopayer extends Poller {

    private final TradeTransitions transitions;
    private final int batchMax;

    Autopayer(TradeTransitions transitions, SimProperties properties) {
        super("sim-autopayer", properties.pollInterval());
        this.transitions = transitions;
        this.batchMax = properties.autopayBatchMax();
    }

    @Override
    protected int pollOnce() {
        return transitions.payDueAutopay(batchMax);
    }
}
