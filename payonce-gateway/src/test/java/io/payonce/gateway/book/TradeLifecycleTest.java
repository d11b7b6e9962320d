package io.payonce.gateway.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.gateway.book.SandboxBook.TradeState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeLifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "WAIT_BUYER_PAY, WAIT_BUYER_PAY, false",
            "WAIT_BUYER_PAY, TRADE_SUCCESS,  true",
            "WAIT_BUYER_PAY, TRADE_CLOSED,   true",
            "TRADE_SUCCESS,  WAIT_BUYER_PAY, false",
            "TRADE_SUCCESS,  TRADE_SUCCESS,  false",
            "TRADE_SUCCESS,  TRADE_CLOSED,   false",
            "TRADE_CLOSED,   WAIT_BUYER_PAY, false",
            "TRADE_CLOSED,   TRADE_SUCCESS,  false",
            "TRADE_CLOSED,   TRADE_CLOSED,   false",
    })
    void every_transition_is_allowed_or_refused_as_the_table_says(TradeState from, TradeState to, boolean allowed) {
        assertThat(TradeLifecycle.canMove(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"WAIT_BUYER_PAY, false", "TRADE_SUCCESS, true", "TRADE_CLOSED, true"})
    void only_paid_and_closed_are_final(TradeState state, boolean isFinal) {
        assertThat(TradeLifecycle.isFinal(state)).isEqualTo(isFinal);
    }

    @ParameterizedTest
    @CsvSource({"TRADE_SUCCESS, WAIT_BUYER_PAY", "TRADE_CLOSED, WAIT_BUYER_PAY"})
    void a_final_state_is_reached_only_from_waiting(TradeState target, String source) {
        assertThat(TradeLifecycle.sourcesOf(target)).containsExactly(source);
        assertThat(TradeLifecycle.sourcesOf(TradeState.WAIT_BUYER_PAY)).isEmpty();
    }
}
