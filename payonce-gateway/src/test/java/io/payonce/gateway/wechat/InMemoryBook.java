package io.payonce.gateway.wechat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.payonce.gateway.book.SandboxBook;

/**
 * A test double of the sandbox's books, in memory, for testing the WeChat Pay protocol on its own
 * (the real books live in PostgreSQL). It keeps the rules a protocol relies on: idempotent opens
 * and refunds, no refund past the amount paid, no close of a paid trade.
 */
final class InMemoryBook implements SandboxBook {

    private final Map<String, TradeView> trades = new ConcurrentHashMap<>();
    private final Map<String, RefundView> refunds = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Clock clock;
    volatile boolean loseNextAnswer;
    volatile boolean declineNext;

    InMemoryBook(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Opened open(OpenRequest request) {
        if (declineNext) {
            declineNext = false;
            return new Opened.Declined(Reason.DECLINED_BY_FAULT_SWITCH, "declined by the fault switch");
        }
        TradeView existing = trades.get(request.outTradeNo());
        if (existing != null && existing.amount() != request.amount()) {
            return new Opened.Declined(Reason.AMOUNT_MISMATCH, "out_trade_no names a trade of another amount");
        }
        TradeView trade = existing != null ? existing : new TradeView(request.channel(), request.outTradeNo(),
                "4200000000" + (1000 + sequence.incrementAndGet()), request.subject(), request.amount(), request.currency(),
                TradeState.WAIT_BUYER_PAY, 0, request.notifyUrl(), clock.instant(), null, null);
        trades.put(trade.outTradeNo(), trade);
        return new Opened.Created(trade, takeLoss());
    }

    @Override
    public Optional<TradeView> find(String channel, String outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo));
    }

    @Override
    public synchronized Closed close(String channel, String outTradeNo) {
        TradeView trade = trades.get(outTradeNo);
        if (trade == null) {
            return new Closed.NotFound();
        }
        if (trade.status() == TradeState.TRADE_SUCCESS) {
            return new Closed.AlreadyPaid(trade);
        }
        TradeView closed = with(trade, TradeState.TRADE_CLOSED, trade.refundedAmount(), null, clock.instant());
        trades.put(outTradeNo, closed);
        return new Closed.Done(closed);
    }

    @Override
    public synchronized Refunded refund(RefundRequest request) {
        RefundView earlier = refunds.get(request.outRefundNo());
        if (earlier != null) {
            return earlier.amount() == request.amount() && earlier.outTradeNo().equals(request.outTradeNo())
                    ? new Refunded.Done(earlier, takeLoss())
                    : new Refunded.Declined(Reason.REFUND_NO_REUSED, "out_refund_no names another refund");
        }
        TradeView trade = trades.get(request.outTradeNo());
        if (trade == null) {
            return new Refunded.Declined(Reason.TRADE_NOT_FOUND, "no such trade");
        }
        if (trade.status() != TradeState.TRADE_SUCCESS) {
            return new Refunded.Declined(Reason.TRADE_NOT_PAID, "the trade is not paid");
        }
        if (trade.refundedAmount() + request.amount() > trade.amount()) {
            return new Refunded.Declined(Reason.REFUND_EXCEEDS_PAID, "refund exceeds what is left");
        }
        RefundView refund = new RefundView(request.channel(), request.outTradeNo(), request.outRefundNo(),
                "5030000000" + (1000 + sequence.incrementAndGet()), request.amount(), request.currency(), clock.instant());
        refunds.put(refund.outRefundNo(), refund);
        trades.put(trade.outTradeNo(), with(trade, trade.status(), trade.refundedAmount() + request.amount(), trade.paidAt(), null));
        return new Refunded.Done(refund, takeLoss());
    }

    @Override
    public Optional<RefundView> findRefund(String channel, String outRefundNo) {
        return Optional.ofNullable(refunds.get(outRefundNo));
    }

    @Override
    public List<BillEntry> bill(String channel, LocalDate day) {
        return List.of();
    }

    /** The buyer pays: what the pay page does in the real sandbox. */
    synchronized TradeView pay(String outTradeNo) {
        TradeView paid = with(trades.get(outTradeNo), TradeState.TRADE_SUCCESS, 0, clock.instant(), null);
        trades.put(outTradeNo, paid);
        return paid;
    }

    private boolean takeLoss() {
        boolean lost = loseNextAnswer;
        loseNextAnswer = false;
        return lost;
    }

    private static TradeView with(TradeView trade, TradeState state, long refunded, Instant paidAt, Instant closedAt) {
        return new TradeView(trade.channel(), trade.outTradeNo(), trade.tradeNo(), trade.subject(), trade.amount(), trade.currency(),
                state, refunded, trade.notifyUrl(), trade.createdAt(), paidAt, closedAt);
    }
}
