package io.payonce.gateway.book;

import java.time.Instant;

import io.payonce.gateway.book.SandboxBook.RefundView;

/** One refund the sandbox booked; {@code outRefundNo} is the merchant's refund number. */
public record Refund(String channel, String outRefundNo, String outTradeNo, String refundNo, long amount, String currency,
                     String reason, Instant createdAt) {

    public RefundView view() {
        return new RefundView(channel, outTradeNo, outRefundNo, refundNo, amount, currency, createdAt);
    }
}
