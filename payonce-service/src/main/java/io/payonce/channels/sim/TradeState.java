package io.payonce.channels.sim;

import java.util.Optional;

/**
 * A simulated trade's status, named as Alipay names it. The only transitions are
 * WAIT_BUYER_PAY → TRADE_SUCCESS and WAIT_BUYER_PAY → TRADE_CLOSED, each taken by one conditional
 * UPDATE, so a trade is paid at most once and never both paid and closed.
 */
enum TradeState {
    WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED;

    boolean isFinal() {
        return this != WAIT_BUYER_PAY;
    }

    static Optional<TradeState> parse(String name) {
        for (TradeState state : values()) {
            if (state.name().equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
