package io.payonce.channels.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.payonce.channels.PaymentChannel.CloseOutcome;
import io.payonce.channels.PaymentChannel.RefundOutcome;
import io.payonce.channels.PaymentChannel.RefundRequest;
import io.payonce.channels.PaymentChannel.TradeOutcome;
import io.payonce.channels.PaymentChannel.TradeRequest;
import io.payonce.channels.PaymentChannel.TradeStatus;
import org.junit.jupiter.api.Test;

@SimIntegrationTest
class SimTradesIT extends SimulatorTestBase {

    static String newPaymentId() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "");
    }

    static TradeRequest request(String paymentId, long amount) {
        return new TradeRequest(paymentId, "ord_" + paymentId.substring(4), amount, "CNY", "Test product");
    }

    private String open(long amount) {
        String paymentId = newPaymentId();
        assertThat(alipay.createTrade(request(paymentId, amount))).isInstanceOf(TradeOutcome.Created.class);
        return paymentId;
    }

    private String openPaid(long amount) {
        String paymentId = open(amount);
        assertThat(http.post("/sim/alipay/payments/" + paymentId + "/succeed").status()).isEqualTo(200);
        return paymentId;
    }

    @Test
    void both_channels_are_registered_under_their_names_with_their_own_keys() {
        assertThat(channels.names()).contains("alipay", "wechat");
        assertThat(http.get("/sim/alipay/public-key").body()).startsWith("-----BEGIN PUBLIC KEY-----")
                .isNotEqualTo(http.get("/sim/wechat/public-key").body());
    }

    @Test
    void a_new_trade_waits_for_the_buyer_with_an_alipay_style_trade_number_and_pay_url() {
        String paymentId = newPaymentId();

        TradeOutcome.Created created = (TradeOutcome.Created) alipay.createTrade(request(paymentId, 1999));

        assertThat(created.tradeNo()).matches("\\d{8}22001\\d{15}");
        assertThat(created.payUrl()).isEqualTo("/sim/alipay/pay/" + paymentId);
        assertThat(alipay.queryTrade(paymentId)).isEqualTo(new TradeStatus.Waiting(created.tradeNo()));
        assertThat(http.get(created.payUrl()).body()).contains("19.99").contains("Test product");
    }

    @Test
    void wechat_trades_carry_wechat_style_numbers() {
        String paymentId = newPaymentId();

        TradeOutcome.Created created = (TradeOutcome.Created) channels.find("wechat").orElseThrow().createTrade(request(paymentId, 1));

        assertThat(created.tradeNo()).matches("4200\\d{8}0\\d{15}");
        assertThat(alipay.queryTrade(paymentId)).isInstanceOf(TradeStatus.NotFound.class);
    }

    @Test
    void a_retried_create_returns_the_same_trade() {
        String paymentId = newPaymentId();

        TradeOutcome first = alipay.createTrade(request(paymentId, 1999));
        TradeOutcome second = alipay.createTrade(request(paymentId, 1999));

        assertThat(second).isEqualTo(first).isInstanceOf(TradeOutcome.Created.class);
    }

    @Test
    void a_retried_create_with_another_amount_is_declined_and_leaves_the_trade_alone() {
        String paymentId = newPaymentId();
        TradeOutcome.Created created = (TradeOutcome.Created) alipay.createTrade(request(paymentId, 1999));

        assertThat(alipay.createTrade(request(paymentId, 2999))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(new TradeRequest(paymentId, "o", 1999, "USD", "x"))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.queryTrade(paymentId)).isEqualTo(new TradeStatus.Waiting(created.tradeNo()));
    }

    @Test
    void concurrent_creates_of_one_payment_open_exactly_one_trade() throws Exception {
        String paymentId = newPaymentId();

        List<TradeOutcome> outcomes = race(16, i -> alipay.createTrade(request(paymentId, 500)));

        assertThat(outcomes).hasSize(16).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.getFirst()));
        assertThat(outcomes.getFirst()).isInstanceOf(TradeOutcome.Created.class);
    }

    @Test
    void malformed_trade_requests_are_declined_not_thrown() {
        assertThat(alipay.createTrade(request(newPaymentId(), 0))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(request(newPaymentId(), -5))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(new TradeRequest("pay/../x", "o", 100, "CNY", "x"))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(new TradeRequest(newPaymentId(), "o", 100, "XYZ", "x"))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(new TradeRequest(newPaymentId(), "o", 100, "CNY", "x".repeat(257)))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(new TradeRequest(newPaymentId(), "o", Long.MAX_VALUE, "CNY", "x"))).isInstanceOf(TradeOutcome.Declined.class);
    }

    @Test
    void query_tells_paid_and_closed_trades_and_unknown_payments_apart() {
        String paid = openPaid(1999);
        String closed = open(1999);
        assertThat(alipay.closeTrade(closed)).isEqualTo(new CloseOutcome.Closed());

        assertThat(alipay.queryTrade(paid)).isInstanceOfSatisfying(TradeStatus.Paid.class, status -> {
            assertThat(status.amount()).isEqualTo(1999);
            assertThat(status.currency()).isEqualTo("CNY");
        });
        assertThat(alipay.queryTrade(closed)).isInstanceOf(TradeStatus.Closed.class);
        assertThat(alipay.queryTrade(newPaymentId())).isEqualTo(new TradeStatus.NotFound());
        assertThat(alipay.closeTrade(newPaymentId())).isEqualTo(new CloseOutcome.NotFound());
    }

    @Test
    void closing_twice_is_harmless_and_a_closed_trade_cannot_be_reopened() {
        String paymentId = open(1999);

        assertThat(alipay.closeTrade(paymentId)).isEqualTo(new CloseOutcome.Closed());
        assertThat(alipay.closeTrade(paymentId)).isEqualTo(new CloseOutcome.Closed());
        assertThat(alipay.createTrade(request(paymentId, 1999))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(outbox.ofTrade("alipay", paymentId)).extracting(NotificationOutbox.Entry::tradeStatus)
                .containsExactly(TradeState.TRADE_CLOSED);
    }

    @Test
    void closing_a_paid_trade_tells_that_the_buyer_paid_first() {
        String paymentId = openPaid(1999);
        String tradeNo = ((TradeStatus.Paid) alipay.queryTrade(paymentId)).tradeNo();

        assertThat(alipay.closeTrade(paymentId)).isEqualTo(new CloseOutcome.AlreadyPaid(tradeNo, 1999, "CNY"));
    }

    @Test
    void racing_closes_and_payments_of_one_trade_end_in_exactly_one_final_state() throws Exception {
        for (int round = 0; round < 5; round++) {
            String paymentId = open(1999);

            List<Object> outcomes = race(32, i -> i % 2 == 0
                    ? alipay.closeTrade(paymentId)
                    : http.post("/sim/alipay/payments/" + paymentId + "/succeed"));

            assertOneFinalState(paymentId, outcomes);
        }
    }

    private void assertOneFinalState(String paymentId, List<Object> outcomes) {
        TradeStatus status = alipay.queryTrade(paymentId);
        List<CloseOutcome> closes = outcomes.stream().filter(CloseOutcome.class::isInstance).map(CloseOutcome.class::cast).toList();
        List<SimHttp.Answer> payments = outcomes.stream().filter(SimHttp.Answer.class::isInstance).map(SimHttp.Answer.class::cast).toList();
        List<NotificationOutbox.Entry> notifications = outbox.ofTrade("alipay", paymentId);
        assertThat(closes).hasSize(16);
        assertThat(payments).hasSize(16);
        assertThat(notifications).hasSize(1);
        if (status instanceof TradeStatus.Paid paid) {
            assertThat(closes).containsOnly(new CloseOutcome.AlreadyPaid(paid.tradeNo(), 1999, "CNY"));
            assertThat(payments).extracting(SimHttp.Answer::status).containsOnly(200);
            assertThat(notifications.getFirst().tradeStatus()).isEqualTo(TradeState.TRADE_SUCCESS);
        } else {
            assertThat(status).isInstanceOf(TradeStatus.Closed.class);
            assertThat(closes).containsOnly(new CloseOutcome.Closed());
            assertThat(payments).extracting(SimHttp.Answer::status).containsOnly(409);
            assertThat(payments).extracting(SimHttp.Answer::code).containsOnly("trade_not_open");
            assertThat(notifications.getFirst().tradeStatus()).isEqualTo(TradeState.TRADE_CLOSED);
        }
    }

    @Test
    void refunds_never_exceed_the_amount_paid_and_repeat_by_refund_id() {
        String paymentId = openPaid(1000);

        RefundOutcome first = alipay.refund(new RefundRequest(paymentId, "ref_a_" + paymentId, 600, "CNY"));
        RefundOutcome tooMuch = alipay.refund(new RefundRequest(paymentId, "ref_b_" + paymentId, 401, "CNY"));
        RefundOutcome repeat = alipay.refund(new RefundRequest(paymentId, "ref_a_" + paymentId, 600, "CNY"));
        RefundOutcome reused = alipay.refund(new RefundRequest(paymentId, "ref_a_" + paymentId, 300, "CNY"));
        RefundOutcome rest = alipay.refund(new RefundRequest(paymentId, "ref_c_" + paymentId, 400, "CNY"));
        RefundOutcome beyond = alipay.refund(new RefundRequest(paymentId, "ref_d_" + paymentId, 1, "CNY"));

        assertThat(first).isInstanceOf(RefundOutcome.Succeeded.class);
        assertThat(tooMuch).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(repeat).isEqualTo(first);
        assertThat(reused).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(rest).isInstanceOf(RefundOutcome.Succeeded.class).isNotEqualTo(first);
        assertThat(beyond).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(http.get("/sim/alipay/payments/" + paymentId).json().path("refundedAmount").longValue()).isEqualTo(1000);
    }

    @Test
    void unpaid_closed_unknown_and_other_currency_trades_refund_nothing() {
        String waiting = open(1000);
        String closed = open(1000);
        alipay.closeTrade(closed);
        String paid = openPaid(1000);

        assertThat(alipay.refund(new RefundRequest(waiting, "ref_" + waiting, 100, "CNY"))).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(alipay.refund(new RefundRequest(closed, "ref_" + closed, 100, "CNY"))).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(alipay.refund(new RefundRequest(newPaymentId(), "ref_x", 100, "CNY"))).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(alipay.refund(new RefundRequest(paid, "ref_" + paid, 100, "USD"))).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(alipay.refund(new RefundRequest(paid, "ref_" + paid, 0, "CNY"))).isInstanceOf(RefundOutcome.Failed.class);
        // A refused refund books nothing, so its refundId is still free for a corrected request.
        assertThat(alipay.refund(new RefundRequest(paid, "ref_" + paid, 100, "CNY"))).isInstanceOf(RefundOutcome.Succeeded.class);
    }

    @Test
    void concurrent_seeded_random_refunds_never_pass_the_amount_paid() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            String paymentId = openPaid(1000);
            long[] amounts = random.longs(24, 1, 300).toArray();

            List<RefundOutcome> outcomes = race(24, i -> alipay.refund(new RefundRequest(paymentId, "ref_" + i + "_" + paymentId, amounts[i], "CNY")));

            long succeeded = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                succeeded += outcomes.get(i) instanceof RefundOutcome.Succeeded ? amounts[i] : 0;
            }
            long refunded = http.get("/sim/alipay/payments/" + paymentId).json().path("refundedAmount").longValue();
            assertThat(succeeded).isEqualTo(refunded).isLessThanOrEqualTo(1000);
            assertThat(outcomes).allMatch(outcome -> outcome instanceof RefundOutcome.Succeeded || outcome instanceof RefundOutcome.Failed);
        }
    }

    @Test
    void the_timeout_fault_opens_the_trade_but_answers_unknown() {
        http.postJson("/sim/alipay/faults", "{\"nextTrades\": [\"TIMEOUT\"]}");
        String paymentId = newPaymentId();

        TradeOutcome lost = alipay.createTrade(request(paymentId, 1999));
        TradeStatus truth = alipay.queryTrade(paymentId);
        TradeOutcome retry = alipay.createTrade(request(paymentId, 1999));

        assertThat(lost).isInstanceOf(TradeOutcome.Unknown.class);
        assertThat(truth).isInstanceOf(TradeStatus.Waiting.class);
        assertThat(retry).isEqualTo(new TradeOutcome.Created(((TradeStatus.Waiting) truth).tradeNo(), "/sim/alipay/pay/" + paymentId));
    }

    @Test
    void the_decline_fault_opens_nothing_and_pending_opens_a_trade_that_never_autopays() {
        http.postJson("/sim/alipay/faults", "{\"nextTrades\": [\"DECLINE\", \"OK\", \"PENDING\"]}");
        String declined = newPaymentId();
        String normal = newPaymentId();
        String pending = newPaymentId();

        assertThat(alipay.createTrade(request(declined, 100))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(alipay.createTrade(request(normal, 100))).isInstanceOf(TradeOutcome.Created.class);
        assertThat(alipay.createTrade(request(pending, 100))).isInstanceOf(TradeOutcome.Created.class);
        assertThat(alipay.queryTrade(declined)).isEqualTo(new TradeStatus.NotFound());
        assertThat(http.get("/sim/alipay/payments/" + pending).json().has("autopayAt")).isFalse();
        assertThat(http.get("/sim/alipay/faults").json().path("nextTrades").isEmpty()).isTrue();
    }

    @Test
    void faults_of_one_channel_leave_the_other_alone() {
        http.postJson("/sim/alipay/faults", "{\"declineRate\": 1}");

        assertThat(alipay.createTrade(request(newPaymentId(), 100))).isInstanceOf(TradeOutcome.Declined.class);
        assertThat(channels.find("wechat").orElseThrow().createTrade(request(newPaymentId(), 100))).isInstanceOf(TradeOutcome.Created.class);
    }

    @Test
    void seeded_fault_rates_give_the_same_outcomes_again() {
        String rates = "{\"declineRate\": 0.25, \"pendingRate\": 0.25, \"timeoutRate\": 0.25, \"seed\": 7}";
        http.postJson("/sim/alipay/faults", rates);
        List<String> first = outcomeKinds(40);
        http.delete("/sim/alipay/faults");
        http.postJson("/sim/alipay/faults", rates);
        List<String> second = outcomeKinds(40);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains("Declined", "Created", "Unknown");
    }

    private List<String> outcomeKinds(int count) {
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kinds.add(alipay.createTrade(request(newPaymentId(), 100)).getClass().getSimpleName());
        }
        return kinds;
    }

    @Test
    void refund_faults_decline_or_book_the_refund_and_lose_the_answer() {
        String paymentId = openPaid(1000);
        http.postJson("/sim/alipay/faults", "{\"nextRefunds\": [\"DECLINE\", \"TIMEOUT\"]}");
        RefundRequest refund = new RefundRequest(paymentId, "ref_" + paymentId, 300, "CNY");

        RefundOutcome declined = alipay.refund(refund);
        long afterDecline = http.get("/sim/alipay/payments/" + paymentId).json().path("refundedAmount").longValue();
        RefundOutcome timedOut = alipay.refund(refund);
        RefundOutcome retried = alipay.refund(refund);

        assertThat(declined).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(afterDecline).isZero();
        assertThat(timedOut).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(retried).isInstanceOf(RefundOutcome.Succeeded.class);
        assertThat(http.get("/sim/alipay/payments/" + paymentId).json().path("refundedAmount").longValue()).isEqualTo(300);
    }

    /** Runs {@code threads} calls at once (released together) and returns their results in call order. */
    static <T> List<T> race(int threads, IndexedCall<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    interface IndexedCall<T> {
        T call(int index) throws Exception;
    }
}
