package io.payonce.gateway.book;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.payonce.gateway.book.SandboxBook.TradeState;

/**
 * A trade's only transitions, written down once: WAIT_BUYER_PAY → TRADE_SUCCESS and
 * WAIT_BUYER_PAY → TRADE_CLOSED. Each is taken by one conditional UPDATE, so a trade is paid at
 * most once and never both paid and closed. (Refunds do not move a paid trade: unlike Alipay,
 * which calls a fully refunded trade TRADE_CLOSED, the sandbox keeps it TRADE_SUCCESS so a query
 * never hides that money moved.)
 */
final class TradeLifecycle {

    private static final Map<TradeState, Set<TradeState>> NEXT = Map.of(
            TradeState.WAIT_BUYER_PAY, EnumSet.of(TradeState.TRADE_SUCCESS, TradeState.TRADE_CLOSED),
            TradeState.TRADE_SUCCESS, EnumSet.noneOf(TradeState.class),
            TradeState.TRADE_CLOSED, EnumSet.noneOf(TradeState.class));

    private TradeLifecycle() {
    }

    static boolean canMove(TradeState from, TradeState to) {
        return NEXT.get(from).contains(to);
    }

    /** The states a trade may be in to move to {@code target}: the WHERE of the conditional UPDATE. */
    static List<String> sourcesOf(TradeState target) {
        return Arrays.stream(TradeState.values()).filter(state -> canMove(state, target)).map(Enum::name).toList();
    }

    static boolean isFinal(TradeState state) {
        return NEXT.get(state).isEmpty();
    }
}
