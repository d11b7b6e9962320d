package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The README's walk-through as a test: order, pay, deliver, refund, cancel. */
@IntegrationTest
class ShopLifecycleIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        sku = shop.stockedSku("life", 1999, 10);
    }

    @Test
    void a_paid_order_is_delivered_with_exactly_its_quantity_of_keys_and_shows_its_payment() {
        String orderId = shop.paidOrder(sku, 3);

        JsonNode order = shop.getOrder(orderId).json();
        assertThat(order.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(order.get("amount").asLong()).isEqualTo(3 * 1999);
        assertThat(order.get("paidAt").asString()).isNotBlank();
        assertThat(order.get("delivery").get("cardKeys").size()).isEqualTo(3);
        assertThat(order.get("payments").size()).isEqualTo(1);
        assertThat(order.get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(shop.api().get("/v1/products/" + sku).json().get("available").asInt()).isEqualTo(7);
    }

    @Test
    void refunds_add_up_to_the_paid_amount_and_never_past_it_and_return_nothing_to_stock() {
        String orderId = shop.paidOrder(sku, 1);

        Api.Answer part = refund(orderId, 999, UUID.randomUUID().toString());
        assertThat(part.status()).as(part.body()).isEqualTo(201);
        assertThat(part.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(shop.status(orderId)).isEqualTo("PARTIALLY_REFUNDED");

        assertProblem(refund(orderId, 1001, UUID.randomUUID().toString()), 409, "refund_exceeds_paid");
        Api.Answer rest = refund(orderId, 1000, UUID.randomUUID().toString());
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        assertThat(shop.status(orderId)).isEqualTo("REFUNDED");
        assertProblem(refund(orderId, 1, UUID.randomUUID().toString()), 409, "refund_exceeds_paid");

        assertThat(shop.getOrder(orderId).json().get("refunds").size()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT sum(amount) FROM ledger_entries WHERE order_id = ? AND kind = 'REFUND'")
                .param(orderId).query(Long.class).single()).isEqualTo(1999);
        assertThat(shop.api().get("/v1/products/" + sku).json().get("available").asInt()).isEqualTo(9);
    }

    @Test
    void a_refund_retried_with_its_key_replays_instead_of_refunding_again() {
        String orderId = shop.paidOrder(sku, 1);
        String key = UUID.randomUUID().toString();
        Api.Answer first = refund(orderId, 500, key);
        Api.Answer again = refund(orderId, 500, key);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE order_id = ?").param(orderId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void an_unpaid_order_cannot_be_refunded() {
        String orderId = shop.placeOrder(sku, 1);
        assertProblem(refund(orderId, 1, UUID.randomUUID().toString()), 409, "order_not_refundable");
    }

    @Test
    void cancelling_releases_the_stock_and_a_cancelled_order_is_not_payable() {
        String orderId = shop.placeOrder(sku, 4);
        assertThat(shop.api().get("/v1/products/" + sku).json().get("available").asInt()).isEqualTo(6);

        Api.Answer cancelled = shop.cancel(orderId, UUID.randomUUID().toString());
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(shop.api().get("/v1/products/" + sku).json().get("available").asInt()).isEqualTo(10);

        assertProblem(shop.pay(orderId, UUID.randomUUID().toString()), 409, "order_not_payable");
        Api.Answer again = shop.cancel(orderId, UUID.randomUUID().toString());
        assertThat(again.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void cancelling_an_order_with_an_open_payment_closes_the_trade_first() {
        String orderId = shop.placeOrder(sku, 1);
        String paymentId = shop.startPayment(orderId);

        Api.Answer cancelled = shop.cancel(orderId, UUID.randomUUID().toString());
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = ?").param(paymentId).query(String.class).single()).isEqualTo("FAILED");
        var lateBuyer = shop.gateway().pay("alipay", paymentId);
        assertThat(lateBuyer.status()).isEqualTo(409);
        assertThat(lateBuyer.code()).isEqualTo("trade_not_open");
        assertThat(shop.status(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void a_paid_order_cannot_be_cancelled() {
        String orderId = shop.paidOrder(sku, 1);
        assertProblem(shop.cancel(orderId, UUID.randomUUID().toString()),
                409, "order_not_cancellable");
        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
    }

    private Api.Answer refund(String orderId, long amount, String key) {
        return shop.refund(orderId, amount, key);
    }
}
