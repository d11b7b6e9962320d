package io.payonce.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.payonce.gateway.book.NotificationOutbox;
import io.payonce.gateway.book.SandboxBook;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.TradeTransitions;
import io.payonce.gateway.faults.FaultUpdate;
import io.payonce.gateway.faults.SandboxFaults;
import io.payonce.gateway.support.CallbackRecorder;
import io.payonce.gateway.support.GatewayIntegrationTest;
import io.payonce.gateway.support.WithTestNotificationFormat;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@GatewayIntegrationTest
@WithTestNotificationFormat
class NotificationsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SandboxBook book;
    @Autowired
    TradeTransitions transitions;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    SandboxFaults faults;
    @Autowired
    CallbackRecorder recorder;
    @Autowired
    Notifier notifier;
    @LocalServerPort
    int port;

    @AfterEach
    void resetFaults() {
        faults.require("alipay").reset();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10));
    }

    private void setFaults(String json) {
        faults.require("alipay").apply(FaultUpdate.parse(JSON.readTree(json)));
    }

    private String open(long amount) {
        String outTradeNo = "pay_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(book.open(new OpenRequest("alipay", "2021000000000001", outTradeNo, amount, "CNY", "Test product",
                CallbackRecorder.notifyUrl(port, "alipay")))).isInstanceOf(SandboxBook.Opened.Created.class);
        return outTradeNo;
    }

    private void pay(String outTradeNo) {
        assertThat(transitions.pay("alipay", outTradeNo)).isInstanceOf(TradeTransitions.Result.Moved.class);
    }

    private String tradeNo(String outTradeNo) {
        return book.find("alipay", outTradeNo).orElseThrow().tradeNo();
    }

    private List<NotificationOutbox.Entry> notifications(String outTradeNo) {
        return outbox.ofTrade("alipay", outTradeNo);
    }

    /** Waits until no notification of the trade is pending any more: each is delivered, lost or abandoned. */
    private List<NotificationOutbox.Entry> settledNotifications(String outTradeNo, int expected) {
        eventually().until(() -> {
            List<NotificationOutbox.Entry> entries = notifications(outTradeNo);
            return entries.size() == expected && entries.stream().noneMatch(entry -> entry.state().equals("PENDING"));
        });
        return notifications(outTradeNo);
    }

    @Test
    void a_paid_trade_is_notified_once_in_its_channels_format_at_its_notify_url() {
        String outTradeNo = open(1999);
        pay(outTradeNo);

        List<NotificationOutbox.Entry> entries = settledNotifications(outTradeNo, 1);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(outTradeNo);

        assertThat(entries).extracting(NotificationOutbox.Entry::state).containsExactly("DELIVERED");
        assertThat(entries.getFirst().lastStatus()).isEqualTo(200);
        assertThat(deliveries).singleElement().satisfies(delivery -> {
            assertThat(delivery.channel()).isEqualTo("alipay");
            assertThat(delivery.form()).containsEntry("trade_no", tradeNo(outTradeNo)).containsEntry("total_amount", "19.99")
                    .containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("notify_id", entries.getFirst().notifyId());
        });
    }

    @Test
    void a_closed_trade_is_notified_as_closed() {
        String outTradeNo = open(1999);
        book.close("alipay", outTradeNo);

        settledNotifications(outTradeNo, 1);

        assertThat(recorder.of(outTradeNo)).extracting(CallbackRecorder.Delivery::tradeStatus).containsExactly("TRADE_CLOSED");
    }

    @Test
    void an_unacknowledged_notification_is_retried_with_the_same_notify_id_until_acknowledged_then_never_again() {
        String outTradeNo = open(500);
        recorder.failFirst(outTradeNo, 2);
        pay(outTradeNo);

        List<NotificationOutbox.Entry> entries = settledNotifications(outTradeNo, 1);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(outTradeNo);

        assertThat(entries.getFirst().state()).isEqualTo("DELIVERED");
        assertThat(entries.getFirst().attempts()).isEqualTo(3);
        assertThat(deliveries).extracting(delivery -> delivery.answer().body()).containsExactly("fail", "fail", "success");
        assertThat(deliveries).extracting(CallbackRecorder.Delivery::notifyId).containsOnly(entries.getFirst().notifyId());
    }

    @Test
    void only_what_the_format_calls_acknowledged_stops_the_retries() {
        String outTradeNo = open(500);
        recorder.script(outTradeNo, new CallbackRecorder.Answer(500, "success"), new CallbackRecorder.Answer(200, "SUCCESS"),
                new CallbackRecorder.Answer(200, "success!"), new CallbackRecorder.Answer(200, "  success\n"));
        pay(outTradeNo);

        List<NotificationOutbox.Entry> entries = settledNotifications(outTradeNo, 1);

        assertThat(entries.getFirst().state()).isEqualTo("DELIVERED");
        assertThat(recorder.of(outTradeNo)).hasSize(4);
    }

    @Test
    void a_notification_never_acknowledged_is_abandoned_after_its_last_retry() {
        String outTradeNo = open(500);
        recorder.failFirst(outTradeNo, 100);
        pay(outTradeNo);

        List<NotificationOutbox.Entry> entries = settledNotifications(outTradeNo, 1);

        assertThat(entries.getFirst().state()).isEqualTo("ABANDONED");
        assertThat(entries.getFirst().attempts()).isEqualTo(5);
        assertThat(entries.getFirst().lastError()).contains("fail");
        assertThat(recorder.of(outTradeNo)).hasSize(5);
    }

    @Test
    void a_notify_url_nobody_listens_on_is_retried_then_abandoned() {
        String outTradeNo = "pay_" + UUID.randomUUID().toString().replace("-", "");
        book.open(new OpenRequest("alipay", "m", outTradeNo, 100, "CNY", "x", "http://127.0.0.1:1/nobody"));
        pay(outTradeNo);

        List<NotificationOutbox.Entry> entries = settledNotifications(outTradeNo, 1);

        assertThat(entries.getFirst().state()).isEqualTo("ABANDONED");
        assertThat(entries.getFirst().attempts()).isEqualTo(5);
        assertThat(entries.getFirst().lastStatus()).isNull();
        assertThat(entries.getFirst().lastError()).contains("ConnectException");
    }

    @Test
    void the_repeat_fault_sends_extra_copies_sharing_one_notify_id() {
        setFaults("{\"repeat\": 2}");
        String outTradeNo = open(500);
        pay(outTradeNo);

        List<NotificationOutbox.Entry> entries = settledNotifications(outTradeNo, 3);

        assertThat(entries).extracting(NotificationOutbox.Entry::state).containsOnly("DELIVERED");
        assertThat(recorder.of(outTradeNo)).hasSize(3).extracting(CallbackRecorder.Delivery::notifyId)
                .containsOnly(entries.getFirst().notifyId());
    }

    @Test
    void the_lose_fault_drops_the_next_notification_entirely_and_the_books_still_tell_the_truth() {
        setFaults("{\"lose\": 1}");
        String lost = open(500);
        pay(lost);
        String next = open(500);
        pay(next);

        settledNotifications(next, 1);

        assertThat(notifications(lost)).extracting(NotificationOutbox.Entry::state).containsExactly("LOST");
        assertThat(notifications(next)).extracting(NotificationOutbox.Entry::state).containsExactly("DELIVERED");
        assertThat(recorder.of(lost)).isEmpty();
        assertThat(book.find("alipay", lost).orElseThrow().status()).isEqualTo(TradeState.TRADE_SUCCESS);
        assertThat(faults.require("alipay").view().lose()).isZero();
    }

    @Test
    void a_lose_rate_of_one_loses_every_notification() {
        setFaults("{\"loseRate\": 1}");
        String outTradeNo = open(500);
        pay(outTradeNo);

        assertThat(notifications(outTradeNo)).extracting(NotificationOutbox.Entry::state).containsExactly("LOST");
    }

    @Test
    void the_delay_fault_holds_the_first_delivery_back() {
        setFaults("{\"delayMs\": 300}");
        String outTradeNo = open(500);
        pay(outTradeNo);

        NotificationOutbox.Entry entry = settledNotifications(outTradeNo, 1).getFirst();

        assertThat(entry.state()).isEqualTo("DELIVERED");
        assertThat(Duration.between(entry.createdAt(), entry.deliveredAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void the_reorder_fault_sends_a_stale_wait_buyer_pay_after_the_success_is_acknowledged() {
        setFaults("{\"reorder\": true}");
        String outTradeNo = open(500);
        recorder.failFirst(outTradeNo, 1);
        pay(outTradeNo);

        settledNotifications(outTradeNo, 2);
        List<CallbackRecorder.Delivery> deliveries = recorder.of(outTradeNo);

        assertThat(deliveries).extracting(CallbackRecorder.Delivery::tradeStatus)
                .containsExactly("TRADE_SUCCESS", "TRADE_SUCCESS", "WAIT_BUYER_PAY");
        assertThat(deliveries.get(2).notifyId()).isNotEqualTo(deliveries.getFirst().notifyId());
    }

    @Test
    void a_notifier_stopped_and_started_again_still_delivers() {
        // Spring pauses the lifecycle of an idle cached test context and resumes it later.
        notifier.stop();
        notifier.start();
        String outTradeNo = open(500);
        pay(outTradeNo);

        assertThat(settledNotifications(outTradeNo, 1)).extracting(NotificationOutbox.Entry::state).containsExactly("DELIVERED");
        assertThat(recorder.of(outTradeNo)).hasSize(1);
    }
}
