package io.payonce.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.payonce.support.Api;
import io.payonce.support.ScriptedChannel;
import io.payonce.support.ScriptedChannel.RefundFault;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The janitor settles what the gateways never told payonce: paid trades whose notification was
 * lost, payments whose answer timed out (asked about first when they have waited longest), and
 * refunds whose answer was lost, with the injectable clock standing for time passing.
 */
class JanitorIT extends ScriptedGatewayTest {

    @Autowired
    PaymentJanitor janitor;
    @Autowired
    RefundJanitor refundJanitor;

    @Test
    void a_hundred_paid_trades_whose_notifications_were_lost_are_all_delivered_by_the_janitor() {
        String sku = shop.stockedSku("hundred", 100, 100);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String orderId = shop.placeOrder(sku, 1);
            ALIPAY.buyerPays(shop.startPayment(orderId));
            orders.add(orderId);
        }

        clock.advance(Duration.ofSeconds(61));
        for (int sweep = 0; sweep < 5 && !allDelivered(orders); sweep++) {
            janitor.sweep();
        }

        assertThat(orders).allSatisfy(orderId -> {
            assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
            assertThat(charges(orderId)).isEqualTo(1);
        });
    }

    @Test
    void an_old_unknown_payment_is_asked_about_while_younger_pending_payments_that_are_not_due_wait() {
        String sku = shop.stockedSku("due", 100, 11);
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pending.add(shop.startPayment(shop.placeOrder(sku, 1)));
        }
        clock.advance(Duration.ofSeconds(10));
        String unknownOrder = shop.placeOrder(sku, 1);
        ALIPAY.slowNextCreate(1_000);
        Api.Answer unknown = shop.pay(unknownOrder, UUID.randomUUID().toString());
        assertThat(unknown.json().get("status").asString()).isEqualTo("UNKNOWN");
        String unknownPayment = unknown.json().get("paymentId").asString();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ALIPAY.trades().containsKey(unknownPayment));
        ALIPAY.buyerPays(unknownPayment);

        // 16 s after the pending ones opened: they are not due (60 s), the unknown one is (5 s).
        clock.advance(Duration.ofSeconds(6));
        janitor.sweep();

        assertThat(ALIPAY.queried()).contains(unknownPayment).doesNotContainAnyElementsOf(pending);
        assertThat(shop.status(unknownOrder)).isEqualTo("DELIVERED");

        clock.advance(Duration.ofSeconds(45));
        janitor.sweep();
        assertThat(ALIPAY.queried()).containsAll(pending);
        assertThat(ALIPAY.queried().indexOf(unknownPayment)).isLessThan(ALIPAY.queried().indexOf(pending.get(0)));
    }

    @Test
    void an_unpaid_order_is_asked_about_before_it_expires() {
        String sku = shop.stockedSku("expiring", 100, 1);
        String orderId = shop.placeOrder(sku, 1);
        String paymentId = shop.startPayment(orderId);
        java.time.Instant expiresAt = jdbc.sql("SELECT expires_at FROM orders WHERE id = ?").param(orderId)
                .query(java.sql.Timestamp.class).single().toInstant();
        // Asked first at 60 s (the trade open and waiting), then on the backoff schedule, but never
        // later than 30 s before the order expires.
        clock.advance(Duration.ofSeconds(61));
        janitor.sweep();
        java.time.Instant next = nextQueryAt(paymentId);
        assertThat(next).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));

        clock.set(expiresAt.minus(Duration.ofMinutes(5)));
        janitor.sweep();
        for (int i = 0; i < 3 && nextQueryAt(paymentId).isBefore(expiresAt.minus(Duration.ofSeconds(30))); i++) {
            clock.set(nextQueryAt(paymentId));
            janitor.sweep();
        }
        assertThat(nextQueryAt(paymentId)).isEqualTo(expiresAt.minus(Duration.ofSeconds(30)));

        ALIPAY.buyerPays(paymentId);
        clock.set(expiresAt.minus(Duration.ofSeconds(30)));
        janitor.sweep();
        assertThat(shop.status(orderId)).as("paid, found before the expiry closed its trade").isEqualTo("DELIVERED");
    }

    @Test
    void a_refund_whose_answer_was_lost_is_settled_by_the_refund_query_after_its_lease() {
        String orderId = paidOrder("refund-lost");
        ALIPAY.nextRefund(RefundFault.ANSWER_LOST);
        String key = UUID.randomUUID().toString();

        Api.Answer lost = shop.refund(orderId, 100, key);

        assertThat(lost.status()).as(lost.body()).isEqualTo(503);
        String refundId = onlyRefund(orderId);
        refundJanitor.sweep();
        assertThat(refundStatus(refundId)).as("left to its own request while its lease runs").isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(31));
        refundJanitor.sweep();

        assertThat(refundStatus(refundId)).isEqualTo("SUCCEEDED");
        assertThat(shop.status(orderId)).isEqualTo("REFUNDED");
        assertThat(count("SELECT count(*) FROM ledger_entries WHERE kind = 'REFUND' AND refund_id = ?", refundId)).isEqualTo(1);
        Api.Answer retried = shop.refund(orderId, 100, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().get("refundId").asString()).isEqualTo(refundId);
        assertThat(ALIPAY.refunds().values().stream().filter(r -> r.paymentId().equals(paymentOf(orderId)))).hasSize(1);
    }

    @Test
    void a_refund_the_gateway_never_received_is_asked_for_again_with_the_same_refund_id() {
        String orderId = paidOrder("refund-never");
        ALIPAY.nextRefund(RefundFault.NEVER_ARRIVES);

        assertThat(shop.refund(orderId, 40, UUID.randomUUID().toString()).status()).isEqualTo(503);
        String refundId = onlyRefund(orderId);
        assertThat(ALIPAY.refunds()).doesNotContainKey(refundId);
        clock.advance(Duration.ofSeconds(31));
        refundJanitor.sweep();

        assertThat(refundStatus(refundId)).isEqualTo("SUCCEEDED");
        assertThat(ALIPAY.refunds().get(refundId).amount()).isEqualTo(40);
        assertThat(shop.status(orderId)).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void a_refund_the_gateway_refused_after_its_answer_was_lost_is_released_and_recorded_as_a_money_exception() {
        String orderId = paidOrder("refund-refused");
        ALIPAY.nextRefund(RefundFault.REFUSED_ANSWER_LOST);

        assertThat(shop.refund(orderId, 100, UUID.randomUUID().toString()).status()).isEqualTo(503);
        String refundId = onlyRefund(orderId);
        assertThat(count("SELECT refunded_amount FROM orders WHERE id = ?", orderId)).as("set aside").isEqualTo(100);
        clock.advance(Duration.ofSeconds(31));
        refundJanitor.sweep();
        refundJanitor.sweep();

        assertThat(refundStatus(refundId)).isEqualTo("FAILED");
        assertThat(count("SELECT refunded_amount FROM orders WHERE id = ?", orderId)).as("given back").isZero();
        assertThat(count("SELECT count(*) FROM money_exceptions WHERE kind = 'REFUND_REFUSED' AND cause_ref = ? AND state = 'OPEN'",
                refundId)).isEqualTo(1);
    }

    @Test
    void the_janitor_and_the_refunds_own_retry_racing_on_one_lost_refund_book_it_once() throws Exception {
        for (int round = 0; round < 5; round++) {
            String orderId = paidOrder("refund-race-" + round);
            ALIPAY.nextRefund(RefundFault.ANSWER_LOST);
            String key = UUID.randomUUID().toString();
            assertThat(shop.refund(orderId, 100, key).status()).isEqualTo(503);
            String refundId = onlyRefund(orderId);
            clock.advance(Duration.ofSeconds(31));
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);

            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var sweep = threads.submit(() -> {
                    start.await();
                    refundJanitor.sweep();
                    return null;
                });
                var retry = threads.submit(() -> {
                    start.await();
                    return shop.refund(orderId, 100, key);
                });
                start.countDown();
                sweep.get();
                Api.Answer answer = retry.get();
                assertThat(answer.status()).as(answer.body()).isIn(201, 409);
            }

            assertThat(refundStatus(refundId)).isEqualTo("SUCCEEDED");
            assertThat(count("SELECT count(*) FROM ledger_entries WHERE kind = 'REFUND' AND order_id = ?", orderId)).isEqualTo(1);
            assertThat(count("SELECT refunded_amount FROM orders WHERE id = ?", orderId)).isEqualTo(100);
            assertThat(ALIPAY.refunds().values().stream().filter(r -> r.paymentId().equals(paymentOf(orderId)))).hasSize(1);
            Api.Answer after = shop.refund(orderId, 100, key);
            assertThat(after.status()).as(after.body()).isEqualTo(201);
            assertThat(after.json().get("refundId").asString()).isEqualTo(refundId);
        }
    }

    /** A card-key order of 100 the buyer paid, delivered by the janitor (its notification lost). */
    private String paidOrder(String prefix) {
        String orderId = shop.placeOrder(shop.stockedSku(prefix, 100, 1), 1);
        ALIPAY.buyerPays(shop.startPayment(orderId));
        clock.advance(Duration.ofSeconds(61));
        janitor.sweep();
        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
        return orderId;
    }

    private boolean allDelivered(List<String> orders) {
        return count("SELECT count(*) FROM orders WHERE id = ANY (?) AND status = 'DELIVERED'",
                (Object) orders.toArray(String[]::new)) == orders.size();
    }

    private String onlyRefund(String orderId) {
        return jdbc.sql("SELECT id FROM refunds WHERE order_id = ?").param(orderId).query(String.class).single();
    }

    private String refundStatus(String refundId) {
        return jdbc.sql("SELECT status FROM refunds WHERE id = ?").param(refundId).query(String.class).single();
    }

    private String paymentOf(String orderId) {
        return jdbc.sql("SELECT id FROM payments WHERE order_id = ?").param(orderId).query(String.class).single();
    }

    private java.time.Instant nextQueryAt(String paymentId) {
        return jdbc.sql("SELECT next_query_at FROM payments WHERE id = ?").param(paymentId)
                .query(java.sql.Timestamp.class).single().toInstant();
    }
}
