package io.payonce.gateway.book;

import static io.payonce.gateway.support.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.payonce.gateway.book.SandboxBook.BillEntry;
import io.payonce.gateway.book.SandboxBook.Closed;
import io.payonce.gateway.book.SandboxBook.OpenRequest;
import io.payonce.gateway.book.SandboxBook.Opened;
import io.payonce.gateway.book.SandboxBook.Reason;
import io.payonce.gateway.book.SandboxBook.RefundRequest;
import io.payonce.gateway.book.SandboxBook.Refunded;
import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;
import io.payonce.gateway.faults.FaultUpdate;
import io.payonce.gateway.faults.SandboxFaults;
import io.payonce.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

@GatewayIntegrationTest
class SandboxBookIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SandboxBook book;
    @Autowired
    TradeTransitions transitions;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    SandboxFaults faults;

    @AfterEach
    void resetFaults() {
        faults.require("alipay").reset();
        faults.require("wechat").reset();
    }

    static String newTradeNo() {
        return "pay_" + UUID.randomUUID().toString().replace("-", "");
    }

    static OpenRequest request(String channel, String outTradeNo, long amount) {
        return new OpenRequest(channel, "2021000000000001", outTradeNo, amount, "CNY", "Test product", "http://127.0.0.1:1/notify");
    }

    private void setFaults(String channel, String json) {
        faults.require(channel).apply(FaultUpdate.parse(JSON.readTree(json)));
    }

    private TradeView open(long amount) {
        Opened opened = book.open(request("alipay", newTradeNo(), amount));
        assertThat(opened).isInstanceOf(Opened.Created.class);
        return ((Opened.Created) opened).trade();
    }

    private TradeView openPaid(long amount) {
        TradeView trade = open(amount);
        assertThat(transitions.pay("alipay", trade.outTradeNo())).isInstanceOf(TradeTransitions.Result.Moved.class);
        return book.find("alipay", trade.outTradeNo()).orElseThrow();
    }

    private RefundRequest refund(String outTradeNo, String outRefundNo, long amount) {
        return new RefundRequest("alipay", outTradeNo, outRefundNo, amount, "CNY", "buyer asked");
    }

    @Test
    void a_new_trade_waits_for_the_buyer_with_an_alipay_style_trade_number() {
        TradeView trade = open(1999);

        assertThat(trade.tradeNo()).matches("\\d{8}22001\\d{15}");
        assertThat(trade.status()).isEqualTo(TradeState.WAIT_BUYER_PAY);
        assertThat(trade.notifyUrl()).isEqualTo("http://127.0.0.1:1/notify");
        assertThat(book.find("alipay", trade.outTradeNo())).contains(trade);
    }

    @Test
    void wechat_trades_carry_wechat_style_numbers_in_books_of_their_own() {
        String outTradeNo = newTradeNo();

        Opened.Created created = (Opened.Created) book.open(request("wechat", outTradeNo, 1));

        assertThat(created.trade().tradeNo()).matches("4200\\d{8}0\\d{15}");
        assertThat(book.find("alipay", outTradeNo)).isEmpty();
    }

    @Test
    void a_retried_open_returns_the_same_trade_and_another_amount_is_refused() {
        String outTradeNo = newTradeNo();

        Opened first = book.open(request("alipay", outTradeNo, 1999));
        Opened second = book.open(request("alipay", outTradeNo, 1999));
        Opened otherAmount = book.open(request("alipay", outTradeNo, 2999));

        assertThat(second).isEqualTo(first).isInstanceOf(Opened.Created.class);
        assertThat(otherAmount).isInstanceOfSatisfying(Opened.Declined.class,
                declined -> assertThat(declined.reason()).isEqualTo(Reason.AMOUNT_MISMATCH));
        assertThat(book.find("alipay", outTradeNo).orElseThrow().amount()).isEqualTo(1999);
    }

    @Test
    void concurrent_opens_of_one_trade_open_exactly_one() throws Exception {
        String outTradeNo = newTradeNo();

        List<Opened> outcomes = race(16, i -> book.open(request("alipay", outTradeNo, 500)));

        assertThat(outcomes).hasSize(16).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.getFirst()));
        assertThat(outcomes.getFirst()).isInstanceOf(Opened.Created.class);
    }

    @Test
    void malformed_open_requests_are_declined_as_invalid_and_open_nothing() {
        String id = newTradeNo();
        List<OpenRequest> bad = List.of(
                request("alipay", id, 0), request("alipay", id, -5), request("alipay", "pay/../x", 100),
                request("paypal", id, 100), request("alipay", id, Long.MAX_VALUE),
                new OpenRequest("alipay", "m", id, 100, "XYZ", "x", null),
                new OpenRequest("alipay", "m", id, 100, "CNY", "x".repeat(257), null),
                new OpenRequest("alipay", "", id, 100, "CNY", "x", null),
                new OpenRequest("alipay", "m", id, 100, "CNY", "x", "ftp://example.com/n"),
                new OpenRequest("alipay", "m", id, 100, "CNY", "x", "http://" + "a".repeat(300)));

        for (OpenRequest request : bad) {
            assertThat(book.open(request)).as(request.toString()).isInstanceOfSatisfying(Opened.Declined.class,
                    declined -> assertThat(declined.reason()).isEqualTo(Reason.INVALID_PARAMETER));
        }
        assertThat(book.find("alipay", id)).isEmpty();
    }

    @Test
    void closing_twice_is_harmless_a_closed_trade_cannot_be_reopened_and_a_paid_one_cannot_close() {
        TradeView waiting = open(1999);
        TradeView paid = openPaid(1999);

        assertThat(book.close("alipay", waiting.outTradeNo())).isInstanceOf(Closed.Done.class);
        assertThat(book.close("alipay", waiting.outTradeNo())).isInstanceOfSatisfying(Closed.Done.class,
                done -> assertThat(done.trade().status()).isEqualTo(TradeState.TRADE_CLOSED));
        assertThat(book.open(request("alipay", waiting.outTradeNo(), 1999))).isInstanceOfSatisfying(Opened.Declined.class,
                declined -> assertThat(declined.reason()).isEqualTo(Reason.TRADE_CLOSED));
        assertThat(book.close("alipay", paid.outTradeNo())).isEqualTo(new Closed.AlreadyPaid(paid));
        assertThat(book.close("alipay", newTradeNo())).isEqualTo(new Closed.NotFound());
        assertThat(outbox.ofTrade("alipay", waiting.outTradeNo())).extracting(NotificationOutbox.Entry::tradeStatus)
                .containsExactly(TradeState.TRADE_CLOSED);
    }

    @Test
    void racing_closes_and_payments_of_one_trade_end_in_exactly_one_final_state_with_one_notification() throws Exception {
        for (int round = 0; round < 5; round++) {
            TradeView trade = open(1999);

            List<Object> outcomes = race(32, i -> i % 2 == 0
                    ? book.close("alipay", trade.outTradeNo())
                    : transitions.pay("alipay", trade.outTradeNo()));

            TradeView settled = book.find("alipay", trade.outTradeNo()).orElseThrow();
            List<Object> closes = outcomes.stream().filter(Closed.class::isInstance).toList();
            List<Object> pays = outcomes.stream().filter(TradeTransitions.Result.class::isInstance).toList();
            assertThat(closes).hasSize(16);
            assertThat(outbox.ofTrade("alipay", trade.outTradeNo())).singleElement()
                    .extracting(NotificationOutbox.Entry::tradeStatus).isEqualTo(settled.status());
            if (settled.status() == TradeState.TRADE_SUCCESS) {
                assertThat(closes).containsOnly(new Closed.AlreadyPaid(settled));
                assertThat(pays).filteredOn(TradeTransitions.Result.Moved.class::isInstance).hasSize(1);
                assertThat(pays).filteredOn(TradeTransitions.Result.AlreadyThere.class::isInstance).hasSize(15);
            } else {
                assertThat(settled.status()).isEqualTo(TradeState.TRADE_CLOSED);
                assertThat(closes).containsOnly(new Closed.Done(settled));
                assertThat(pays).hasSize(16).allMatch(TradeTransitions.Result.Refused.class::isInstance);
            }
        }
    }

    @Test
    void refunds_never_exceed_the_amount_paid_and_repeat_by_refund_number() {
        String paid = openPaid(1000).outTradeNo();

        Refunded first = book.refund(refund(paid, "ref_a_" + paid, 600));
        Refunded tooMuch = book.refund(refund(paid, "ref_b_" + paid, 401));
        Refunded repeat = book.refund(refund(paid, "ref_a_" + paid, 600));
        Refunded reused = book.refund(refund(paid, "ref_a_" + paid, 300));
        Refunded rest = book.refund(refund(paid, "ref_c_" + paid, 400));
        Refunded beyond = book.refund(refund(paid, "ref_d_" + paid, 1));

        assertThat(first).isInstanceOf(Refunded.Done.class);
        assertThat(reason(tooMuch)).isEqualTo(Reason.REFUND_EXCEEDS_PAID);
        assertThat(repeat).isEqualTo(first);
        assertThat(reason(reused)).isEqualTo(Reason.REFUND_NO_REUSED);
        assertThat(rest).isInstanceOf(Refunded.Done.class).isNotEqualTo(first);
        assertThat(reason(beyond)).isEqualTo(Reason.REFUND_EXCEEDS_PAID);
        assertThat(book.find("alipay", paid).orElseThrow().refundedAmount()).isEqualTo(1000);
        assertThat(book.findRefund("alipay", "ref_a_" + paid)).contains(((Refunded.Done) first).refund());
        assertThat(((Refunded.Done) first).refund().refundNo()).matches("RF\\d{8}\\d{15}");
    }

    @Test
    void unpaid_closed_unknown_and_other_currency_trades_refund_nothing() {
        String waiting = open(1000).outTradeNo();
        String closed = open(1000).outTradeNo();
        book.close("alipay", closed);
        String paid = openPaid(1000).outTradeNo();

        assertThat(reason(book.refund(refund(waiting, "ref_" + waiting, 100)))).isEqualTo(Reason.TRADE_NOT_PAID);
        assertThat(reason(book.refund(refund(closed, "ref_" + closed, 100)))).isEqualTo(Reason.TRADE_CLOSED);
        assertThat(reason(book.refund(refund(newTradeNo(), "ref_x", 100)))).isEqualTo(Reason.TRADE_NOT_FOUND);
        assertThat(reason(book.refund(new RefundRequest("alipay", paid, "ref_" + paid, 100, "USD", null))))
                .isEqualTo(Reason.INVALID_PARAMETER);
        assertThat(reason(book.refund(refund(paid, "ref_" + paid, 0)))).isEqualTo(Reason.INVALID_PARAMETER);
        // A refused refund books nothing, so its number is still free for a corrected request.
        assertThat(book.refund(refund(paid, "ref_" + paid, 100))).isInstanceOf(Refunded.Done.class);
        assertThat(book.findRefund("alipay", "ref_" + waiting)).isEmpty();
    }

    @Test
    void concurrent_seeded_random_refunds_never_pass_the_amount_paid() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            String paid = openPaid(1000).outTradeNo();
            long[] amounts = random.longs(24, 1, 300).toArray();

            List<Refunded> outcomes = race(24, i -> book.refund(refund(paid, "ref_" + i + "_" + paid, amounts[i])));

            long succeeded = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                succeeded += outcomes.get(i) instanceof Refunded.Done ? amounts[i] : 0;
            }
            assertThat(succeeded).isEqualTo(book.find("alipay", paid).orElseThrow().refundedAmount()).isLessThanOrEqualTo(1000);
            assertThat(outcomes).allMatch(outcome -> outcome instanceof Refunded.Done
                    || reason(outcome) == Reason.REFUND_EXCEEDS_PAID);
        }
    }

    @Test
    void the_timeout_fault_opens_the_trade_but_loses_the_answer_and_a_retry_finds_it() {
        setFaults("alipay", "{\"nextTrades\": [\"TIMEOUT\"]}");
        String outTradeNo = newTradeNo();

        Opened lost = book.open(request("alipay", outTradeNo, 1999));
        Opened retry = book.open(request("alipay", outTradeNo, 1999));

        assertThat(lost).isInstanceOfSatisfying(Opened.Created.class, created -> assertThat(created.answerLost()).isTrue());
        assertThat(retry).isEqualTo(new Opened.Created(((Opened.Created) lost).trade(), false));
        assertThat(book.find("alipay", outTradeNo).orElseThrow().status()).isEqualTo(TradeState.WAIT_BUYER_PAY);
    }

    @Test
    void the_decline_fault_opens_nothing_and_pending_opens_a_trade() {
        setFaults("alipay", "{\"nextTrades\": [\"DECLINE\", \"OK\", \"PENDING\"]}");
        String declined = newTradeNo();

        assertThat(book.open(request("alipay", declined, 100))).isEqualTo(
                new Opened.Declined(Reason.DECLINED_BY_FAULT_SWITCH, "declined by the sandbox's fault switch"));
        assertThat(book.open(request("alipay", newTradeNo(), 100))).isInstanceOf(Opened.Created.class);
        assertThat(book.open(request("alipay", newTradeNo(), 100))).isInstanceOf(Opened.Created.class);
        assertThat(book.find("alipay", declined)).isEmpty();
        assertThat(faults.require("alipay").view().nextTrades()).isEmpty();
    }

    @Test
    void faults_of_one_channel_leave_the_other_alone() {
        setFaults("alipay", "{\"declineRate\": 1}");

        assertThat(book.open(request("alipay", newTradeNo(), 100))).isInstanceOf(Opened.Declined.class);
        assertThat(book.open(request("wechat", newTradeNo(), 100))).isInstanceOf(Opened.Created.class);
    }

    @Test
    void seeded_fault_rates_give_the_same_outcomes_again() {
        String rates = "{\"declineRate\": 0.25, \"pendingRate\": 0.25, \"timeoutRate\": 0.25, \"seed\": 7}";
        setFaults("alipay", rates);
        List<String> first = outcomeKinds(40);
        faults.require("alipay").reset();
        setFaults("alipay", rates);
        List<String> second = outcomeKinds(40);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains("Declined", "Created", "Lost");
    }

    private List<String> outcomeKinds(int count) {
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Opened opened = book.open(request("alipay", newTradeNo(), 100));
            kinds.add(opened instanceof Opened.Created created && created.answerLost() ? "Lost" : opened.getClass().getSimpleName());
        }
        return kinds;
    }

    @Test
    void refund_faults_decline_or_book_the_refund_and_lose_the_answer() {
        String paid = openPaid(1000).outTradeNo();
        setFaults("alipay", "{\"nextRefunds\": [\"DECLINE\", \"TIMEOUT\"]}");
        RefundRequest request = refund(paid, "ref_" + paid, 300);

        Refunded declined = book.refund(request);
        long afterDecline = book.find("alipay", paid).orElseThrow().refundedAmount();
        Refunded timedOut = book.refund(request);
        Refunded retried = book.refund(request);

        assertThat(reason(declined)).isEqualTo(Reason.DECLINED_BY_FAULT_SWITCH);
        assertThat(afterDecline).isZero();
        assertThat(timedOut).isInstanceOfSatisfying(Refunded.Done.class, done -> assertThat(done.answerLost()).isTrue());
        assertThat(retried).isEqualTo(new Refunded.Done(((Refunded.Done) timedOut).refund(), false));
        assertThat(book.find("alipay", paid).orElseThrow().refundedAmount()).isEqualTo(300);
    }

    @Test
    void the_bill_of_today_lists_the_channels_payments_and_refunds_and_nothing_unpaid() {
        TradeView paid = openPaid(1000);
        TradeView waiting = open(700);
        book.refund(refund(paid.outTradeNo(), "ref_" + paid.outTradeNo(), 250));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        List<BillEntry> bill = book.bill("alipay", today);

        assertThat(bill).filteredOn(entry -> entry.outTradeNo().equals(paid.outTradeNo()))
                .extracting(BillEntry::refundNo, BillEntry::amount, BillEntry::tradeNo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, 1000L, paid.tradeNo()),
                        org.assertj.core.groups.Tuple.tuple(book.findRefund("alipay", "ref_" + paid.outTradeNo()).orElseThrow().refundNo(),
                                250L, paid.tradeNo()));
        assertThat(bill).noneMatch(entry -> entry.outTradeNo().equals(waiting.outTradeNo()));
        assertThat(book.bill("wechat", today)).noneMatch(entry -> entry.outTradeNo().equals(paid.outTradeNo()));
        assertThat(book.bill("alipay", today.minusDays(1))).noneMatch(entry -> entry.outTradeNo().equals(paid.outTradeNo()));
    }

    @Test
    void a_trade_without_a_notify_url_is_paid_without_a_notification() {
        String outTradeNo = newTradeNo();
        book.open(new OpenRequest("alipay", "m", outTradeNo, 100, "CNY", "x", null));

        assertThat(transitions.pay("alipay", outTradeNo)).isInstanceOf(TradeTransitions.Result.Moved.class);
        assertThat(outbox.ofTrade("alipay", outTradeNo)).isEmpty();
    }

    private static Reason reason(Refunded refunded) {
        return refunded instanceof Refunded.Declined declined ? declined.reason() : null;
    }

}
