package io.payonce.channels.sim;

import java.time.Instant;

/** A trade as the simulated gateway books it; {@code outTradeNo} is payonce's paymentId. */
public record Trade(String channel, String outTradeNo, String tradeNo, String orderId, String subject, long amount,
             String currency, TradeState status, long refundedAmount, Instant autopayAt, Instant createdAt,
             Instant paidAt, Instant closedAt) {
}
