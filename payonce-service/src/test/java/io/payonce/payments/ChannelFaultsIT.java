package io.payonce.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.payonce.channels.Breakers;
import io.payonce.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A gateway that is down or slow: new payments go to the fallback channel while the primary's
 * breaker is open and come back when it recovers; a payment whose outcome is unknown never moves
 * to another channel, so a late success is the one charge.
 */
class ChannelFaultsIT extends ScriptedGatewayTest {

    @Autowired
    PaymentJanitor janitor;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void primary_down_sends_new_payments_to_the_fallback_within_the_breakers_window_and_back_after_it_recovers() {
        String sku = shop.stockedSku("fallback", 100, 12);
        ALIPAY.down(true);

        // The breaker counts 4 calls: those 4 payments reach alipay and end UNKNOWN (the trade may exist).
        List<Api.Answer> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(shop.pay(shop.placeOrder(sku, 1), UUID.randomUUID().toString()));
        }
        assertThat(first).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.json().get("status").asString()).isEqualTo("UNKNOWN");
            assertThat(answer.json().get("channel").asString()).isEqualTo("alipay");
        });
        assertThat(Breakers.of(channels, "alipay").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int alipayCallsWhileDown = ALIPAY.createCalls();

        Api.Answer fallback = shop.pay(shop.placeOrder(sku, 1), UUID.randomUUID().toString());

        assertThat(fallback.status()).as(fallback.body()).isEqualTo(201);
        assertThat(fallback.json().get("channel").asString()).isEqualTo("wechat");
        assertThat(fallback.json().get("requestedChannel").asString()).isEqualTo("alipay");
        assertThat(fallback.json().get("status").asString()).isEqualTo("PENDING");
        String fallbackPayment = fallback.json().get("paymentId").asString();
        assertThat(WECHAT.trades()).containsKey(fallbackPayment);
        assertThat(count("SELECT count(*) FROM payments WHERE id = ? AND channel = 'wechat' AND requested_channel = 'alipay'",
                fallbackPayment)).isEqualTo(1);
        assertThat(ALIPAY.createCalls()).as("an open breaker keeps new payments from the gateway").isEqualTo(alipayCallsWhileDown);

        // Recovered: once the breaker's open time has passed, its trial calls go to alipay and close it.
        ALIPAY.down(false);
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 3; i++) {
            Api.Answer back = shop.pay(shop.placeOrder(sku, 1), UUID.randomUUID().toString());
            assertThat(back.status()).as(back.body()).isEqualTo(201);
            assertThat(back.json().get("channel").asString()).isEqualTo("alipay");
            assertThat(back.json().get("status").asString()).isEqualTo("PENDING");
        }
        assertThat(Breakers.of(channels, "alipay").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "alipay").tag("state", "closed").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("resilience4j.circuitbreaker.calls").tag("name", "alipay").tag("kind", "failed").timer().count())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_payment_whose_outcome_is_unknown_stays_on_its_channel_even_while_the_fallback_takes_new_payments() {
        String sku = shop.stockedSku("stays", 100, 2);
        String orderId = shop.placeOrder(sku, 1);
        int wechatTradesBefore = WECHAT.trades().size();
        ALIPAY.down(true);
        Api.Answer unknown = shop.pay(orderId, UUID.randomUUID().toString());
        String paymentId = unknown.json().get("paymentId").asString();
        Breakers.of(channels, "alipay").transitionToOpenState();

        Api.Answer again = shop.pay(orderId, UUID.randomUUID().toString());
        Api.Answer wechatAsked = shop.api().postIdempotent("/v1/orders/" + orderId + "/payments", "{\"channel\":\"wechat\"}",
                UUID.randomUUID().toString());

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(again.json().get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(wechatAsked.status()).as(wechatAsked.body()).isEqualTo(409);
        assertThat(wechatAsked.code()).isEqualTo("payment_in_progress");
        assertThat(count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(WECHAT.trades()).hasSize(wechatTradesBefore);
    }

    @Test
    void with_every_breaker_open_a_new_payment_is_declined_at_once_and_the_order_stays_payable() {
        String orderId = shop.placeOrder(shop.stockedSku("all-open", 100, 1), 1);
        Breakers.of(channels, "alipay").transitionToOpenState();
        Breakers.of(channels, "wechat").transitionToOpenState();
        int calls = ALIPAY.createCalls() + WECHAT.createCalls();

        Api.Answer declined = shop.pay(orderId, UUID.randomUUID().toString());

        io.payonce.support.ProblemAssertions.assertProblem(declined, 402, "payment_declined");
        assertThat(declined.json().get("detail").asString()).contains("unavailable");
        assertThat(ALIPAY.createCalls() + WECHAT.createCalls()).isEqualTo(calls);
        assertThat(jdbc.sql("SELECT failure_code FROM payments WHERE order_id = ?").param(orderId).query(String.class).single())
                .isEqualTo("channel_unavailable");

        Breakers.resetAll(channels);
        Api.Answer paid = shop.pay(orderId, UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void a_timeout_then_a_late_success_is_one_charge_and_no_second_trade_on_the_fallback() {
        String sku = shop.stockedSku("late", 100, 1);
        String orderId = shop.placeOrder(sku, 1);
        int wechatTradesBefore = WECHAT.trades().size();
        // The gateway opens the trade after payonce stopped waiting (300 ms).
        ALIPAY.slowNextCreate(1_000);

        Api.Answer timedOut = shop.pay(orderId, UUID.randomUUID().toString());

        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(201);
        assertThat(timedOut.json().get("status").asString()).isEqualTo("UNKNOWN");
        String paymentId = timedOut.json().get("paymentId").asString();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ALIPAY.trades().containsKey(paymentId));

        // Even with alipay's breaker open, the buyer's new attempt is answered with the one in doubt.
        Breakers.of(channels, "alipay").transitionToOpenState();
        Api.Answer retried = shop.pay(orderId, UUID.randomUUID().toString());
        assertThat(retried.json().get("paymentId").asString()).isEqualTo(paymentId);
        Breakers.resetAll(channels);

        ALIPAY.buyerPays(paymentId);
        clock.advance(Duration.ofSeconds(6));
        janitor.sweep();

        assertThat(shop.status(orderId)).isEqualTo("DELIVERED");
        assertThat(charges(orderId)).isEqualTo(1);
        assertThat(WECHAT.trades()).hasSize(wechatTradesBefore);
        assertThat(count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
    }
}
