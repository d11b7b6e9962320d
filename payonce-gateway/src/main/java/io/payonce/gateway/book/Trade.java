package io.payonce.gateway.book;

import java.time.Instant;

import io.payonce.gateway.book.SandboxBook.TradeState;
import io.payonce.gateway.book.SandboxBook.TradeView;

/** A trade as the sandbox books it, with what only the sandbox itself shows (merchant, autopay time). */
public record Trade(String channel, String outTradeNo, String tradeNo, String merchantId, String subject, long amount,
                   String currency, String notifyUrl, TradeState status, long refundedAmount, Instant autopayAt,
                   Instant createdAt, Instant paidAt, Instant closedAt) {

    /** The trade as the protocol layers see it. */
    public TradeView view() {
        return view(status);
    }

    /** The trade as a notification of {@code reported} tells it (a stale one of the reorder fault reports an older status). */
    public TradeView view(TradeState reported) {
        return new TradeView(channel, outTradeNo, tradeNo, subject, amount, currency, reported, refundedAmount, notifyUrl,
                createdAt, paidAt, closedAt);
    }
}
