package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.jobs.RowRetries;
import io.payonce.membership.MembershipGrants;
import io.payonce.orders.Orders;
import io.payonce.payments.OrderExpiryJob;
import io.payonce.payments.PaymentJanitor;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.MutableClock;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * No poison rows: a row a job cannot handle is retried with backoff and never blocks the rows
 * behind it; a membership that would pass its expiry limit is refused before the buyer pays, and
 * one that reaches the limit by a race is settled (acknowledged, PAID, recorded for a refund)
 * instead of failing forever. The jobs run only when a test calls them (their intervals are an
 * hour), so the retry counts are exact; the first retry waits an hour, longer than an order's
 * fifteen minutes, so a test can put expired orders behind a row that is backing off.
 */
@IntegrationTest
@Import(PoisonRowsIT.Clocks.class)
@TestPropertySource(properties = {"payonce.orders.expiry-sweep-interval=1h", "payonce.payments.janitor-interval=1h",
        "payonce.jobs.retry-initial=1h", "payonce.jobs.retry-max=4h"})
class PoisonRowsIT {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    OrderExpiryJob expiryJob;
    @Autowired
    PaymentJanitor janitor;
    @Autowired
    Orders orders;
    @Autowired
    RowRetries retries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        // Orders other tests left behind expire now, so each test sees only its own.
        clock.advance(Duration.ofHours(1));
        expiryJob.sweep();
    }

    @AfterEach
    void resetFaultsAndPoison() {
        shop.resetAlipayFaults();
        // Healed, so the next test's first sweep expires them and they retry no more.
        jdbc.sql("UPDATE payments SET status = 'FAILED', failure_code = 'test_cleanup' WHERE channel = 'retired'").update();
    }

    @Test
    void an_order_the_expiry_job_cannot_close_does_not_stop_the_orders_behind_it() {
        String sku = shop.stockedSku("poison", 100, 3);
        String poisoned = shop.placeOrder(sku, 1);
        String first = shop.placeOrder(sku, 1);
        String second = shop.placeOrder(sku, 1);
        poisonWithARetiredChannel(poisoned);
        long failuresBefore = rowFailures(OrderExpiryJob.JOB);
        assertProblem(shop.order(sku, 1, UUID.randomUUID().toString()), 409, "sold_out");

        clock.advance(Duration.ofMinutes(16));
        expiryJob.sweep();

        assertThat(shop.status(first)).isEqualTo("EXPIRED");
        assertThat(shop.status(second)).isEqualTo("EXPIRED");
        assertThat(shop.status(poisoned)).isEqualTo("PENDING_PAYMENT");
        assertThat(rowFailures(OrderExpiryJob.JOB)).isEqualTo(failuresBefore + 1);
        RowRetries.Failure failure = retries.failureOf(OrderExpiryJob.JOB, poisoned).orElseThrow();
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        // The buyers behind it get the released keys instead of sold_out.
        assertThat(shop.order(sku, 2, UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void a_failing_row_is_left_out_of_the_batch_until_its_retry_is_due_then_retried_with_a_doubled_delay() {
        String sku = shop.stockedSku("backoff", 100, 2);
        String poisoned = shop.placeOrder(sku, 1);
        poisonWithARetiredChannel(poisoned);
        clock.advance(Duration.ofMinutes(16));
        expiryJob.sweep();
        Instant failedAt = clock.instant();
        String behind = shop.placeOrder(sku, 1);
        clock.advance(Duration.ofMinutes(16));

        // A batch of one: the failing row sorts first, yet the order behind it is the one returned.
        assertThat(orders.expiredBefore(clock.instant(), 1, OrderExpiryJob.JOB)).containsExactly(behind);
        expiryJob.sweep();
        assertThat(shop.status(behind)).isEqualTo("EXPIRED");
        assertThat(retries.failureOf(OrderExpiryJob.JOB, poisoned).orElseThrow().attempts()).isEqualTo(1);

        clock.set(failedAt.plus(Duration.ofHours(1)).minusSeconds(1));
        expiryJob.sweep();
        assertThat(retries.failureOf(OrderExpiryJob.JOB, poisoned).orElseThrow().attempts()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        expiryJob.sweep();
        RowRetries.Failure second = retries.failureOf(OrderExpiryJob.JOB, poisoned).orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(shop.status(poisoned)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void a_row_that_stops_failing_is_processed_and_its_failure_forgotten() {
        String sku = shop.stockedSku("recover", 100, 1);
        String poisoned = shop.placeOrder(sku, 1);
        poisonWithARetiredChannel(poisoned);
        clock.advance(Duration.ofMinutes(16));
        expiryJob.sweep();
        assertThat(retries.failureOf(OrderExpiryJob.JOB, poisoned)).isPresent();

        jdbc.sql("UPDATE payments SET status = 'FAILED', failure_code = 'test_cleanup' WHERE order_id = ?").param(poisoned).update();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        expiryJob.sweep();

        assertThat(shop.status(poisoned)).isEqualTo("EXPIRED");
        assertThat(retries.failureOf(OrderExpiryJob.JOB, poisoned)).isEmpty();
    }

    @Test
    void a_payment_the_janitor_cannot_settle_does_not_stop_the_payments_behind_it() {
        String sku = shop.stockedSku("janitor", 100, 2);
        String poisonedOrder = shop.placeOrder(sku, 1);
        String poisonedPayment = poisonWithARetiredChannel(poisonedOrder);
        jdbc.sql("UPDATE payments SET status = 'UNKNOWN' WHERE id = ?").param(poisonedPayment).update();
        String order = shop.placeOrder(sku, 1);
        shop.alipayFaults("{\"nextTrades\":[\"TIMEOUT\"]}");
        String payment = shop.startPayment(order);
        // Only the janitor can settle it: the gateway timed out and the notification is lost.
        shop.alipayFaults("{\"lose\":1}");
        shop.buyerPays(payment);
        long failuresBefore = rowFailures("payment-janitor");

        clock.advance(Duration.ofSeconds(6));
        janitor.sweep();

        shop.awaitStatus(order, "DELIVERED");
        assertThat(rowFailures("payment-janitor")).isEqualTo(failuresBefore + 1);
        assertThat(retries.failureOf("payment-janitor", poisonedPayment).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void a_membership_order_that_would_pass_the_expiry_limit_is_refused_before_the_buyer_pays() {
        String sku = Shop.uniqueSku("vip-long");
        shop.membershipProduct(sku, 100, 3650);
        String nearLimit = "near-" + UUID.randomUUID();
        memberExpiringAt(nearLimit, clock.instant().plus(MembershipGrants.EXPIRY_HORIZON).minus(Duration.ofDays(10)));
        long ordersBefore = count("orders");
        long grantsBefore = count("member_grants");

        // 11 x 3650 days is past the horizon for anyone; 1 x 3650 is past it for a member already near it.
        Api.Answer tooMany = membershipOrder(sku, 11, "new-" + UUID.randomUUID());
        Api.Answer tooFar = membershipOrder(sku, 1, nearLimit);

        assertProblem(tooMany, 409, "membership_expiry_limit");
        assertProblem(tooFar, 409, "membership_expiry_limit");
        assertThat(tooFar.json().get("detail").asString()).contains("36525 days");
        assertThat(count("orders")).isEqualTo(ordersBefore);
        assertThat(count("member_grants")).isEqualTo(grantsBefore);
        assertThat(membershipOrder(sku, 10, "new-" + UUID.randomUUID()).status()).isEqualTo(201);
    }

    @Test
    void a_paid_membership_that_reaches_the_limit_by_a_race_is_acknowledged_and_recorded_for_a_refund() {
        String sku = Shop.uniqueSku("vip-race");
        shop.membershipProduct(sku, 3000, 30);
        String buyer = "racer-" + UUID.randomUUID();
        String orderId = membershipOrder(sku, 1, buyer).json().get("orderId").asString();
        String paymentId = shop.startPayment(orderId);
        // Other orders of the buyer, paid after this one was created, carry the membership near the limit.
        Instant limitMinus10Days = clock.instant().plus(MembershipGrants.EXPIRY_HORIZON).minus(Duration.ofDays(10));
        memberExpiringAt(buyer, limitMinus10Days);
        double undeliveredBefore = undelivered();

        shop.buyerPays(paymentId);
        shop.awaitStatus(orderId, "PAID");

        JsonNode notifications = shop.gateway().readTrade("alipay", paymentId).get("notifications");
        assertThat(notifications.get(0).get("state").asString()).isEqualTo("DELIVERED");
        assertThat(notifications.get(0).get("lastStatus").asInt()).isEqualTo(200);
        assertThat(shop.getOrder(orderId).json().get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("SELECT reason FROM undelivered_orders WHERE order_id = ?").param(orderId).query(String.class).single())
                .isEqualTo("membership_expiry_limit");
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entries WHERE order_id = ? AND kind = 'CHARGE'").param(orderId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM member_grants WHERE order_no = ?").param(orderId).query(Long.class).single()).isZero();
        assertThat(expiryOf(buyer)).isEqualTo(limitMinus10Days);
        assertThat(undelivered()).isEqualTo(undeliveredBefore + 1);
    }

    @Test
    void a_lost_notification_of_such_a_payment_does_not_poison_the_expiry_of_the_orders_behind_it() {
        String vip = Shop.uniqueSku("vip-lost");
        shop.membershipProduct(vip, 3000, 30);
        String buyer = "lost-" + UUID.randomUUID();
        String membershipOrder = membershipOrder(vip, 1, buyer).json().get("orderId").asString();
        String paymentId = shop.startPayment(membershipOrder);
        String keys = shop.stockedSku("behind", 100, 1);
        String behind = shop.placeOrder(keys, 1);
        shop.alipayFaults("{\"lose\":1}");
        shop.buyerPays(paymentId);
        memberExpiringAt(buyer, clock.instant().plus(MembershipGrants.EXPIRY_HORIZON).minus(Duration.ofDays(10)));
        long failuresBefore = rowFailures(OrderExpiryJob.JOB);

        clock.advance(Duration.ofMinutes(16));
        expiryJob.sweep();

        assertThat(shop.status(membershipOrder)).isEqualTo("PAID");
        assertThat(shop.status(behind)).isEqualTo("EXPIRED");
        assertThat(rowFailures(OrderExpiryJob.JOB)).isEqualTo(failuresBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM undelivered_orders WHERE order_id = ?").param(membershipOrder)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void cancelling_such_an_order_after_the_buyer_paid_is_a_clear_409_not_a_500() {
        String vip = Shop.uniqueSku("vip-cancel");
        shop.membershipProduct(vip, 3000, 30);
        String buyer = "cancel-" + UUID.randomUUID();
        String orderId = membershipOrder(vip, 1, buyer).json().get("orderId").asString();
        String paymentId = shop.startPayment(orderId);
        shop.alipayFaults("{\"lose\":1}");
        shop.buyerPays(paymentId);
        memberExpiringAt(buyer, clock.instant().plus(MembershipGrants.EXPIRY_HORIZON).minus(Duration.ofDays(10)));

        Api.Answer cancel = shop.api().postIdempotent("/v1/orders/" + orderId + "/cancel", null, UUID.randomUUID().toString());

        assertProblem(cancel, 409, "order_not_cancellable");
        assertThat(shop.status(orderId)).isEqualTo("PAID");
        assertThat(jdbc.sql("SELECT count(*) FROM undelivered_orders WHERE order_id = ?").param(orderId)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** A live payment on a channel this deployment no longer has: closing the order throws every time. */
    private String poisonWithARetiredChannel(String orderId) {
        String paymentId = "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        jdbc.sql("""
                        INSERT INTO payments (id, order_id, channel, status, amount, currency, created_at, updated_at)
                        SELECT :id, id, 'retired', 'PENDING', amount, currency, created_at, created_at FROM orders WHERE id = :orderId""")
                .param("id", paymentId).param("orderId", orderId).update();
        // Earliest of all, so it sorts first in every batch.
        jdbc.sql("UPDATE orders SET expires_at = expires_at - interval '1 minute' WHERE id = ?").param(orderId).update();
        return paymentId;
    }

    private Api.Answer membershipOrder(String sku, int quantity, String userId) {
        return shop.api().postIdempotent("/v1/orders", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + ",\"buyer\":{\"userId\":\"" + userId + "\"}}", UUID.randomUUID().toString());
    }

    private void memberExpiringAt(String userId, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO members (system_id, user_id, expires_at, created_at, updated_at)
                        VALUES ('payonce-shop', :userId, :expiresAt, :now, :now)
                        ON CONFLICT (system_id, user_id) DO UPDATE SET expires_at = :expiresAt""")
                .param("userId", userId).param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    private Instant expiryOf(String userId) {
        return jdbc.sql("SELECT expires_at FROM members WHERE system_id = 'payonce-shop' AND user_id = ?").param(userId)
                .query(OffsetDateTime.class).single().toInstant();
    }

    private long rowFailures(String job) {
        var counter = meters.find("payonce.jobs.row_failures").tag("job", job).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private double undelivered() {
        var counter = meters.find("payonce.orders.undelivered").tag("reason", "membership_expiry_limit").counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        }
    }
}
