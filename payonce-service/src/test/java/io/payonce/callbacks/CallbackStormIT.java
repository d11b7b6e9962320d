package io.payonce.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.payonce.support.Api;
import io.payonce.support.SandboxGatewayServer;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every success notification five times, shuffled and sent concurrently, mixed with closed trades,
 * late stale notifications, contradicting late closes and forgeries: every order ends in its right
 * state, its goods delivered once and its money booked once.
 */
@IntegrationTest
class CallbackStormIT {

    private static final int PAID_ORDERS = 20;
    private static final int CLOSED_ORDERS = 6;
    private static final int COPIES = 5;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetFaults() {
        new Shop(new Api(port)).resetAlipayFaults();
    }

    @Test
    void a_shuffled_storm_of_repeated_late_and_forged_notifications_applies_each_payment_exactly_once() throws Exception {
        Shop shop = new Shop(new Api(port));
        String sku = shop.stockedSku("storm", 1234, PAID_ORDERS * 2 + CLOSED_ORDERS * 2);
        // The gateway's own notifications are lost: only the storm below reaches payonce.
        shop.alipayFaults("{\"lose\":1000}");
        Notifications notifications = new Notifications();
        var forger = Notifications.forgersKey();

        List<Map<String, String>> mustSucceed = new ArrayList<>();
        List<Map<String, String>> mustFail = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (int i = 0; i < PAID_ORDERS + CLOSED_ORDERS; i++) {
            String orderId = shop.placeOrder(sku, 2);
            String paymentId = shop.startPayment(orderId);
            String tradeNo = tradeNo(paymentId);
            boolean pays = i < PAID_ORDERS;
            if (pays) {
                shop.buyerPays(paymentId);
            } else {
                shop.buyerGivesUp(paymentId);
            }
            String status = pays ? "TRADE_SUCCESS" : "TRADE_CLOSED";
            for (int copy = 0; copy < COPIES; copy++) {
                mustSucceed.add(notifications.signed(paymentId, tradeNo, "24.68", status));
            }
            // Late and out of order: a stale "waiting" for every trade, a contradicting close for a paid one.
            mustSucceed.add(notifications.signed(paymentId, tradeNo, "24.68", "WAIT_BUYER_PAY"));
            if (pays) {
                mustSucceed.add(notifications.signed(paymentId, tradeNo, "24.68", "TRADE_CLOSED"));
                paid.add(orderId);
            } else {
                closed.add(orderId);
            }
            mustFail.add(Notifications.signed(paymentId, tradeNo, "24.68", "TRADE_SUCCESS", forger));
            mustFail.add(notifications.signed(paymentId, tradeNo, "0.01", "TRADE_SUCCESS"));
        }
        List<Map<String, String>> storm = new ArrayList<>(mustSucceed);
        storm.addAll(mustFail);
        Collections.shuffle(storm, new Random(20261123));

        List<String> answers = send(shop.api(), storm);

        for (int i = 0; i < storm.size(); i++) {
            String expected = mustFail.contains(storm.get(i)) ? "fail" : "success";
            assertThat(answers.get(i)).as("answer to %s", storm.get(i)).isEqualTo(expected);
        }
        for (String orderId : paid) {
            // The trade number is known once paid: a late notification naming another trade is refused.
            String paymentId = jdbc.sql("SELECT id FROM payments WHERE order_id = ? AND status = 'SUCCEEDED'").param(orderId)
                    .query(String.class).single();
            assertThat(send(shop.api(), List.of(notifications.signed(paymentId, "2026000000000000", "24.68", "TRADE_SUCCESS"))))
                    .containsExactly("fail");
            assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
            assertThat(shop.getOrder(orderId).json().get("delivery").get("cardKeys").size()).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM ledger_entries WHERE order_id = ? AND kind = 'CHARGE'", orderId)).isEqualTo(1);
        }
        for (String orderId : closed) {
            assertThat(shop.status(orderId)).isEqualTo("PENDING_PAYMENT");
            assertThat(count("SELECT count(*) FROM payments WHERE order_id = ? AND status = 'FAILED'", orderId)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM ledger_entries WHERE order_id = ?", orderId)).isZero();
        }
        assertThat(count("SELECT count(*) FROM card_keys WHERE sku = ? AND status = 'DELIVERED'", sku)).isEqualTo(PAID_ORDERS * 2);
    }

    /** The gateway's trade number: Alipay's precreate answer does not carry it, so payonce learns it only when paid. */
    private static String tradeNo(String paymentId) {
        return SandboxGatewayServer.get().control().readTrade("alipay", paymentId).get("tradeNo").asString();
    }

    private long count(String sql, String arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }

    /** Posts every notification from 16 threads at once; returns the bodies in the storm's order. */
    private static List<String> send(Api api, List<Map<String, String>> storm) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<String>> futures = new ArrayList<>();
            for (Map<String, String> form : storm) {
                futures.add(pool.submit(() -> api.postForm("/v1/callbacks/alipay", form).body()));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<String> future : futures) {
                bodies.add(future.get());
            }
            return bodies;
        }
    }
}
