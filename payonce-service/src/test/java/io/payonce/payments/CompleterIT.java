package io.payonce.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.payonce.idempotency.IdempotencyCompleter;
import io.payonce.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An idempotency key whose request died IN_FLIGHT and whose client never came back is finished
 * by the completer, through the executor's own recovery points: the payment's trade is opened
 * once, the answer is stored, and a late retry gets it replayed.
 */
class CompleterIT extends ScriptedGatewayTest {

    @Autowired
    IdempotencyCompleter completer;
    @Autowired
    PaymentJanitor janitor;

    @Test
    void the_completer_finishes_a_payment_abandoned_after_its_attempt_was_opened() {
        String orderId = shop.placeOrder(shop.stockedSku("abandoned", 100, 1), 1);
        String key = UUID.randomUUID().toString();
        ALIPAY.crashNextCreate();

        assertThat(shop.pay(orderId, key).status()).isEqualTo(500);
        assertThat(keyState(key)).isEqualTo("IN_FLIGHT");
        String paymentId = jdbc.sql("SELECT id FROM payments WHERE order_id = ?").param(orderId).query(String.class).single();
        assertThat(ALIPAY.trades()).doesNotContainKey(paymentId);
        completer.sweep();
        assertThat(keyState(key)).as("left alone while its lease and the grace after it run").isEqualTo("IN_FLIGHT");

        abandon(key);
        completer.sweep();

        assertThat(keyState(key)).isEqualTo("DONE");
        assertThat(ALIPAY.trades()).containsKey(paymentId);
        assertThat(count("SELECT count(*) FROM payments WHERE order_id = ? AND status = 'PENDING' AND trade_no IS NOT NULL", orderId))
                .isEqualTo(1);
        Api.Answer late = shop.pay(orderId, key);
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(late.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(late.json().get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(late.json().get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void the_completer_finishes_a_refund_abandoned_after_its_amount_was_set_aside() {
        String orderId = shop.placeOrder(shop.stockedSku("abandoned-refund", 100, 1), 1);
        ALIPAY.buyerPays(shop.startPayment(orderId));
        clock.advance(java.time.Duration.ofSeconds(61));
        janitor.sweep();
        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
        String key = UUID.randomUUID().toString();
        ALIPAY.crashNextRefund();

        assertThat(shop.refund(orderId, 60, key).status()).isEqualTo(500);
        String refundId = jdbc.sql("SELECT id FROM refunds WHERE order_id = ?").param(orderId).query(String.class).single();
        abandon(key);
        completer.sweep();

        assertThat(keyState(key)).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT status FROM refunds WHERE id = ?").param(refundId).query(String.class).single()).isEqualTo("SUCCEEDED");
        assertThat(ALIPAY.refunds().get(refundId).amount()).isEqualTo(60);
        assertThat(shop.status(orderId)).isEqualTo("PARTIALLY_REFUNDED");
        Api.Answer late = shop.refund(orderId, 60, key);
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(late.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(late.json().get("refundId").asString()).isEqualTo(refundId);
    }

    @Test
    void an_abandoned_key_that_committed_nothing_is_released_so_a_retry_runs_afresh() {
        String key = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, idem_key, fingerprint, state, locked_until, created_at)
                        VALUES ('POST /v1/orders buyer:abandoned', ?, '\\x00', 'IN_FLIGHT', now() - interval '1 hour', now())""")
                .param(key).update());

        completer.sweep();

        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE idem_key = ?", key)).isZero();
    }

    private String keyState(String key) {
        return jdbc.sql("SELECT state FROM idempotency_keys WHERE idem_key = ?").param(key).query(String.class).single();
    }

    /** Its lease ran out a while ago (the database's clock measures leases) and nobody retried. */
    private void abandon(String key) {
        int updated = transactions.execute(tx -> jdbc.sql(
                "UPDATE idempotency_keys SET locked_until = now() - interval '1 hour' WHERE idem_key = ? AND state = 'IN_FLIGHT'")
                .param(key).update());
        assertThat(updated).isEqualTo(1);
    }
}
