package io.payonce.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.channels.PaymentChannel.Notification;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundQuery;
import io.payonce.channels.PaymentChannel.RefundRequest;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeRequest;
import io.payonce.channels.PaymentChannel.TradeStatus;
import io.payonce.common.Ids;
import io.payonce.gateway.keys.SandboxKeys;
import io.payonce.support.SandboxGatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WechatChannel} on the official SDK against the real sandbox gateway over HTTP, built
 * from the settings the sandbox writes: create, query, close, refund and refund query; the
 * sandbox's notification verified and decrypted; and the answers no merchant may trust (another
 * platform key, no answer at all) reported as unknown, never as a refusal.
 */
class WechatChannelIT {

    private static final SandboxGatewayServer sandbox = SandboxGatewayServer.get();
    private static NotificationReceiver receiver;
    private static WechatChannel channel;

    @BeforeAll
    static void start() throws Exception {
        receiver = new NotificationReceiver();
        channel = TestWechatChannels.channel(settings(Map.of()), Clock.systemUTC());
        receiver.answerWith(channel);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @AfterEach
    void resetFaults() {
        sandbox.control().resetFaults("wechat");
    }

    @Test
    void create_opens_a_trade_whose_pay_url_is_the_sandbox_pay_page() {
        String paymentId = Ids.next("pay");

        TradeOutcome outcome = channel.createTrade(trade(paymentId, 1999));

        assertThat(outcome).isEqualTo(new TradeOutcome.Created(null, sandbox.baseUrl() + "/sandbox/wechat/pay/" + paymentId));
        assertThat(channel.createTrade(trade(paymentId, 1999))).isEqualTo(outcome);
        assertThat(channel.createTrade(trade(paymentId, 2000))).isInstanceOfSatisfying(TradeOutcome.Declined.class,
                declined -> assertThat(declined.reason()).startsWith("INVALID_REQUEST"));
    }

    @Test
    void query_waits_until_the_buyer_pays_then_reports_the_transaction() {
        String paymentId = Ids.next("pay");
        channel.createTrade(trade(paymentId, 500));
        assertThat(channel.queryTrade(paymentId)).isEqualTo(new TradeStatus.Waiting(null));

        sandbox.control().pay("wechat", paymentId).ok();

        assertThat(channel.queryTrade(paymentId)).isInstanceOfSatisfying(TradeStatus.Paid.class, paid -> {
            assertThat(paid.amount()).isEqualTo(500);
            assertThat(paid.currency()).isEqualTo("CNY");
            assertThat(paid.tradeNo()).isNotBlank();
        });
        assertThat(channel.queryTrade(Ids.next("pay"))).isEqualTo(new TradeStatus.NotFound());
    }

    @Test
    void close_closes_an_unpaid_trade_and_reports_a_paid_one_as_already_paid() {
        String unpaid = Ids.next("pay");
        channel.createTrade(trade(unpaid, 300));
        assertThat(channel.closeTrade(unpaid)).isEqualTo(new CloseOutcome.Closed());
        assertThat(channel.queryTrade(unpaid)).isInstanceOf(TradeStatus.Closed.class);

        String paid = Ids.next("pay");
        channel.createTrade(trade(paid, 300));
        sandbox.control().pay("wechat", paid).ok();
        String tradeNo = ((TradeStatus.Paid) channel.queryTrade(paid)).tradeNo();
        assertThat(channel.closeTrade(paid)).isEqualTo(new CloseOutcome.AlreadyPaid(tradeNo, 300, "CNY"));

        assertThat(channel.closeTrade(Ids.next("pay"))).isEqualTo(new CloseOutcome.NotFound());
    }

    @Test
    void refund_succeeds_once_per_refund_id_and_its_query_finds_it() {
        String paymentId = paidTrade(1000);
        String refundId = Ids.next("ref");

        RefundOutcome first = channel.refund(new RefundRequest(paymentId, refundId, 400, "CNY"));
        RefundOutcome repeated = channel.refund(new RefundRequest(paymentId, refundId, 400, "CNY"));

        assertThat(first).isInstanceOf(RefundOutcome.Succeeded.class).isEqualTo(repeated);
        String refundNo = ((RefundOutcome.Succeeded) first).channelRefundNo();
        assertThat(channel.queryRefund(paymentId, refundId)).isEqualTo(new RefundQuery.Succeeded(refundNo, 400));
        assertThat(channel.queryRefund(paymentId, Ids.next("ref"))).isEqualTo(new RefundQuery.NotFound());
        assertThat(channel.queryTrade(paymentId)).isInstanceOf(TradeStatus.Paid.class);
    }

    @Test
    void a_refund_past_what_was_paid_or_of_an_unpaid_trade_fails_and_moves_nothing() {
        String paymentId = paidTrade(1000);
        String unpaid = Ids.next("pay");
        channel.createTrade(trade(unpaid, 1000));
        String tooMuch = Ids.next("ref");

        assertThat(channel.refund(new RefundRequest(paymentId, tooMuch, 1001, "CNY"))).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("INVALID_REQUEST"));
        assertThat(channel.queryRefund(paymentId, tooMuch)).isEqualTo(new RefundQuery.NotFound());
        assertThat(channel.refund(new RefundRequest(unpaid, Ids.next("ref"), 10, "CNY"))).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(channel.refund(new RefundRequest(Ids.next("pay"), Ids.next("ref"), 10, "CNY")))
                .isEqualTo(new RefundOutcome.Failed("ORDER_NOT_EXIST: no trade to refund"));
    }

