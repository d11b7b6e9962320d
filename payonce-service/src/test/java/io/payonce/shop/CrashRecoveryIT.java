package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.payonce.channels.PaymentChannel;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Leases;
import io.payonce.support.MutableClock;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request that dies between two steps (simulated by an Error thrown past every handler, which,
 * like a killed JVM, leaves its claim in flight) is resumed by the retry once the lease runs out
 * on the database's clock: one payment, one trade, one charge, one refund.
 */
@IntegrationTest
@Import(CrashRecoveryIT.CrashPoints.class)
class CrashRecoveryIT {

    static final AtomicReference<String> CRASH_AT = new AtomicReference<>();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MutableClock clock;
    Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        sku = shop.stockedSku("crash", 800, 3);
    }

    @AfterEach
    void noMoreCrashes() {
        CRASH_AT.set(null);
    }

    @Test
    void a_payment_that_crashed_after_opening_its_trade_is_resumed_by_the_retry_without_a_second_trade() {
        String orderId = shop.placeOrder(sku, 1);
        String key = UUID.randomUUID().toString();
        CRASH_AT.set("after_create_trade");

        assertThat(shop.pay(orderId, key).status()).isEqualTo(500);
        // The retry waits its bound (payonce.idempotency.in-flight.wait-max) for the crashed first, then is told when to come back.
        Api.Answer inUse = shop.pay(orderId, key);
        assertProblem(inUse, 409, "idempotency_key_in_use");
        assertThat(inUse.header("Retry-After")).isNotNull();
        Leases.runOut(transactions, jdbc, key);
        Api.Answer resumed = shop.pay(orderId, key);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        String paymentId = resumed.json().get("paymentId").asString();
        assertThat(jdbc.sql("SELECT id FROM payments WHERE order_id = ?").param(orderId).query(String.class).list())
                .containsExactly(paymentId);
        shop.buyerPays(paymentId);
        shop.awaitStatus(orderId, "DELIVERED");
        assertThat(charges(orderId)).isEqualTo(1);
        assertThat(shop.pay(orderId, key).body()).isEqualTo(resumed.body());
    }

    @Test
    void a_payment_that_crashed_before_calling_the_gateway_is_redone_with_the_same_payment() {
        String orderId = shop.placeOrder(sku, 1);
        String key = UUID.randomUUID().toString();
        CRASH_AT.set("before_create_trade");

        assertThat(shop.pay(orderId, key).status()).isEqualTo(500);
        Leases.runOut(transactions, jdbc, key);
        Api.Answer resumed = shop.pay(orderId, key);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = ?").param(orderId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_refund_that_crashed_after_the_channel_paid_it_out_is_booked_once_on_retry() {
        String orderId = shop.paidOrder(sku, 1);
        String key = UUID.randomUUID().toString();
        CRASH_AT.set("after_refund");

        assertThat(refund(orderId, key).status()).isEqualTo(500);
        Leases.runOut(transactions, jdbc, key);
        Api.Answer resumed = refund(orderId, key);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE order_id = ?").param(orderId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entries WHERE order_id = ? AND kind = 'REFUND'")
                .param(orderId).query(Long.class).single()).isEqualTo(1);
        assertThat(shop.status(orderId)).isEqualTo("REFUNDED");
    }

    @Test
    void a_lease_is_measured_by_the_database_clock_not_by_the_instance_clock() {
        String orderId = shop.placeOrder(sku, 1);
        String key = UUID.randomUUID().toString();
        CRASH_AT.set("after_create_trade");
        assertThat(shop.pay(orderId, key).status()).isEqualTo(500);
        CRASH_AT.set(null);

        clock.advance(Duration.ofHours(1));
        assertProblem(shop.pay(orderId, key), 409, "idempotency_key_in_use");
        Leases.runOut(transactions, jdbc, key);

        assertThat(shop.pay(orderId, key).status()).isEqualTo(201);
    }

    private Api.Answer refund(String orderId, String key) {
        return shop.refund(orderId, 800, key);
    }

    private long charges(String orderId) {
        return jdbc.sql("SELECT count(*) FROM ledger_entries WHERE order_id = ? AND kind = 'CHARGE'").param(orderId).query(Long.class).single();
    }

    /** Stands for the JVM dying: an Error no handler in payonce catches or cleans up after. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String point) {
            super("simulated crash at " + point);
        }
    }

    @TestConfiguration
    static class CrashPoints {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }

        @Bean
        static BeanPostProcessor crashingChannels() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof PaymentChannel channel ? new CrashPointChannel(channel, CrashRecoveryIT::crashIf) : bean;
                }
            };
        }
    }

    /** Dies at the named point, once. */
    private static void crashIf(String point) {
        if (CRASH_AT.compareAndSet(point, null)) {
            throw new SimulatedCrash(point);
        }
    }
}
