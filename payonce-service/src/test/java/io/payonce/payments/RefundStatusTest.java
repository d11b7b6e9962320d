package io.payonce.payments;

import static io.payonce.payments.RefundStatus.Event.FAIL;
import static io.payonce.payments.RefundStatus.Event.SUCCEED;
import static io.payonce.payments.RefundStatus.FAILED;
import static io.payonce.payments.RefundStatus.PENDING;
import static io.payonce.payments.RefundStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (refund status, event) pair, against the lifecycle written out independently of the enum's table. */
class RefundStatusTest {

    private static final Map<RefundStatus, Map<RefundStatus.Event, RefundStatus>> ALLOWED = Map.of(
            PENDING, Map.of(SUCCEED, SUCCEEDED, FAIL, FAILED));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (RefundStatus status : RefundStatus.values()) {
            for (RefundStatus.Event event : RefundStatus.Event.values()) {
                pairs.add(Arguments.of(status, event, ALLOWED.getOrDefault(status, Map.of()).get(event)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("everyPair")
    void each_status_and_event_leads_where_the_lifecycle_says_or_nowhere(RefundStatus status, RefundStatus.Event event,
                                                                          RefundStatus expected) {
        assertThat(status.on(event).orElse(null)).isEqualTo(expected);
    }

    @Test
    void the_table_covers_three_statuses_and_two_events() {
        assertThat(everyPair().count()).isEqualTo(3 * 2);
    }

    @Test
    void settled_refunds_are_terminal_and_a_pending_one_is_not() {
        assertThat(SUCCEEDED.terminal()).isTrue();
        assertThat(FAILED.terminal()).isTrue();
        assertThat(PENDING.terminal()).isFalse();
    }

    @Test
    void the_sql_status_lists_come_from_the_table() {
        assertThat(RefundStatus.allowing(SUCCEED)).containsExactly("PENDING");
        assertThat(RefundStatus.allowing(FAIL)).containsExactly("PENDING");
    }
}
