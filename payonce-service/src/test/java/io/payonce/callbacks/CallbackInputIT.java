package io.payonce.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every malformed, forged or mismatched notification gets 400 "fail" and changes nothing. */
@IntegrationTest
class CallbackInputIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Shop shop;
    Notifications notifications;
    String orderId;
    String paymentId;
    String tradeNo;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port));
        String sku = shop.stockedSku("cb", 1999, 1);
        shop.alipayFaults("{\"lose\":1000}");
        orderId = shop.placeOrder(sku, 1);
        paymentId = shop.startPayment(orderId);
        tradeNo = shop.gateway().readTrade("alipay", paymentId).get("tradeNo").asString();
        notifications = new Notifications();
    }

    @AfterEach
    void resetFaults() {
        shop.resetAlipayFaults();
    }

    @Test
    void forged_mismatched_unknown_and_malformed_notifications_fail_and_change_nothing() {
        Map<String, String> good = notifications.signed(paymentId, tradeNo, "19.99", "TRADE_SUCCESS");
        Map<String, String> tampered = new LinkedHashMap<>(good);
        tampered.put("total_amount", "0.01");
        Map<String, String> noSign = new LinkedHashMap<>(good);
        noSign.remove("sign");
        Map<String, String> truncated = new LinkedHashMap<>(good);
        truncated.put("sign", good.get("sign").substring(0, 40));
        Map<String, String> oversized = new LinkedHashMap<>(good);
        oversized.put("body", "x".repeat(5000));

        for (Map<String, String> bad : java.util.List.of(
                Notifications.signed(paymentId, tradeNo, "19.99", "TRADE_SUCCESS", Notifications.forgersKey()),
                tampered, noSign, truncated, oversized,
                notifications.signed(paymentId, tradeNo, "19.98", "TRADE_SUCCESS"),
                notifications.signed(paymentId, tradeNo, "19.999", "TRADE_SUCCESS"),
                notifications.signed(paymentId, tradeNo, "-19.99", "TRADE_SUCCESS"),
                notifications.signed("pay_00000000000000000000000000", tradeNo, "19.99", "TRADE_SUCCESS"),
                notifications.signed(paymentId, tradeNo, "19.99", "TRADE_HACKED"),
                Map.of("out_trade_no", paymentId))) {
            Api.Answer answer = shop.api().postForm("/v1/callbacks/alipay", bad);
            assertThat(answer.status()).as(bad.toString()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("fail");
        }
        assertThat(shop.api().postForm("/v1/callbacks/nochannel", good).status()).isEqualTo(404);
        assertThat(shop.status(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = ?").param(paymentId).query(String.class).single()).isEqualTo("PENDING");

        Api.Answer accepted = shop.api().postForm("/v1/callbacks/alipay", good);
        assertThat(accepted.body()).isEqualTo("success");
        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
        // Alipay names its trade number only once the buyer paid: payonce learns it from the first
        // word of the payment, and from then on a notification naming another trade is refused.
        Api.Answer otherTrade = shop.api().postForm("/v1/callbacks/alipay",
                notifications.signed(paymentId, "2099000000000001", "19.99", "TRADE_SUCCESS"));
        assertThat(otherTrade.status()).isEqualTo(400);
        assertThat(otherTrade.body()).isEqualTo("fail");
    }

    @Test
    void a_notification_for_the_other_channel_does_not_apply_to_this_channels_payment() {
        Map<String, String> good = notifications.signed(paymentId, tradeNo, "19.99", "TRADE_SUCCESS");
        Api.Answer answer = shop.api().postForm("/v1/callbacks/wechat", good);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(shop.status(orderId)).isEqualTo("PENDING_PAYMENT");
    }
}
