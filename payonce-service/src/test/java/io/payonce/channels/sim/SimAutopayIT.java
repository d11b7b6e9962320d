package io.payonce.channels.sim;

import static io.payonce.channels.sim.SimTradesIT.newPaymentId;
import static io.payonce.channels.sim.SimTradesIT.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeStatus;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@SimIntegrationTest
@TestPropertySource(properties = "payonce.sim.autopay-ms=150")
class SimAutopayIT extends SimulatorTestBase {

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
    }

    private String open() {
        String paymentId = newPaymentId();
        assertThat(alipay.createTrade(request(paymentId, 1999))).isInstanceOf(TradeOutcome.Created.class);
        return paymentId;
    }

    private boolean notified(String paymentId) {
        List<NotificationOutbox.Entry> entries = outbox.ofTrade("alipay", paymentId);
        return !entries.isEmpty() && entries.stream().allMatch(entry -> entry.state().equals("DELIVERED"));
    }

    @Test
    void a_new_trade_pays_itself_once_its_autopay_time_has_come_and_is_notified() {
        String paymentId = open();

        eventually().until(() -> notified(paymentId));
        JsonNode trade = http.get("/sim/alipay/payments/" + paymentId).json();

        assertThat(alipay.queryTrade(paymentId)).isInstanceOf(TradeStatus.Paid.class);
        Instant createdAt = Instant.parse(trade.path("createdAt").stringValue());
        Instant autopayAt = Instant.parse(trade.path("autopayAt").stringValue());
        assertThat(Duration.between(createdAt, autopayAt)).isEqualTo(Duration.ofMillis(150));
        assertThat(Instant.parse(trade.path("paidAt").stringValue())).isAfterOrEqualTo(autopayAt);
        assertThat(recorder.of(paymentId)).hasSize(1).first().extracting(CallbackRecorder.Delivery::tradeStatus).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void a_trade_opened_under_the_pending_fault_is_never_autopaid() {
        http.postJson("/sim/alipay/faults", "{\"nextTrades\": [\"PENDING\"]}");
        String pending = open();
        String normal = open();

        eventually().until(() -> notified(normal));

        assertThat(alipay.queryTrade(pending)).isInstanceOf(TradeStatus.Waiting.class);
        assertThat(http.get("/sim/alipay/payments/" + pending).json().has("autopayAt")).isFalse();
        assertThat(outbox.ofTrade("alipay", pending)).isEmpty();
    }

    @Test
    void a_burst_of_trades_racing_closes_ends_with_each_trade_final_once_with_one_matching_notification() {
        List<String> paymentIds = new ArrayList<>();
        List<CloseOutcome> closes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            paymentIds.add(open());
            if (i % 3 == 0) {
                closes.add(alipay.closeTrade(paymentIds.get(i)));
            }
        }

        eventually().until(() -> paymentIds.stream().allMatch(this::notified));

        for (int i = 0; i < paymentIds.size(); i++) {
            String paymentId = paymentIds.get(i);
            TradeStatus status = alipay.queryTrade(paymentId);
            List<NotificationOutbox.Entry> entries = outbox.ofTrade("alipay", paymentId);
            assertThat(entries).hasSize(1);
            assertThat(entries.getFirst().tradeStatus()).isEqualTo(status instanceof TradeStatus.Paid ? TradeState.TRADE_SUCCESS : TradeState.TRADE_CLOSED);
            if (i % 3 == 0) {
                CloseOutcome close = closes.get(i / 3);
                assertThat(status).isInstanceOf(close instanceof CloseOutcome.Closed ? TradeStatus.Closed.class : TradeStatus.Paid.class);
            } else {
                assertThat(status).isInstanceOf(TradeStatus.Paid.class);
            }
        }
    }
}