    @Test
    void a_decline_by_the_gateway_is_declined_with_its_code() {
        sandbox.control().setFaults("wechat", "{\"nextTrades\":[\"DECLINE\"]}").ok();

        assertThat(channel.createTrade(trade(Ids.next("pay"), 100))).isInstanceOfSatisfying(TradeOutcome.Declined.class,
                declined -> assertThat(declined.reason()).startsWith("TRADE_ERROR"));
    }

    @Test
    void a_lost_answer_is_unknown_and_a_query_finds_the_trade_it_opened() {
        WechatChannel impatient = TestWechatChannels.channel(settings(Map.of("payonce.channels.wechat.call-timeout", "1s")), Clock.systemUTC());
        sandbox.control().setFaults("wechat", "{\"nextTrades\":[\"TIMEOUT\"]}").ok();
        String paymentId = Ids.next("pay");

        assertThat(impatient.createTrade(trade(paymentId, 100))).isInstanceOf(TradeOutcome.Unknown.class);
        assertThat(channel.queryTrade(paymentId)).isInstanceOf(TradeStatus.Waiting.class);
    }

    @Test
    void the_sandbox_notification_of_a_payment_verifies_and_decrypts() throws Exception {
        String paymentId = Ids.next("pay");
        channel.createTrade(trade(paymentId, 777));
        receiver.parsed().clear();

        sandbox.control().pay("wechat", paymentId).ok();

        Notification notification = receiver.parsed().poll(30, TimeUnit.SECONDS);
        String tradeNo = ((TradeStatus.Paid) channel.queryTrade(paymentId)).tradeNo();
        assertThat(notification).isInstanceOfSatisfying(Notification.Paid.class, paid -> {
            assertThat(paid.paymentId()).isEqualTo(paymentId);
            assertThat(paid.tradeNo()).isEqualTo(tradeNo);
            assertThat(paid.amount()).isEqualTo(777);
            assertThat(paid.currency()).isEqualTo("CNY");
            assertThat(paid.notifyId()).isNotBlank();
        });
        // Acknowledged with 204: the sandbox sends no second copy.
        assertThat(receiver.parsed().poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void answers_signed_with_another_platform_key_are_unknown_never_a_refusal() {
        SandboxKeys stranger = SandboxKeys.generate();
        WechatChannel fooled = TestWechatChannels.channel(settings(Map.of("payonce.channels.wechat.platform-public-key-file", "",
                "payonce.channels.wechat.platform-public-key", SandboxKeys.pem(stranger.wechatPlatform().getPublic()))), Clock.systemUTC());
        String paymentId = Ids.next("pay");

        assertThat(fooled.createTrade(trade(paymentId, 100))).isInstanceOf(TradeOutcome.Unknown.class);
        // A 404 ORDER_NOT_EXIST and RESOURCE_NOT_EXISTS decide things; unsigned by the platform key they count for nothing.
        assertThat(fooled.queryTrade(Ids.next("pay"))).isInstanceOf(TradeStatus.Unknown.class);
        assertThat(fooled.queryRefund(paymentId, Ids.next("ref"))).isInstanceOf(RefundQuery.Unknown.class);
    }

    @Test
    void a_gateway_that_does_not_answer_is_unknown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WechatChannel cut = TestWechatChannels.channel(settings(Map.of("payonce.channels.wechat.base-url", "http://127.0.0.1:" + closedPort)),
                Clock.systemUTC());

        assertThat(cut.createTrade(trade(Ids.next("pay"), 100))).isInstanceOf(TradeOutcome.Unknown.class);
        assertThat(cut.queryTrade(Ids.next("pay"))).isInstanceOf(TradeStatus.Unknown.class);
        assertThat(cut.closeTrade(Ids.next("pay"))).isInstanceOf(CloseOutcome.Unknown.class);
        assertThat(cut.refund(new RefundRequest(Ids.next("pay"), Ids.next("ref"), 1, "CNY"))).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(cut.queryRefund(Ids.next("pay"), Ids.next("ref"))).isInstanceOf(RefundQuery.Unknown.class);
    }

    private static String paidTrade(long amount) {
        String paymentId = Ids.next("pay");
        assertThat(channel.createTrade(trade(paymentId, amount))).isInstanceOf(TradeOutcome.Created.class);
        sandbox.control().pay("wechat", paymentId).ok();
        return paymentId;
    }

    private static TradeRequest trade(String paymentId, long amount) {
        return new TradeRequest(paymentId, Ids.next("ord"), amount, "CNY", "Card key x1");
    }

    private static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("payonce.channels.wechat.notify-url", receiver.url(),
                "payonce.channels.wechat.call-timeout", "5s"));
        settings.putAll(overrides);
        Map<String, String> all = new java.util.HashMap<>(sandbox.merchantSettings());
        all.putAll(settings);
        return all;
    }
}
