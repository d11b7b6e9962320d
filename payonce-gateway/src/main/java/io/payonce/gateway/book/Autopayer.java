package io.payonce.gateway.book;

import io.payonce.gateway.config.GatewaySettings;
import org.springframework.stereotype.Component;

/**
 * Plays the buyer who always pays: trades opened while {@code payonce.gateway.autopay-ms} was
 * above 0 carry an {@code autopay_at}, and this loop pays them once it has passed. It runs
 * whatever the current setting, so a trade's promise to pay itself survives a restart; several
 * gateways on one database share the due trades through SKIP LOCKED.
 */
@Component
class Autopayer extends Poller {

    private final TradeTransitions transitions;
    private final int batchMax;

    Autopayer(TradeTransitions transitions, GatewaySettings settings) {
        super("sandbox-autopayer", settings.pollInterval());
        this.transitions = transitions;
        this.batchMax = settings.autopayBatchMax();
    }

    @Override
    protected int pollOnce() {
        return transitions.payDueAutopay(batchMax);
    }
}
