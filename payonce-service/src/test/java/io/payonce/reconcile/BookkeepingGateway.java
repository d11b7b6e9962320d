package io.payonce.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.payonce.channels.PaymentChannel;
import io.payonce.gateway.bills.AlipayTradeBill;
import io.payonce.gateway.book.SandboxBook.BillEntry;

/**
 * A gateway double that keeps a book in memory and hands out Alipay's trade bill of it, written by
 * the sandbox gateway's own writer; with switches that make its book and payonce's disagree in each
 * way a reconciliation must find. The end-to-end proof runs against the sandbox gateway over HTTP
 * (ReconciliationSandboxIT); this double lets every kind of disagreement be seeded, including those
 * the sandbox has no switch for (a trade it forgets, a bill with another amount).
 */
public final class BookkeepingGateway implements PaymentChannel {

    public enum RefundAnswer { SUCCEEDED, LOST, FAILED_AFTER_BOOKING }

    private enum State { WAITING, PAID, CLOSED }

    private record Trade(String tradeNo, long amount, String currency, State state, Instant paidAt) {
        Trade with(State next, Instant at) {
            return new Trade(tradeNo, amount, currency, next, at);
        }
    }

    private record Booked(String paymentId, String refundNo, long amount, Instant at) {
    }

    private final String name;
    private final Clock clock;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, Booked> refunds = new ConcurrentHashMap<>();
    private final Map<String, Long> billedAmounts = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile RefundAnswer nextRefund = RefundAnswer.SUCCEEDED;
    private volatile BillDownload billInstead;
    private volatile boolean billThrows;

    public BookkeepingGateway(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    // --- the switches ---------------------------------------------------------------------------

    public void buyerPays(String paymentId) {
        trades.computeIfPresent(paymentId, (id, trade) -> trade.with(State.PAID, clock.instant()));
    }

    /** A trade payonce never opened, paid. */
    public void foreignPaidTrade(String outTradeNo, long amount) {
        trades.put(outTradeNo, new Trade(tradeNo(), amount, "CNY", State.PAID, clock.instant()));
    }

    public void forgetTrade(String paymentId) {
        trades.remove(paymentId);
    }

    /** The bill shows another amount for this trade than the gateway's query does. */
    public void billAnotherAmount(String paymentId, long amount) {
        billedAmounts.put(paymentId, amount);
    }

    public void answerNextRefund(RefundAnswer answer) {
        nextRefund = answer;
    }

    public void foreignRefund(String paymentId, String outRefundNo, long amount) {
        refunds.put(outRefundNo, new Booked(paymentId, "R" + numbers.incrementAndGet(), amount, clock.instant()));
    }

    public void forgetRefund(String refundId) {
        refunds.remove(refundId);
    }

    /** Hands out {@code download} instead of the bill of its book (null: the book's bill again). */
    public void serveBill(BillDownload download) {
        billInstead = download;
    }

    /** Breaks the port's promise: the download throws, as a buggy adapter might. */
    public void throwOnBill(boolean throwing) {
        billThrows = throwing;
    }

    // --- the port -------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public TradeOutcome createTrade(TradeRequest request) {
        Trade trade = trades.computeIfAbsent(request.paymentId(),
                id -> new Trade(tradeNo(), request.amount(), request.currency(), State.WAITING, null));
        return new TradeOutcome.Created(trade.tradeNo(), "https://pay.example/" + request.paymentId());
    }

    @Override
    public TradeStatus queryTrade(String paymentId) {
        Trade trade = trades.get(paymentId);
        if (trade == null) {
            return new TradeStatus.NotFound();
        }
        return switch (trade.state()) {
            case WAITING -> new TradeStatus.Waiting(trade.tradeNo());
            case PAID -> new TradeStatus.Paid(trade.tradeNo(), trade.amount(), trade.currency());
            case CLOSED -> new TradeStatus.Closed(trade.tradeNo());
        };
    }

    @Override
    public CloseOutcome closeTrade(String paymentId) {
        Trade trade = trades.get(paymentId);
        if (trade == null) {
            return new CloseOutcome.NotFound();
        }
        if (trade.state() == State.PAID) {
            return new CloseOutcome.AlreadyPaid(trade.tradeNo(), trade.amount(), trade.currency());
        }
        trades.put(paymentId, trade.with(State.CLOSED, null));
        return new CloseOutcome.Closed();
    }

    /** The buyer's payment reaches a trade the gateway had closed: what a real gateway must never do, and sometimes does. */
    public void chargeClosedTrade(String paymentId) {
        trades.computeIfPresent(paymentId, (id, trade) -> trade.with(State.PAID, clock.instant()));
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        Booked booked = refunds.computeIfAbsent(request.refundId(),
                id -> new Booked(request.paymentId(), "R" + numbers.incrementAndGet(), request.amount(), clock.instant()));
        RefundAnswer answer = nextRefund;
        nextRefund = RefundAnswer.SUCCEEDED;
        return switch (answer) {
            case SUCCEEDED -> new RefundOutcome.Succeeded(booked.refundNo());
            case LOST -> new RefundOutcome.Unknown("read timed out");
            case FAILED_AFTER_BOOKING -> new RefundOutcome.Failed("SYSTEM_ERROR");
        };
    }

    @Override
    public RefundQuery queryRefund(String paymentId, String refundId) {
        Booked booked = refunds.get(refundId);
        return booked == null || !booked.paymentId().equals(paymentId)
                ? new RefundQuery.NotFound()
                : new RefundQuery.Succeeded(booked.refundNo(), booked.amount());
    }

    @Override
    public Notification parseNotification(InboundNotification inbound) {
        return new Notification.Invalid("this gateway sends no notifications");
    }

    @Override
    public NotificationReply reply(boolean accepted) {
        return new NotificationReply(200, "text/plain", accepted ? "success" : "fail");
    }

    @Override
    public BillDownload downloadBill(LocalDate day) {
        if (billThrows) {
            throw new IllegalStateException("adapter bug");
        }
        if (billInstead != null) {
            return billInstead;
        }
        List<BillEntry> entries = new ArrayList<>();
        trades.forEach((paymentId, trade) -> {
            if (trade.state() == State.PAID && on(day, trade.paidAt())) {
                entries.add(new BillEntry(paymentId, trade.tradeNo(), null, null, "Test goods",
                        billedAmounts.getOrDefault(paymentId, trade.amount()), trade.currency(), trade.paidAt()));
            }
        });
        refunds.forEach((refundId, booked) -> {
            if (on(day, booked.at())) {
                Trade trade = trades.get(booked.paymentId());
                entries.add(new BillEntry(booked.paymentId(), trade == null ? "T-unknown" : trade.tradeNo(), refundId,
                        booked.refundNo(), "Test goods", booked.amount(), "CNY", booked.at()));
            }
        });
        return new BillDownload.Ready(AlipayTradeBillReader.FORMAT, AlipayTradeBill.zip("2088000000000001", day, entries,
                LocalDateTime.now(clock.withZone(DailyReconciliation.GATEWAY_ZONE))));
    }

    private static boolean on(LocalDate day, Instant at) {
        return at.atZone(DailyReconciliation.GATEWAY_ZONE).toLocalDate().equals(day);
    }

    private String tradeNo() {
        return "2026" + String.format("%020d", numbers.incrementAndGet());
    }
}
