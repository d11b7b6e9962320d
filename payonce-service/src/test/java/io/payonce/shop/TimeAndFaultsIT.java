package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.payonce.payments.OrderExpiryJob;
import io.payonce.payments.PaymentJanitor;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Time-driven rules with a clock the test moves: order expiry, the janitor settling timeouts and
 * lost notifications, declines, and membership days from paid orders.
 */
@IntegrationTest
@Import(TimeAndFaultsIT.Clocks.class)
class TimeAndFaultsIT {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    OrderExpiryJob expiryJob;
    @Autowired
    PaymentJanitor janitor;
    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
    }

    @org.junit.jupiter.api.AfterEach
    void resetFaults() {
        shop.resetAlipayFaults();
    }

    @Test
    void an_unpaid_order_expires_after_fifteen_minutes_and_its_keys_go_back_to_stock() {
        String sku = shop.stockedSku("exp", 100, 3);
        String orderId = shop.placeOrder(sku, 2);
        JsonNode order = shop.getOrder(orderId).json();
        assertThat(Duration.between(Instant.parse(order.get("createdAt").asString()), Instant.parse(order.get("expiresAt").asString())))
                .isEqualTo(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(14));
        expiryJob.sweep();
        assertThat(shop.status(orderId)).isEqualTo("PENDING_PAYMENT");

        clock.advance(Duration.ofMinutes(2));
        expiryJob.sweep();
        assertThat(shop.status(orderId)).isEqualTo("EXPIRED");
        assertThat(shop.api().get("/v1/products/" + sku).json().get("available").asInt()).isEqualTo(3);
        assertProblem(shop.pay(orderId, UUID.randomUUID().toString()), 409, "order_not_payable");
    }

    @Test
    void an_order_with_an_open_trade_expires_only_after_its_trade_is_closed_and_a_paid_one_is_delivered_instead() {
        String sku = shop.stockedSku("exp-pay", 100, 2);
        String unpaid = shop.placeOrder(sku, 1);
        String unpaidPayment = shop.startPayment(unpaid);
        String paidLate = shop.placeOrder(sku, 1);
        String paidPayment = shop.startPayment(paidLate);
        shop.alipayFaults("{\"lose\":1}");
        shop.buyerPays(paidPayment);

        clock.advance(Duration.ofMinutes(16));
        expiryJob.sweep();

        assertThat(shop.status(unpaid)).isEqualTo("EXPIRED");
        assertThat(shop.getOrder(unpaid).json().get("payments").get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(shop.gateway().pay("alipay", unpaidPayment).status()).isEqualTo(409);
        assertThat(shop.status(paidLate)).isEqualTo("DELIVERED");
    }

    @Test
    void a_paid_membership_order_extends_the_buyer_by_days_times_quantity_once() {
        String sku = Shop.uniqueSku("vip");
        shop.membershipProduct(sku, 3000, 30);
        String userId = "u-" + UUID.randomUUID();
        Api.Answer created = shop.api().postIdempotent("/v1/orders",
                "{\"sku\":\"" + sku + "\",\"quantity\":2,\"buyer\":{\"userId\":\"" + userId + "\"}}", UUID.randomUUID().toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String orderId = created.json().get("orderId").asString();
        Instant paidAt = clock.instant();

        shop.buyerPays(shop.startPayment(orderId));
        shop.awaitStatus(orderId, "DELIVERED");

        Instant expected = paidAt.plus(Duration.ofDays(60));
        JsonNode delivery = shop.getOrder(orderId).json().get("delivery");
        assertThat(Instant.parse(delivery.get("memberExpiresAt").asString())).isEqualTo(expected);
        JsonNode member = shop.merchant().get("/api/member/payonce-shop/" + userId).json();
        assertThat(member.get("code").asInt()).isZero();
        assertThat(Instant.parse(member.get("data").get("expiresAt").asString())).isEqualTo(expected);
    }

    @Test
    void a_declined_payment_is_402_and_stored_and_the_order_stays_payable() {
        String sku = shop.stockedSku("decline", 100, 1);
        String orderId = shop.placeOrder(sku, 1);
        shop.alipayFaults("{\"nextTrades\":[\"DECLINE\"]}");
        String key = UUID.randomUUID().toString();

        assertProblem(shop.pay(orderId, key), 402, "payment_declined");
        Api.Answer replay = shop.pay(orderId, key);
        assertProblem(replay, 402, "payment_declined");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        shop.buyerPays(shop.startPayment(orderId));
        shop.awaitStatus(orderId, "DELIVERED");
    }

    @Test
    void a_gateway_timeout_is_unknown_never_failed_and_the_janitor_settles_it_by_asking_the_gateway() {
        String sku = shop.stockedSku("timeout", 100, 1);
        String orderId = shop.placeOrder(sku, 1);
        shop.alipayFaults("{\"nextTrades\":[\"TIMEOUT\"]}");

        Api.Answer unknown = shop.pay(orderId, UUID.randomUUID().toString());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(201);
        assertThat(unknown.json().get("status").asString()).isEqualTo("UNKNOWN");
        String paymentId = unknown.json().get("paymentId").asString();
        assertThat(shop.pay(orderId, UUID.randomUUID().toString()).json().get("paymentId").asString())
                .as("an UNKNOWN attempt still blocks a second trade").isEqualTo(paymentId);

        shop.alipayFaults("{\"lose\":1}");
        shop.buyerPays(paymentId);
        clock.advance(Duration.ofSeconds(10));
        janitor.sweep();

        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
        assertThat(shop.getOrder(orderId).json().get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void a_paid_trade_whose_notification_was_lost_is_delivered_by_the_janitor() {
        String sku = shop.stockedSku("lost", 100, 1);
        String orderId = shop.placeOrder(sku, 1);
        String paymentId = shop.startPayment(orderId);
        shop.alipayFaults("{\"lose\":1}");
        shop.buyerPays(paymentId);

        clock.advance(Duration.ofSeconds(30));
        janitor.sweep();
        assertThat(shop.status(orderId)).as("a pending payment is asked about only after pending-after").isEqualTo("PENDING_PAYMENT");

        clock.advance(Duration.ofSeconds(31));
        janitor.sweep();
        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        }
    }
}
