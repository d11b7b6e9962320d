package io.payonce.channels.sim;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated trade's status, named as Alipay names it, with its only transitions written down
 * once: WAIT_BUYER_PAY → TRADE_SUCCESS and WAIT_BUYER_PAY → TRADE_CLOSED. Each is taken by one
 * conditional UPDATE, so a trade is paid at most once and never both paid and closed.
 * (Refunds do not move a paid trade: unlike Alipay, which calls a fully refunded trade
 * TRADE_CLOSED, the simulator keeps it TRADE_SUCCESS so a query never hides that money moved.)
 */
public enum TradeState {
    WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED;

    private static final Map<TradeState, Set<TradeState>> NEXT = Map.of(
            WAIT_BUYER_PAY, EnumSet.of(TRADE_SUCCESS, TRADE_CLOSED),
            TRADE_SUCCESS, EnumSet.noneOf(TradeState.class),
            TRADE_CLOSED, EnumSet.noneOf(TradeState.class));

    boolean canMoveTo(TradeState next) {
        return NEXT.get(this).contains(next);
    }

    /** The states a trade may be in to move to {@code target}: the WHERE of the conditional UPDATE. */
    static List<String> sourcesOf(TradeState target) {
        return Arrays.stream(values()).filter(state -> state.canMoveTo(target)).map(Enum::name).toList();
    }

    boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
