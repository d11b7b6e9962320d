package io.payonce.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.RowCounts;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Queued flash-sale intake on the PostgreSQL queue alone (no PAYONCE_AMQP_URL): issue 10. */
@IntegrationTest
class QueuedIntakeIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IntakeSignal signal;
    QueuedSale sale;

    @BeforeEach
    void setUp() {
        sale = new QueuedSale(new Api(port), jdbc);
    }

    @Test
    void without_a_broker_the_postgresql_queue_takes_every_order() {
        assertThat(signal.brokered()).isFalse();
    }

    @Test
    void two_hundred_buyers_for_twenty_keys_are_each_answered_202_and_then_told_with_no_oversell() throws Exception {
        String sku = sale.queuedSku(20);

        List<QueuedSale.Order> orders = sale.storm(sku, 200);

        sale.assertNoOversell(sku, 20, sale.awaitEveryBuyerTold(orders));
    }

    @Test
    void queued_orders_get_their_stock_in_arrival_order() {
        String sku = sale.queuedSku(3);

        List<QueuedSale.Order> orders = List.of(sale.order(sku), sale.order(sku), sale.order(sku), sale.order(sku), sale.order(sku));

        Map<String, String> statuses = sale.awaitEveryBuyerTold(orders);
        assertThat(orders.stream().map(order -> statuses.get(order.id())))
                .containsExactly("PENDING_PAYMENT", "PENDING_PAYMENT", "PENDING_PAYMENT", "SOLD_OUT", "SOLD_OUT");
    }

    @Test
    void a_retry_with_the_same_key_answers_the_same_queued_order_even_after_its_turn() {
        String sku = sale.queuedSku(1);
        Shop buyer = new Shop(new Api(port));
        String key = UUID.randomUUID().toString();

        Api.Answer first = buyer.order(sku, 1, key);
        String orderId = first.json().get("orderId").asString();
        sale.awaitEveryBuyerTold(List.of(new QueuedSale.Order(orderId, buyer)));
        Api.Answer retry = buyer.order(sku, 1, key);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("orderId").asString()).isEqualTo(orderId);
        assertThat(retry.json().get("orderToken").asString()).isEqualTo(first.json().get("orderToken").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE sku = ?").param(sku).query(Long.class).single()).isEqualTo(1);
        assertThat(buyer.status(orderId)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void a_sold_out_order_shows_no_payment_window_and_cannot_be_paid() {
        String sku = sale.queuedSku(1);
        QueuedSale.Order winner = sale.order(sku);
        QueuedSale.Order loser = sale.order(sku);
        sale.awaitEveryBuyerTold(List.of(winner, loser));

        Api.Answer read = loser.buyer().getOrder(loser.id());
        Api.Answer pay = loser.buyer().pay(loser.id(), UUID.randomUUID().toString());

        assertThat(read.json().get("status").asString()).isEqualTo("SOLD_OUT");
        assertThat(read.json().has("expiresAt")).isTrue();
        assertThat(pay.status()).isEqualTo(409);
        assertThat(pay.code()).isEqualTo("order_not_payable");
        assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = ?").param(loser.id()).query(Long.class).single()).isZero();
    }

    @Test
    void a_queued_order_is_paid_and_delivered_as_usual_once_its_stock_is_reserved() {
        String sku = sale.queuedSku(1);
        QueuedSale.Order order = sale.order(sku);
        sale.awaitEveryBuyerTold(List.of(order));

        order.buyer().buyerPays(order.buyer().startPayment(order.id()));

        order.buyer().awaitStatus(order.id(), "DELIVERED");
        assertThat(order.buyer().getOrder(order.id()).json().get("delivery").get("cardKeys")).hasSize(1);
    }

    @Test
    void another_buyer_cannot_read_a_queued_order() {
        QueuedSale.Order order = sale.order(sale.queuedSku(1));

        Api.Answer stranger = new Shop(new Api(port)).getOrder(order.id());

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("order_not_found");
    }

    @Test
    void a_queued_membership_product_is_refused_and_nothing_is_written() {
        Api admin = new Api(port);
        Map<String, Long> before = RowCounts.of(jdbc);

        Api.Answer refused = admin.admin("/v1/admin/products", "{\"sku\":\"" + Shop.uniqueSku("vip")
                + "\",\"name\":\"VIP\",\"kind\":\"MEMBERSHIP\",\"price\":3000,\"membershipDays\":30,\"queued\":true}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid_request");
        assertThat(refused.json().get("detail").asString()).contains("queued is only for CARD_KEY products");
        assertThat(RowCounts.of(jdbc)).isEqualTo(before);
    }

    @Test
    void an_order_for_more_than_a_queued_product_allows_is_refused_before_intake() {
        String sku = sale.queuedSku(1);
        Shop buyer = new Shop(new Api(port));
        long ordersBefore = jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();

        Api.Answer refused = buyer.order(sku, 101, UUID.randomUUID().toString());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single()).isEqualTo(ordersBefore);
    }
}
