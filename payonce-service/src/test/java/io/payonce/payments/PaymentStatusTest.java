package io.payonce.payments;

import static io.payonce.payments.PaymentStatus.Event.CONFIRM_OPEN;
import static io.payonce.payments.PaymentStatus.Event.FAIL;
import static io.payonce.payments.PaymentStatus.Event.LOSE_TRACK;
import static io.payonce.payments.PaymentStatus.Event.SUCCEED;
import static io.payonce.payments.PaymentStatus.FAILED;
import static io.payonce.payments.PaymentStatus.PENDING;
import static io.payonce.payments.PaymentStatus.SUCCEEDED;
import static io.payonce.payments.PaymentStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (payment status, event) pair: a final state never moves, a timeout is never a failure. */
class PaymentStatusTest {

    private static final Map<PaymentStatus, Map<PaymentStatus.Event, PaymentStatus>> ALLOWED = Map.of(
            PENDING, Map.of(SUCCEED, SUCCEEDED, FAIL, FAILED, LOSE_TRACK, UNKNOWN),
            UNKNOWN, Map.of(SUCCEED, SUCCEEDED, FAIL, FAILED, CONFIRM_OPEN, PENDING));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (PaymentStatus status : PaymentStatus.values()) {
            for (PaymentStatus.Event event : PaymentStatus.Event.values()) {
                pairs.add(Arguments.of(status, event, ALLOWED.getOrDefault(status, Map.of()).get(event)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("everyPair")
    void each_status_and_event_leads_where_the_lifecycle_says_or_nowhere(PaymentStatus status, PaymentStatus.Event event,
                                                                         PaymentStatus expected) {
        assertThat(status.on(event).orElse(null)).isEqualTo(expected);
    }

    @Test
    void each_conditional_update_lists_exactly_the_statuses_its_event_may_leave() {
        assertThat(PaymentStatus.allowing(SUCCEED)).containsExactlyInAnyOrder("PENDING", "UNKNOWN");
        assertThat(PaymentStatus.allowingStatuses(FAIL)).containsExactlyInAnyOrder(PENDING, UNKNOWN);
        assertThat(PaymentStatus.allowingStatuses(CONFIRM_OPEN)).containsExactly(UNKNOWN);
    }

    @Test
    void the_statuses_that_hold_an_order_are_named_in_a_stable_order_for_the_schema_check() {
        assertThat(PaymentStatus.names(PaymentStatus.HOLDING_ORDER)).containsExactly("PENDING", "SUCCEEDED", "UNKNOWN");
    }
}
