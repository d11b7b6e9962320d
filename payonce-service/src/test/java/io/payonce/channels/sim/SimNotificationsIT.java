package io.payonce.channels.sim;

import static io.payonce.channels.sim.SimTradesIT.newPaymentId;
import static io.payonce.channels.sim.SimTradesIT.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeStatus;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SimIntegrationTest
class SimNotificationsIT extends SimulatorTestBase {

    @Autowired
    Notifier notifier;

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10));
    }

    private String open(long amount) {
        String paymentId = newPaymentId();
        assertThat(alipay.createTrade(request(paymentId, amount))).isInstanceOf(TradeOutcome.Created.class);
        return paymentId;
    }

    private String tradeNo(String paymentId) {
        return http.get("/sim/alipay/payments/" + paymentId).json().path("tradeNo").stringValue();
    }

    private void pay(String paymentId) {
        assertThat(http.post("/sim/alipay/payments/" + paymentId + "/succeed").status()).isEqualTo(200);
    }

    private List<NotificationOutbox.Entry> notifications(String paymentId) {
        return outbox.ofTrade("alipay", paymentId);
    }

    /** Waits until no notification of the trade is pending any more: each is delivered, lost or abandoned. */
    private List<NotificationOutbox.Entry> settledNotifications(String paymentId, int expected) {
        eventually().until(() -> {
            List<NotificationOutbox.Entry> entries = notifications(paymentId);
            return entries.size() == expected && entries.stream().noneMatch(entry -> entry.state().equals("PENDING"));
        });
        return notifications(paymentId);
    }

    @Test
    void a_paid_trade_is_notified_once_with_a_valid_signature_and_the_exact_amount() {
        String paymentId = open(1999);
        pay(paymentId);

        List<NotificationOutbox.Entry> entries = settledNotifications(paymentId, 1);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(paymentId);

        assertThat(entries).extracting(NotificationOutbox.Entry::state).containsExactly("DELIVERED");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.getFirst().parsed()).isEqualTo(
                new Notification.Paid(paymentId, tradeNo(paymentId), 1999, "CNY", entries.getFirst().notifyId()));
        assertThat(deliveries.getFirst().form()).containsEntry("total_amount", "19.99").containsEntry("sign_type", "RSA2")
                .containsKeys("notify_time", "app_id", "sign");
    }

    @Test
    void a_buyer_giving_up_is_notified_as_closed() {
        String paymentId = open(1999);
        assertThat(http.post("/sim/alipay/payments/" + paymentId + "/fail").json().path("status").stringValue()).isEqualTo("TRADE_CLOSED");

        settledNotifications(paymentId, 1);

        assertThat(recorder.of(paymentId)).extracting(CallbackRecorder.Delivery::parsed)
                .containsExactly(new Notification.Closed(paymentId, tradeNo(paymentId), notifications(paymentId).getFirst().notifyId()));
    }

    @Test
    void an_unacknowledged_notification_is_retried_with_the_same_notify_id_until_success_then_never_again() {
        String paymentId = open(500);
        recorder.failFirst(paymentId, 2);
        pay(paymentId);

        List<NotificationOutbox.Entry> entries = settledNotifications(paymentId, 1);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(paymentId);

        assertThat(entries.getFirst().state()).isEqualTo("DELIVERED");
        assertThat(entries.getFirst().attempts()).isEqualTo(3);
        assertThat(deliveries).extracting(delivery -> delivery.answer().body()).containsExactly("fail", "fail", "success");
        assertThat(deliveries).extracting(CallbackRecorder.Delivery::notifyId).containsOnly(entries.getFirst().notifyId());
    }

    @Test
    void only_http_200_with_the_body_success_acknowledges() {
        String paymentId = open(500);
        recorder.script(paymentId, new CallbackRecorder.Answer(500, "success"), new CallbackRecorder.Answer(200, "SUCCESS"),
                new CallbackRecorder.Answer(200, "success!"), new CallbackRecorder.Answer(200, "  success\n"));
        pay(paymentId);

        List<NotificationOutbox.Entry> entries = settledNotifications(paymentId, 1);

        assertThat(entries.getFirst().state()).isEqualTo("DELIVERED");
        assertThat(recorder.of(paymentId)).hasSize(4);
    }

    @Test
    void a_notification_never_acknowledged_is_abandoned_after_its_last_retry() {
        String paymentId = open(500);
        recorder.failFirst(paymentId, 100);
        pay(paymentId);

        List<NotificationOutbox.Entry> entries = settledNotifications(paymentId, 1);

        assertThat(entries.getFirst().state()).isEqualTo("ABANDONED");
        assertThat(entries.getFirst().attempts()).isEqualTo(5);
        assertThat(entries.getFirst().lastError()).contains("fail");
        assertThat(recorder.of(paymentId)).hasSize(5);
    }

    @Test
    void the_repeat_fault_sends_extra_copies_sharing_one_notify_id() {
        http.postJson("/sim/alipay/faults", "{\"repeat\": 2}");
        String paymentId = open(500);
        pay(paymentId);

        List<NotificationOutbox.Entry> entries = settledNotifications(paymentId, 3);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(paymentId);

        assertThat(entries).extracting(NotificationOutbox.Entry::state).containsOnly("DELIVERED");
        assertThat(deliveries).hasSize(3).extracting(CallbackRecorder.Delivery::notifyId).containsOnly(entries.getFirst().notifyId());
        assertThat(deliveries).extracting(CallbackRecorder.Delivery::parsed).allMatch(Notification.Paid.class::isInstance);
    }

    @Test
    void the_lose_fault_drops_the_next_notification_entirely_and_the_gateway_still_tells_the_truth() {
        http.postJson("/sim/alipay/faults", "{\"lose\": 1}");
        String lost = open(500);
        pay(lost);
        String next = open(500);
        pay(next);

        settledNotifications(next, 1);

        assertThat(notifications(lost)).extracting(NotificationOutbox.Entry::state).containsExactly("LOST");
        assertThat(notifications(next)).extracting(NotificationOutbox.Entry::state).containsExactly("DELIVERED");
        assertThat(recorder.of(lost)).isEmpty();
        assertThat(alipay.queryTrade(lost)).isInstanceOf(TradeStatus.Paid.class);
        assertThat(http.get("/sim/alipay/faults").json().path("lose").intValue()).isZero();
    }

    @Test
    void a_lose_rate_of_one_loses_every_notification() {
        http.postJson("/sim/alipay/faults", "{\"loseRate\": 1}");
        String paymentId = open(500);
        pay(paymentId);

        assertThat(notifications(paymentId)).extracting(NotificationOutbox.Entry::state).containsExactly("LOST");
    }

    @Test
    void the_delay_fault_holds_the_first_delivery_back() {
        http.postJson("/sim/alipay/faults", "{\"delayMs\": 300}");
        String paymentId = open(500);
        pay(paymentId);

        NotificationOutbox.Entry entry = settledNotifications(paymentId, 1).getFirst();

        assertThat(entry.state()).isEqualTo("DELIVERED");
        assertThat(Duration.between(entry.createdAt(), entry.deliveredAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void the_reorder_fault_sends_a_stale_wait_buyer_pay_after_the_success_is_acknowledged() {
        http.postJson("/sim/alipay/faults", "{\"reorder\": true}");
        String paymentId = open(500);
        recorder.failFirst(paymentId, 1);
        pay(paymentId);

        settledNotifications(paymentId, 2);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(paymentId);

        assertThat(deliveries).extracting(CallbackRecorder.Delivery::tradeStatus)
                .containsExactly("TRADE_SUCCESS", "TRADE_SUCCESS", "WAIT_BUYER_PAY");
        assertThat(deliveries.get(2).parsed()).isEqualTo(
                new Notification.Other(paymentId, tradeNo(paymentId), "WAIT_BUYER_PAY", deliveries.get(2).notifyId()));
        assertThat(deliveries.get(2).notifyId()).isNotEqualTo(deliveries.getFirst().notifyId());
    }

    @Test
    void a_notifier_stopped_and_started_again_still_delivers() {
        // Spring pauses the lifecycle of an idle cached test context and resumes it later.
        notifier.stop();
        notifier.start();
        String paymentId = open(500);
        pay(paymentId);

        assertThat(settledNotifications(paymentId, 1)).extracting(NotificationOutbox.Entry::state).containsExactly("DELIVERED");
        assertThat(recorder.of(paymentId)).hasSize(1);
    }
}
