package io.payonce.shop;

import static io.payonce.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.payonce.channels.PaymentChannel;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A buyer cancels while the payment's trade is being opened. The attempt fails with the order,
 * and the payer is told so: {@code payment_closed}, not a decline that invites paying again.
 */
@IntegrationTest
@Import(ClosedWhileOpeningIT.CancelOnOpen.class)
class ClosedWhileOpeningIT {

    /** Run once, in the paying request's thread, just before the gateway opens the trade. */
    static final AtomicReference<Runnable> BEFORE_TRADE = new AtomicReference<>();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
    }

    @Test
    void a_payment_whose_order_was_cancelled_while_opening_is_payment_closed_and_its_trade_is_closed() {
        String sku = shop.stockedSku("closed", 500, 1);
        String orderId = shop.placeOrder(sku, 1);
        BEFORE_TRADE.set(() -> assertThat(shop.api().postIdempotent("/v1/orders/" + orderId + "/cancel", null,
                UUID.randomUUID().toString()).status()).isEqualTo(200));
        String key = UUID.randomUUID().toString();

        Api.Answer paid = shop.pay(orderId, key);

        assertProblem(paid, 409, "payment_closed");
        assertThat(paid.json().get("detail").asString()).contains("CANCELLED").doesNotContain("paid again");
        assertProblem(shop.pay(orderId, key), 409, "payment_closed");
        assertThat(shop.status(orderId)).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT status FROM payments WHERE order_id = ?").param(orderId).query(String.class).single())
                .isEqualTo("FAILED");
        for (String paymentId : jdbc.sql("SELECT id FROM payments WHERE order_id = ?").param(orderId).query(String.class).list()) {
            var trade = shop.gateway().trade("alipay", paymentId);
            assertThat(trade.status() == 404 || trade.json().get("status").asString().equals("TRADE_CLOSED"))
                    .as("no payable trade is left for a cancelled order: %s", trade.body()).isTrue();
        }
    }

    @TestConfiguration
    static class CancelOnOpen {
        @Bean
        static BeanPostProcessor cancellingChannels() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof PaymentChannel channel ? new CrashPointChannel(channel, ClosedWhileOpeningIT::atPoint) : bean;
                }
            };
        }
    }

    private static void atPoint(String point) {
        if (point.equals("before_create_trade")) {
            Runnable hook = BEFORE_TRADE.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
        }
    }
}
