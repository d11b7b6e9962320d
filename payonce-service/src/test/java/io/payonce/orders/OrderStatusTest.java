package io.payonce.orders;

import static io.payonce.orders.OrderEvent.CANCEL;
import static io.payonce.orders.OrderEvent.DELIVER;
import static io.payonce.orders.OrderEvent.EXPIRE;
import static io.payonce.orders.OrderEvent.PAY;
import static io.payonce.orders.OrderEvent.REFUND_ALL;
import static io.payonce.orders.OrderEvent.REFUND_PART;
import static io.payonce.orders.OrderEvent.RESERVE;
import static io.payonce.orders.OrderEvent.SELL_OUT;
import static io.payonce.orders.OrderStatus.CANCELLED;
import static io.payonce.orders.OrderStatus.DELIVERED;
import static io.payonce.orders.OrderStatus.EXPIRED;
import static io.payonce.orders.OrderStatus.PAID;
import static io.payonce.orders.OrderStatus.PARTIALLY_REFUNDED;
import static io.payonce.orders.OrderStatus.PENDING_PAYMENT;
import static io.payonce.orders.OrderStatus.QUEUED;
import static io.payonce.orders.OrderStatus.REFUNDED;
import static io.payonce.orders.OrderStatus.SOLD_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (order status, event) pair, against the transitions API.md allows and no others. */
class OrderStatusTest {

    /** API.md's list, written out independently of the enum's table. */
    private static final Map<OrderStatus, Map<OrderEvent, OrderStatus>> ALLOWED = Map.of(
            QUEUED, Map.of(RESERVE, PENDING_PAYMENT, SELL_OUT, SOLD_OUT),
            PENDING_PAYMENT, Map.of(PAY, PAID, CANCEL, CANCELLED, EXPIRE, EXPIRED),
            PAID, Map.of(DELIVER, DELIVERED, REFUND_PART, PARTIALLY_REFUNDED, REFUND_ALL, REFUNDED),
            DELIVERED, Map.of(REFUND_PART, PARTIALLY_REFUNDED, REFUND_ALL, REFUNDED),
            PARTIALLY_REFUNDED, Map.of(REFUND_PART, PARTIALLY_REFUNDED, REFUND_ALL, REFUNDED));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (OrderStatus status : OrderStatus.values()) {
            for (OrderEvent event : OrderEvent.values()) {
                pairs.add(Arguments.of(status, event, ALLOWED.getOrDefault(status, Map.of()).get(event)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("everyPair")
    void each_status_and_event_leads_where_the_contract_says_or_nowhere(OrderStatus status, OrderEvent event, OrderStatus expected) {
        assertThat(status.on(event).orElse(null)).isEqualTo(expected);
    }

    @Test
    void the_table_covers_all_nine_statuses_and_eight_events() {
        assertThat(everyPair().count()).isEqualTo(9 * 8);
    }

    @Test
    void closed_sold_out_and_refunded_orders_are_terminal_and_only_they_are() {
        assertThat(Stream.of(OrderStatus.values()).filter(OrderStatus::terminal))
                .containsExactlyInAnyOrder(CANCELLED, EXPIRED, REFUNDED, SOLD_OUT);
    }

    @Test
    void paid_means_money_was_taken() {
        assertThat(Stream.of(OrderStatus.values()).filter(OrderStatus::paid))
                .containsExactlyInAnyOrder(PAID, DELIVERED, PARTIALLY_REFUNDED, REFUNDED);
    }

    @Test
    void each_conditional_update_lists_exactly_the_statuses_its_event_may_leave() {
        assertThat(OrderStatus.allowing(PAY)).containsExactly("PENDING_PAYMENT");
        assertThat(OrderStatus.allowing(EXPIRE)).containsExactly("PENDING_PAYMENT");
        assertThat(OrderStatus.allowing(RESERVE)).containsExactly("QUEUED");
        assertThat(OrderStatus.allowing(SELL_OUT)).containsExactly("QUEUED");
        assertThat(OrderStatus.allowing(REFUND_PART)).containsExactlyInAnyOrder("PAID", "DELIVERED", "PARTIALLY_REFUNDED");
    }
}
