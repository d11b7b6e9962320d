package io.payonce.gateway.alipay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.payonce.gateway.book.SandboxBook;

/**
 * A test double of the sandbox's books, in memory: enough of the real book's rules (idempotent
 * opens and refunds, refunds within the paid amount) to test the Alipay protocol layer without a
 * database. The proof against the real book is in the service's tests.
 */
final class MemoryBook implements SandboxBook {

    private final Map<String, TradeView> trades = new ConcurrentHashMap<>();
    private final Map<String, RefundView> refunds = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong(2026113022001400000L);
    volatile boolean loseNextAnswer;

    @Override
    public synchronized Opened open(OpenRequest request) {
        TradeView existing = trades.get(request.outTradeNo());
        if (existing != null) {
            return existing.amount() == request.amount() ? new Opened.Created(existing, takeLoss())
                    : new Opened.Declined(Reason.AMOUNT_MISMATCH, "another amount under this out_trade_no");
        }
        TradeView trade = new TradeView(request.channel(), request.outTradeNo(), Long.toString(numbers.incrementAndGet()),
                request.subject(), request.amount(), request.currency(), TradeState.WAIT_BUYER_PAY, 0, request.notifyUrl(),
                Instant.now(), null, null);
        trades.put(trade.outTradeNo(), trade);
        return new Opened.Created(trade, takeLoss());
    }

    synchronized void pay(String outTradeNo) {
        TradeView t = trades.get(outTradeNo);
        trades.put(outTradeNo, new TradeView(t.channel(), t.outTradeNo(), t.tradeNo(), t.subject(), t.amount(), t.currency(),
                TradeState.TRADE_SUCCESS, 0, t.notifyUrl(), t.createdAt(), Instant.now(), null));
    }

    @Override
    public Optional<TradeView> find(String channel, String outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo));
    }

    @Override
    public synchronized Closed close(String channel, String outTradeNo) {
        TradeView t = trades.get(outTradeNo);
        if (t == null) {
            return new Closed.NotFound();
        }
        if (t.status() == TradeState.TRADE_SUCCESS) {
            return new Closed.AlreadyPaid(t);
        }
        TradeView closed = new TradeView(t.channel(), t.outTradeNo(), t.tradeNo(), t.subject(), t.amount(), t.currency(),
                TradeState.TRADE_CLOSED, 0, t.notifyUrl(), t.createdAt(), null, Instant.now());
        trades.put(outTradeNo, closed);
        return new Closed.Done(closed);
    }

    @Override
    public synchronized Refunded refund(RefundRequest request) {
        RefundView seen = refunds.get(request.outRefundNo());
        if (seen != null) {
            return seen.outTradeNo().equals(request.outTradeNo()) && seen.amount() == request.amount()
                    ? new Refunded.Done(seen, takeLoss()) : new Refunded.Declined(Reason.REFUND_NO_REUSED, "out_request_no reused");
        }
        TradeView t = trades.get(request.outTradeNo());
        if (t == null) {
            return new Refunded.Declined(Reason.TRADE_NOT_FOUND, "no such trade");
        }
        if (t.status() != TradeState.TRADE_SUCCESS) {
            return new Refunded.Declined(Reason.TRADE_NOT_PAID, "trade not paid");
        }
        if (t.refundedAmount() + request.amount() > t.amount()) {
            return new Refunded.Declined(Reason.REFUND_EXCEEDS_PAID, "refund exceeds the amount paid");
        }
        RefundView refund = new RefundView(request.channel(), request.outTradeNo(), request.outRefundNo(),
                Long.toString(numbers.incrementAndGet()), request.amount(), request.currency(), Instant.now());
        refunds.put(request.outRefundNo(), refund);
        trades.put(t.outTradeNo(), new TradeView(t.channel(), t.outTradeNo(), t.tradeNo(), t.subject(), t.amount(), t.currency(),
                t.status(), t.refundedAmount() + request.amount(), t.notifyUrl(), t.createdAt(), t.paidAt(), t.closedAt()));
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

    int tradeCount() {
        return trades.size();
    }

    private boolean takeLoss() {
        boolean lose = loseNextAnswer;
        loseNextAnswer = false;
        return lose;
    }
}
